"""A group that claims an attack is the one that made it: once a story says "the Ruritanian Liberation Front
claimed responsibility", the "gunmen" or "attackers" of its earlier sentences (or an "attack" with no actor
written) are that group, as a reader and an annotator name them. The anonymous noun the sentence wrote stays
beside the group: some annotators keep it, and a list of both pairs with either.

:func:`claimed_agents` adds the claimant to the agents of an attack told before the claim.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from newswire.processors.actor_names import ActorMention
from newswire.processors.actor_parties import party_agents
from newswire.processors.place_names import NEWS_AGENCIES

__all__ = ["CLAIMABLE", "claimed_agents", "party_agents"]   # the two deeds' doers named later, read together

# the kinds of event a claim of responsibility is made for (not an army's strikes or a clash of two sides)
CLAIMABLE = frozenset({"attack", "bombing", "raid", "capture", "kidnapping", "hostage_taking", "ambush",
                       "casualties"})
# deeds claimed only when the sentence names its doers ("gunmen killed", "attackers overran"): "were killed" alone
# may be anyone's, as an army's strikes are
_DOER_WRITTEN = frozenset({"capture", "casualties"})
_CLAIM_RE = re.compile(r"\bclaim(?:ed|s)\s+(?:responsibility|credit)\b")
# "No group has claimed", "has yet to claim", "did not claim": no claim was made
_DENIAL_RE = re.compile(r"\b(?:[Nn]o|not|yet|never|nobody|[Nn]one|denied)\b")
# the nouns a story writes for attackers it cannot name
_ANONYMOUS = frozenset({"militants", "attackers", "assailants", "gunmen", "fighters", "insurgents", "jihadists",
                        "terrorists", "bombers", "bomber", "attacker", "assailant", "gunman", "men", "rebels"})

_last: list = [None, None]   # (text, claims) of the article read last: each event of it asks again


def _claims(text: str, mentions: Sequence[ActorMention], starts: Sequence[int]) -> list[tuple[int, ActorMention]]:
    """(offset, claimant) of each claim of responsibility the text writes, in text order."""
    if _last[0] is text:
        return _last[1]
    out: list[tuple[int, ActorMention]] = []
    if "claim" in text:
        for m in _CLAIM_RE.finditer(text):
            sent = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            i = bisect.bisect_left(starts, m.start()) - 1
            while i >= 0 and mentions[i].start >= sent and text[mentions[i].start - 1:mentions[i].start] == "(":
                i -= 1   # "Jaish al-Adl (Army of Justice) claimed": the name before its gloss
            if i < 0 or mentions[i].start < sent or mentions[i].kind not in ("group", "organisation", "person") \
                    or mentions[i].name in NEWS_AGENCIES or mentions[i].written[:1].islower():
                continue
            gap = text[mentions[i].end:m.start()]
            if len(gap) > 40 or "," in gap.replace("),", ")") or _DENIAL_RE.search(text, sent, m.start()):
                continue   # "X, which ..., claimed" is read by the clause layer; "No group has claimed": none
            out.append((m.start(), mentions[i]))
    _last[0], _last[1] = text, out
    return out


def claimed_agents(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], end: int, kind: str | None,
                   agents: list[ActorMention]) -> list[ActorMention]:
    """``agents`` of the attack whose trigger ends at ``end``, with the group that claims it after it (within
    3,000 characters) when the story names no one for it or only an anonymous noun ("gunmen")."""
    if kind not in CLAIMABLE or not agents and kind in _DOER_WRITTEN or not all(a.name.split()[-1] in _ANONYMOUS and a.kind == "group" for a in agents):
        return agents
    claimant = next((c for at, c in _claims(text, mentions, starts) if end <= at < end + 3000), None)
    if claimant is None or any(a.start == claimant.start for a in agents):
        return agents
    return [*agents, claimant]
