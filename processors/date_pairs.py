"""Two times joined into one period: "on Friday and Saturday", "between 24 November and 2 December", "in
August and September", "in 2013-2014".

The time layer (``processors.dates``) reads each expression alone (as a figure's anchor needs), so a period
written as two ends dated the happening by its first end. News annotation dates a period by what its ends
share: two days of one month give the month, ends in two months or two years give no date (the happening
has no one month).
:func:`join_pairs` makes each such pair one expression of kind ``span``; one with no shared month is vague,
so that it dates its happening as nothing rather than letting a farther date of the sentence do so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from newswire.processors.dates import TimeExpr

__all__ = ["join_pairs"]

_DAY_KINDS = frozenset({"iso", "mdy", "dmy", "wd"})
# what joins two days: "Friday and Saturday", "Thursday night and early Friday", "Friday 27 to Saturday 28"
_DAY_JOIN_RE = re.compile(r"(?:\s+[0-3]?\d(?:st|nd|rd|th)?)?(?:\s+(?:morning|afternoon|evening|night)s?)?"
                          r"\s*(?:and|to|through|until|into|-|\u2013)\s+(?:(?:on|late|early|late on|early on)\s+)?")
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
# "in August and September", "in October and November 2026"; not "in June and July of that year", whose year
# ``processors.date_years`` reads
_MONTH_PAIR_RE = re.compile(rf"\s+(?:and|to|through|until|-|\u2013)\s+(?:(?:early|mid|late)[- ])?{_MONTH}"
                            r"(?:,?\s+(?:19|20)\d\d\b)?(?!\s+of\s+that\b)")
# "in 2013-2014", "in 2022 and 2023", "in 2019/20"
_YEAR_PAIR_RE = re.compile(r"\s*(?:-|\u2013|/|\s+and\s+|\s+to\s+)\s*(?:(?:19|20)\d\d|\d\d)\b(?![,.]?\d)")


def _shared(a: TimeExpr, b: TimeExpr) -> str | None:
    """The month two days share, else None. Two weekdays are read as one stretch ending on the second: in a
    Thursday's story "on Thursday and Friday" are last week's, not today and last Friday."""
    x, y = a.value, b.value
    if not x or not y or len(x) != 10 or len(y) != 10:
        return None
    if a.kind == "wd" and b.kind == "wd" and x > y:
        x = (dt.date.fromisoformat(x) - dt.timedelta(days=7)).isoformat()
    return x[:7] if x[:7] == y[:7] else None


def _span(text: str, first: TimeExpr, end: int, value: str | None) -> TimeExpr:
    return replace(first, end=end, text=text[first.start:end], kind="span", value=value, vague=value is None)


def join_pairs(text: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """``found`` (in text order) with each pair of times that bound one period made one expression of kind
    ``span``, valued by the month its ends share (else None and vague)."""
    out: list[TimeExpr] = []
    i = 0
    while i < len(found):
        e = found[i]
        joined = None
        if e.kind in _DAY_KINDS and e.value and len(e.value) == 10 and i + 1 < len(found):
            f = found[i + 1]
            if f.kind in _DAY_KINDS and _DAY_JOIN_RE.fullmatch(text, e.end, f.start):
                last = i + 1
                # "Saturday 28 November 2026": the second end's own date, written after it
                if last + 1 < len(found) and found[last + 1].start - f.end <= 1 and found[last + 1].kind in _DAY_KINDS:
                    last += 1
                value = _shared(e, f)
                joined = (last, _span(text, e, found[last].end, value))
        elif e.kind == "inmonth" and e.value:
            m = _MONTH_PAIR_RE.match(text, e.end)
            if m is not None:
                last = i
                while last + 1 < len(found) and found[last + 1].start < m.end():
                    last += 1
                joined = (last, _span(text, e, m.end(), None))
        elif e.kind == "year" and e.value:
            m = _YEAR_PAIR_RE.match(text, e.end)
            if m is not None:
                last = i
                while last + 1 < len(found) and found[last + 1].start < m.end():
                    last += 1
                joined = (last, _span(text, e, m.end(), None))
        if joined is None:
            out.append(e)
            i += 1
        else:
            out.append(joined[1])
            i = joined[0] + 1
    return out
