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

_last: list = [None, None, None]   # (text, claims, their offsets) of the article read last: each event asks again
# how far back a claim's sentence may start: text without sentence ends must not make each claim read it all
_SENTENCE_REACH = 600


def _claims(text: str, mentions: Sequence[ActorMention], starts: Sequence[int]) -> list[tuple[int, ActorMention]]:
    """(offset, claimant) of each claim of responsibility the text writes, in text order."""
    if _last[0] is text:
        return _last[1]
    out: list[tuple[int, ActorMention]] = []
    if "claim" in text:
        for m in _CLAIM_RE.finditer(text):
            reach = max(0, m.start() - _SENTENCE_REACH)
            sent = max(text.rfind(". ", reach, m.start()), text.rfind("\n", reach, m.start()), reach - 1) + 1
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
    _last[0], _last[1], _last[2] = text, out, [at for at, _ in out]
    return out


def claimed_agents(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], end: int, kind: str | None,
                   agents: list[ActorMention]) -> list[ActorMention]:
    """``agents`` of the attack whose trigger ends at ``end``, with the group that claims it after it (within
    3,000 characters) when the story names no one for it or only an anonymous noun ("gunmen"); "the attackers"
    as the attackers the story's lede described (:func:`_described`)."""
    agents = _described(text, agents)
    if kind not in CLAIMABLE or not agents and kind in _DOER_WRITTEN or not all(a.name.split()[-1] in _ANONYMOUS and a.kind == "group" for a in agents):
        return agents
    claims = _claims(text, mentions, starts)
    k = bisect.bisect_left(_last[2], end)   # the first claim at or after the attack (claims are in text order)
    claimant = claims[k][1] if k < len(claims) and claims[k][0] < end + 3000 else None
    if claimant is None or any(a.start == claimant.start for a in agents):
        return agents
    return [*agents, claimant]


_DEFINITE = ("the ", "The ")
# the lede's attackers, as the subject of their deed: "Suspected jihadist fighters stormed", "Gunmen on motorbikes
# attacked", "- Armed men killed"
_LEDE_ATTACKERS_RE = re.compile(
    r"(?:^|[.!?\n]\s*|\s[-–—]\s+|\bwhen\s+)(?P<p>(?:[Ss]uspected|[Aa]rmed|[Uu]nidentified|[Hh]eavily armed)\s+)?"
    r"(?P<m>(?!(?:The|the|Some|some|About|about|Dozens|dozens|Hundreds|hundreds|Several|several)\b)[A-Za-z-]+\s+)?"
    r"(?P<n>militants|attackers|assailants|gunmen|fighters|insurgents|jihadists|rebels|youths|men|Militants|Attackers"
    r"|Gunmen|Fighters|Insurgents|Jihadists|Rebels)\s+(?:[a-z]+\s+){0,3}?"
    r"(?:stormed|attacked|killed|raided|ambushed|struck|opened|overran|abducted|kidnapped|seized|burned|torched)\b")
_lede: list = [None, None]   # (text, the lede's attackers) of the article read last


def _described(text: str, agents: list[ActorMention]) -> list[ActorMention]:
    """``agents`` with "the attackers", "the assailants" or "the gunmen" followed by the attackers the lede
    described ("Suspected jihadist fighters stormed ... the assailants set fire": the jihadist fighters): a
    reader takes the definite noun for the ones already told of."""
    k = next((k for k, a in enumerate(agents) if a.kind == "group" and a.name in _ANONYMOUS
              and text[max(0, a.start - 4):a.start] in _DEFINITE), None)
    if k is None:
        return agents
    if _lede[0] is not text:
        m = _LEDE_ATTACKERS_RE.search(text, 0, 1500)
        name = None if m is None else " ".join(
            w.strip().lower() for w in (m.group("p") or "", m.group("m") or "", m.group("n")) if w.strip())
        _lede[0], _lede[1] = text, name
    name = _lede[1]
    a = agents[k]
    if name is None or name == a.name or a.start < 1500 and _LEDE_ATTACKERS_RE.search(text, 0, a.start) is None:
        return agents
    # both: some annotators keep the noun written, some name the ones it stands for
    return [*agents[:k + 1], ActorMention(a.start, a.end, name, name, "group", None, a.country_code), *agents[k + 1:]]
