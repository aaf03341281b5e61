"""A body named by its common noun right before the verb is the verb's subject: in "Mexico has recorded
thousands of murders since the government deployed the army", the government deployed it, not Mexico, the
name the clause gives before it; a reader takes "the government" for the body the story is about, named by
its noun when the text names it no better, and "the army" of a state whose soldiers the story named for that
state's army ("Ruritanian soldiers" ... "the army sent reinforcements": the Ruritanian army).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Sequence

from newswire.processors.actor_names import ActorMention

__all__ = ["as_state_body", "body_subject"]

# "the government deployed", "the army has also sent": the body's noun, maybe an auxiliary, then the verb
_THE_BODY_RE = re.compile(r"(?:^|(?<=[\s\"“]))[Tt]he\s+(?P<n>government|army|military|navy|police|authorities"
                          r"|ministry|junta|regime|administration)\s+(?:(?:has|have|had|also|then|later|\w+ly)\s+){0,2}$")
# the last word of a state's body as the actor layer labels it: "Ruritanian soldiers (Ruritania)"
_ARMED_HEADS = frozenset({"forces", "troops", "soldiers", "military", "army", "navy"})
_ARMED_NOUNS = frozenset({"army", "military", "navy"})


def body_subject(text: str, left: int, start: int, before: Sequence[ActorMention], antecedent: Callable[
        ..., ActorMention | None], mentions: Sequence[ActorMention], starts: Sequence[int]) -> list[ActorMention] | None:
    """The subject "the <body>" right before the verb at ``start``, after every actor named ``before`` it in its
    clause: the body ``antecedent`` resolves it to (relabelled by ``as_state_body``), else the bare noun; None
    where no such noun stands there."""
    if not before or text.find("he ", max(left, start - 40), start) < 0:
        return None
    m = _THE_BODY_RE.search(text, max(left, start - 40), start)
    if m is None or any(a.end > m.start() for a in before):
        return None
    noun = m.group("n")
    found = antecedent(text, mentions, starts, left, start)
    if found is not None:
        return [as_state_body(found, noun)]
    # the one state the clause named before it is the body's ("Mexico has ... since the government deployed")
    states = {a.country_code for a in before if a.kind == "country"}
    state = states.pop() if len(states) == 1 else None
    return [ActorMention(m.start("n"), m.end("n"), noun, noun, "organisation", None, state)]


def as_state_body(found: ActorMention, noun: str) -> ActorMention:
    """``found`` (a state's body labelled "Ruritanian soldiers (Ruritania)") as the body ``noun`` names ("army":
    "Ruritanian army (Ruritania)"); any other actor as it is."""
    name = found.name
    if noun not in _ARMED_NOUNS or found.kind != "country" or not name.endswith(")") or " (" not in name:
        return found
    cut = name.rindex(" (")
    words = name[:cut].split()
    if len(words) < 2 or words[-1].lower() not in _ARMED_HEADS or words[-1].lower() == noun:
        return found
    label = " ".join(words[:-1] + [noun]) + name[cut:]
    return replace(found, name=label, written=label)
