"""An election, and a win no word of its own dates, is dated by the voting day, wherever the story names it.

Election copy leads with the result ("X won a parliamentary by-election, the commission said") and tells the
voting day further down ("Thursday's vote", "The runoff on Nov. 25", "by-elections held across the country on
Thursday"). The lead's election noun has no day of its own there, or only a vaguer one ("last week's
runoff"), or falls back on the dateline's day; it is the same happening as the vote the story dates later, so
it takes that day. An election named with a time of its own that the voting day does not fall in ("the 2022
general election", "the August 2027 election") or as another one ("the last election", "the first round")
keeps its own.
"""

from __future__ import annotations

import re

from newswire.processors.dates import TimeExpr

__all__ = ["voting_day", "with_voting_day"]

_NOUN = r"(?:vote|voting|polls|elections?|runoff|run-off|by-elections?|referendum)"
# "Thursday's vote", "Sunday's snap parliamentary election" (the day's expression holds its "'s")
_POSSESSED_RE = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}{_NOUN}\b")
# "The runoff on Nov. 25", "by-elections held across the country on Thursday", "Voting on Saturday" (the
# expression may hold its "on")
_HELD_ON_RE = re.compile(rf"\b{_NOUN}\b(?:\s+(?:was\s+|were\s+)?held\b[^.;,]{{0,40}}?)?\s+(?:on\s+)?$", re.IGNORECASE)
# an election the lead's is not: "the last election", "the first round", "the 2022 general election"
_OTHER_RE = re.compile(r"\b(?:last|previous|next|upcoming|first|second|\d{4})\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_NOUNS = frozenset({"election", "elections", "by-election", "runoff", "run-off", "referendum", "vote"})


def voting_day(text: str, times: list[list[TimeExpr]]) -> str | None:
    """The day the story names as a voting day: the first day possessing an election noun ("Thursday's vote"),
    else the first an election noun is held on ("the runoff on Nov. 25"; a possessive is surer: "declared the
    winner of the election on Sunday" may be the declaring's day)."""
    days = [e for exprs in times for e in exprs if e.value and len(e.value) == 10 and e.kind != "clock"]
    for e in days:
        if e.text.endswith(("'s", "’s")) and _POSSESSED_RE.match(text, e.end):
            return e.value
    for e in days:
        if (e.text.startswith("on ") or text.endswith("on ", 0, e.start)) \
                and _HELD_ON_RE.search(text, max(0, e.start - 70), e.start):
            return e.value
    return None


def with_voting_day(text: str, dated: list, times: list[list[TimeExpr]], latest: str | None) -> list:
    """``dated`` ((trigger match, sentence, date) triples) with each election noun that has no day of its own
    given the story's voting day, where the voting day falls in the time it has (if any) and before
    ``latest`` (the dateline's or publication day, which an undated lead falls back on); and each win no
    word of its own dates (a win told by the results' day keeps it: ``date_scenes.results_day``)."""
    if not any(m.lastgroup == "election" for m, _, _ in dated):
        return dated   # no election story
    day = voting_day(text, times)
    if day is None or (latest is not None and day >= latest[:10]):
        return dated
    out = []
    for m, sent, date in dated:
        if m.lastgroup == "election" and m.group(0).lower() in _NOUNS and date != day \
                and (date is None or len(date) < 10 and day.startswith(date) or date == (latest or "")[:10]) \
                and _OTHER_RE.search(text, max(0, m.start() - 30), m.start()) is None:
            date = day
        elif m.lastgroup == "win" and (date is None or date == (latest or "")[:10]):
            date = day   # "A candidate won a by-election, the commission said": the vote's day, no results' day
        out.append((m, sent, date))
    return out
