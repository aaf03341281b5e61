"""Bare "troops" and "soldiers" are the armed force the story has named: once a text has said "the Ruritanian
army", "government forces" or "the National Defence Force", a later "troops seized weapons" or "federal troops
arrested ten men" tells of that force's soldiers, and a reader (and an annotator) names the force as the one
that acted, as a military release's "our troops" means the force that issues it.

:func:`named_force` finds that force for an agent written as the bare noun.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from newswire.processors.actor_names import ActorMention

__all__ = ["BARE_FORCES", "named_force", "our_force"]

BARE_FORCES = frozenset({"troops", "soldiers", "army", "military", "forces"})
# words before the bare noun that make it another side's: "rebel soldiers", "enemy troops", "UN troops"
_OTHER_SIDE = frozenset({"rebel", "enemy", "foreign", "militia", "insurgent", "opposition", "separatist", "allied",
                         "peacekeeping", "coalition", "mutinous", "renegade", "former", "rival", "junta"})
# the last word of a state's armed force as the actor layer names it: "Chadian army (Chad)", "Iraqi forces"
# or its name with its state after it: "National Army of Ruritania", "Armed Forces of Ruritania"
_FORCE_NAME_RE = re.compile(r"\b(?:[Aa]rmy|[Mm]ilitary|[Ff]orces?|[Tt]roops|[Ss]oldiers|[Nn]avy|[Mm]arines"
                            r"|[Gg]endarmerie)(?: of(?: the)? [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)?(?: \([^)]*\))?$")
# "Ruritania's army", "the country's armed forces": a state's force by its owner's name
_OWNED_FORCE_RE = re.compile(r"(?:armed )?(?:army|military|forces|troops|soldiers|navy)\b")
# a force's own words for itself, quoted in its release: "Our forces neutralised", "our troops have seized"
_OUR_FORCE_RE = re.compile(r"\b[Oo]ur\s+(?:armed\s+|brave\s+|gallant\s+)?(?:forces|troops|soldiers|units|men|army|navy"
                           r"|servicemen|personnel)\s+(?:(?:have|has|had|also|then|\w+ly)\s+){0,2}$")
_REACH = 3000   # characters back: a force named in the story's first paragraphs


def named_force(text: str, mentions: Sequence[ActorMention], starts: Sequence[int],
                agent: ActorMention) -> ActorMention | None:
    """The state's armed force named before ``agent`` (a bare "troops"/"soldiers", maybe after "federal", "our",
    "the") within the story, written as a force; None if the story names none, or the noun is someone else's
    ("rebel soldiers", "Ruritanian troops": another side's)."""
    if agent.name not in BARE_FORCES or agent.written.lower() != agent.name:
        return None
    words = text[max(0, agent.start - 24):agent.start].split()
    prev = words[-1] if words else ""
    if prev.lower() in _OTHER_SIDE or prev in ("its", "their") or prev[:1].isupper() and prev[-1:] not in ".!?\"”,:" \
            and prev not in ("The", "Our"):
        return None   # "rebel soldiers", "Houthi troops": their side; "its troops": the owner's, named by it
    return _force_before(text, mentions, starts, agent.start, agent.name)


def _force_before(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], at: int,
                  bare: str = "troops") -> ActorMention | None:
    i = bisect.bisect_left(starts, at) - 1
    found = None
    while i >= 0 and at - mentions[i].start < _REACH:
        a = mentions[i]
        if a.kind in ("country", "organisation") and a.name not in BARE_FORCES \
                and _FORCE_NAME_RE.search(a.name) is not None or a.kind == "country" and text.startswith(
                    ("'s ", "’s "), a.end) and _OWNED_FORCE_RE.match(text, a.end + 3) is not None:
            if a.kind == "country":   # a state's force ("Chadian army (Chad)") before a unit or militia beside it
                return _as_force(a, bare)
            if bare in _ARMY and _STATE_ARMY_RE.search(a.name) is None:
                pass   # "the army" is no "Rapid Support Forces" nor "People's Defence Force": a state's army
            else:
                found = found or a
        i -= 1
    return found


_ARMY = frozenset({"army", "military"})
_STATE_ARMY_RE = re.compile(r"\b(?:Army|Armed Forces|Military|Defen[cs]e Forces)\b")
def _as_force(a: ActorMention, bare: str) -> ActorMention | None:
    """A state's force found before a bare ``bare`` ("the army", "troops") as it is named in the actor layer (the
    place layer finds the agent's mentions by that name); None for a bare "army" after a force named otherwise
    ("Ruritanian troops (Ruritania)"): "the army" already names it as readers do."""
    if bare in _ARMY and "(" in a.name and a.name.partition(" (")[0].rsplit(" ", 1)[-1] not in _ARMY:
        return None
    return a


def our_force(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], left: int,
              start: int) -> ActorMention | None:
    """The force that says "our forces" right before the verb at ``start`` (the subject of its own deed, in a
    quote from its release): the state's force the story named before, else None."""
    if text.find("ur ", max(left, start - 50), start) < 0:
        return None
    m = _OUR_FORCE_RE.search(text, max(left, start - 50), start)
    if m is None:
        return None
    return _force_before(text, mentions, starts, m.start())
