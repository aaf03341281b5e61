"""Years told from the last one the text named: "in August of that year", "later that year", "the following
year".

Background paragraphs of news copy name a year once and go on from it ("A dam burst in May 2019, and in
June of that year ..."; "the dispute flared in 2021. In October of that year ..."). The time layer
(``processors.dates``) reads each expression alone, so a bare month there falls in the publication's year;
:func:`resolve_year_anaphors` gives such a month the year of the last explicit year before it, and adds
"that year" and "the following year" as expressions of that year (or the next). A comparison's base ("up 9%
from a year earlier", "on the previous year") names no happening's time and is left alone.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from newswire.processors.date_pairs import join_pairs
from newswire.processors.date_weeks import week_windows
from newswire.processors.dates import TimeExpr
from newswire.processors.sentences import Sentence
from newswire.processors.time_anaphors import resolve_anaphors

__all__ = ["resolve_times", "resolve_year_anaphors"]

_ANAPHOR_RE = re.compile(r"\b(?:(?P<of>of that (?:same )?year)|(?:[Ll]ater|[Ee]arlier|[Ii]n|[Dd]uring|[Bb]y) that (?:same )?year"
                         r"|[Tt]he (?P<next>following) year)\b")
_PAIR_HEADS = frozenset({"inmonth", "year"})   # a period whose second end is no expression of its own
_EXPLICIT_YEAR_RE = re.compile(r"\b(?:1[89]|20)\d\d\b")
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?" \
         r"|Nov(?:ember)?|Dec(?:ember)?)\.?"
# "in June and July of that year": two months of it, so only the year
_SECOND_MONTH_RE = re.compile(rf"\s+(?:and|or|to|through)\s+{_MONTH}\s+")


def _year_before(times: list[list[TimeExpr]], si: int, pos: int) -> int | None:
    """The last year written out in full before ``pos`` (sentence ``si`` and those before it)."""
    for exprs in reversed(times[:si + 1]):
        for e in reversed(exprs):
            if e.end <= pos:
                years = _EXPLICIT_YEAR_RE.findall(e.text)
                if years:
                    return int(years[-1])
    return None


def resolve_year_anaphors(text: str, times: list[list[TimeExpr]], sentences: list[Sentence]) -> list[list[TimeExpr]]:
    """Each sentence's expressions (``times``, in text order) with the year anaphors resolved against the last
    year the text wrote out: a month right before "of that year" takes that year, and "that year" / "the
    following year" become expressions of it (of the next). Without such a year, nothing changes."""
    if " that year" not in text and " that same year" not in text and "following year" not in text:
        return times   # the common case
    starts = [s.start for s in sentences]
    out = list(times)
    for m in _ANAPHOR_RE.finditer(text):
        si = bisect.bisect_right(starts, m.start()) - 1
        if si < 0 or si >= len(out):
            continue
        year = _year_before(out, si, m.start())
        if year is None:
            continue
        exprs = list(out[si])
        if m.group("of"):
            month = next((i for i, e in enumerate(exprs) if e.kind == "inmonth" and e.value and e.end <= m.start()
                          and (not text[e.end:m.start()].strip() or _SECOND_MONTH_RE.fullmatch(text, e.end, m.start()))),
                         None)
            if month is None:
                continue
            e = exprs[month]
            value = f"{year:04d}" if text[e.end:m.start()].strip() else f"{year:04d}-{e.value[5:7]}"
            exprs[month] = TimeExpr(e.start, e.end, e.text, e.kind, value, e.vague)
        else:
            if any(e.start < m.end() and m.start() < e.end for e in exprs):
                continue   # already read as something else
            value = f"{year + (1 if m.group('next') else 0):04d}"
            exprs.append(TimeExpr(m.start(), m.end(), m.group(0), "year", value, False))
            exprs.sort(key=lambda e: e.start)
        out[si] = exprs
    return out


def resolve_times(text: str, times: list[list[TimeExpr]], sentences: list[Sentence],
                  reference: dt.date | dt.datetime | None = None) -> list[list[TimeExpr]]:
    """``times`` with the day anaphors ("the day before", ``processors.time_anaphors``) and the year anaphors
    resolved, a report's weekly window given its month (``processors.date_weeks``) and each pair of times
    bounding one period joined (``processors.date_pairs``), for the events."""
    times = resolve_year_anaphors(text, resolve_anaphors(text, times), sentences)
    times = week_windows(text, times, sentences, reference)
    # "on Friday and Saturday", "in August and September": one period, for the events only (a figure's
    # anchors read the ends apart)
    return [join_pairs(text, exprs) if len(exprs) > 1 or (exprs and exprs[0].kind in _PAIR_HEADS) else exprs
            for exprs in times]
