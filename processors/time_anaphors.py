"""Time anaphors: a day told from the last one the text named ("the day before", "two days later",
"that night", "later that day").

The time layer (``processors.dates``) finds them as expressions of kind ``ana`` with no value;
:func:`resolve_anaphors` gives each the day it names, counted from the last day-precise date before it
that names the story's day: not a date written before a noun ("Trump's July 25 phone call"), which
names another happening than the one the story follows.
"""

from __future__ import annotations

import datetime as dt
import re

from newswire.processors.dates import TimeExpr

__all__ = ["anaphor_offset", "resolve_anaphors"]

_ANA_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3}


def anaphor_offset(text: str) -> int:
    """Days from the last day named to the day an anaphor ("the day before", "two days later", "that night")
    names."""
    low = text.lower()
    words = low.split()
    n = _ANA_COUNT.get(words[0], 1)
    if low.endswith(("before", "earlier")) and not low.startswith("earlier") or "previous" in low:
        return -n if words[0] in _ANA_COUNT else -1
    if low.endswith(("after", "later")) and not low.startswith("later") or "following" in low \
            or "next" in low:
        return n if words[0] in _ANA_COUNT else 1
    return 0   # "that day", "later that night", "the same day"


_BEFORE_NOUN_RE = re.compile(r"(?:'s|’s)?\s+(?!(?:that|the|a|an|and|or|but|in|on|at|to|as|after|before|when"
                             r"|while|with|by|for|from|of|he|she|it|they|we|i|you|said|says|local|morning|afternoon"
                             r"|evening|night)\b)"
                             r"[a-z]")
_PREPOSITION_BEFORE_RE = re.compile(r"\b(?:on|in|at|since|by|from|until|to|during|of|between)\s+$", re.IGNORECASE)


def _names_the_narrative_day(text: str, e: TimeExpr) -> bool:
    """Whether a day-precise expression can anchor a later "the day before": not a date written before a
    noun ("Trump's July 25 phone call", "Sunday's vote"), which names another happening than the story's."""
    if not e.value or len(e.value) != 10 or e.kind == "clock":
        return False
    return (_BEFORE_NOUN_RE.match(text, e.end) is None
            or _PREPOSITION_BEFORE_RE.search(text, max(0, e.start - 12), e.start) is not None)


# "The incident came three days after Estonia expelled a diplomat": an anaphor that opens a clause counts from
# the main clause's day (the last one named) back to the clause's, not on from it
_CLAUSE_AFTER_RE = re.compile(r"\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s+[a-z]+ed\b")


def resolve_anaphors(text: str, times: list[list[TimeExpr]]) -> list[list[TimeExpr]]:
    """Each sentence's expressions (``times``, in text order) with every anaphor ("the day before") given the
    day it names, counted from the last day-precise date before it that names the story's day, not a noun's
    (none before: it stays None)."""
    if "ana" not in [e.kind for exprs in times for e in exprs]:
        return times   # the common case: nothing to resolve
    last: dt.date | None = None
    out: list[list[TimeExpr]] = []
    for exprs in times:
        resolved = []
        for e in exprs:
            if e.kind == "ana":
                offset = anaphor_offset(e.text)
                if _CLAUSE_AFTER_RE.match(text, e.end):
                    offset = -offset   # "came three days after Estonia expelled": the clause's day is before
                e = TimeExpr(e.start, e.end, e.text, e.kind,
                             (last + dt.timedelta(days=offset)).isoformat() if last else None, False)
            if _names_the_narrative_day(text, e):
                last = dt.date.fromisoformat(e.value)
            resolved.append(e)
        out.append(resolved)
    return out
