"""A court's acts are the court's: once a story has named the court ("A High Court in Kisumu on Monday
sentenced ..."), the defendants who "were acquitted" or "were sentenced" were so by it. The court is named with its seat where the story gives
one ("The court in Kisumu"), as a reader tells one court from another.

:func:`court_agents` gives a judicial act its court.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

from newswire.processors.actor_names import ActorMention

__all__ = ["court_agents", "is_judicial"]

# the acts only a court (or its judge) does: "sentenced", "acquitted", "found ... guilty", "ordered the confiscation"
_JUDICIAL_RE = re.compile(r"(?:sentenc|convict|acquit|found\b.*\bguilty|ordered\b.*\bconfiscat|jailed|fined\b)")
_COURT_RE = re.compile(r"\b(?:[Cc]ourt|[Tt]ribunal)\b")
_SEAT_RE = re.compile(r"\b[Cc]ourt in ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)")
_JUDGE_TITLES = ("Justice ", "Judge ")
_REACH = 3000


def is_judicial(trigger: str) -> bool:
    return _JUDICIAL_RE.match(trigger.lower()) is not None


def court_agents(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], start: int,
                 agents: list[ActorMention], passive: bool) -> list[ActorMention]:
    """``agents`` of the judicial act at ``start``: for a passive with no agent, the court the story named
    before; a court among them named with its seat."""
    if not agents and passive:   # the judge who acts is named as the annotators find them: left as written
        court = _court_before(mentions, starts, start) or _court_after(text, mentions, starts, start)
        if court is not None:
            agents = [court]
    return [_seated(text, a) for a in agents]


def _court_before(mentions: Sequence[ActorMention], starts: Sequence[int], at: int) -> ActorMention | None:
    i = bisect.bisect_left(starts, at) - 1
    while i >= 0 and at - mentions[i].start < _REACH:
        if mentions[i].kind in ("organisation", "country") and _COURT_RE.search(mentions[i].written):
            return mentions[i]
        i -= 1
    return None


def _court_after(text: str, mentions: Sequence[ActorMention], starts: Sequence[int], at: int) -> ActorMention | None:
    """The court named right after the act in its sentence: "were convicted on Tuesday in the High Court"."""
    i = bisect.bisect_left(starts, at)
    if i < len(mentions) and mentions[i].start - at < 80 and "." not in text[at:mentions[i].start] \
            and mentions[i].kind == "organisation" and _COURT_RE.search(mentions[i].written):
        return mentions[i]
    return None


def _seated(text: str, a: ActorMention) -> ActorMention:
    """"An Ruritanian court" as "Ruritanian court in Kisumu" where the story says "the court in Kisumu"."""
    if "ourt" not in a.written or "court in" not in text.lower() or " in " in a.name:
        return a
    m = _SEAT_RE.search(text)
    if m is None or m.group(1) in a.name:
        return a
    name = a.name.split(" (")[0] + f" in {m.group(1)}" + (a.name[len(a.name.split(' (')[0]):])
    return ActorMention(a.start, a.end, name, name if a.kind not in ("country", "group") else a.written, a.kind,
                        a.role, a.country_code)
