"""The week a report counts over: "over the past week", "during the week", "in epidemiological week 48".

Weekly bulletins (health ministries, disaster agencies, an army's weekly tally) date what they count by
the week just gone, and news annotation dates such a happening by that week's month, as it does "last
week" (``processors.dates``), where the whole week (Monday to Sunday) lies in one month. The time layer
keeps these windows vague, as a figure's anchor needs; :func:`week_windows` gives them their month for the
events only. A numbered week is the ISO week of that number, in the report's year (or the year before,
for a number still to come). In the lead it is of kind ``window``, which a statement's verb never takes: a
release's "reported 40 cases in week 48" is its own day's report of the count's week; past the lead, "Two
districts reported their first cases during the week" tells what happened that week.
"""

from __future__ import annotations

import datetime as dt
import re

from newswire.processors.date_periods import week_month
from newswire.processors.dates import TimeExpr, as_date
from newswire.processors.sentences import Sentence

__all__ = ["week_windows"]

_WINDOW_RE = re.compile(r"\b(?:(?:[Ii]n|[Oo]ver|[Dd]uring) the (?:past|last|previous) week|[Dd]uring the week"
                        r"|[Ii]n (?:(?:the\s+)?(?:epidemiological|epi)\s+)?week (?P<n>[1-5]?\d))\b(?!\s*(?:of|to)\b)")


def _numbered_week(n: int, ref: dt.date) -> str | None:
    year = ref.year if n <= ref.isocalendar()[1] else ref.year - 1
    try:
        return week_month(dt.date.fromisocalendar(year, n, 1))
    except ValueError:
        return None


def week_windows(text: str, times: list[list[TimeExpr]], sentences: list[Sentence],
                 reference: dt.date | dt.datetime | None) -> list[list[TimeExpr]]:
    """``times`` with each sentence's weekly window given the month of its week (the week before the report's
    day, or the numbered one)."""
    ref = as_date(reference)
    if ref is None or "week" not in text:
        return times
    out = list(times)
    lead = sentences[0].paragraph if sentences else 0
    for si, sent in enumerate(sentences):
        if si >= len(out) or "week" not in text[sent.start:sent.end]:
            continue
        exprs = list(out[si])
        for m in _WINDOW_RE.finditer(text, sent.start, sent.end):
            value = _numbered_week(int(m.group("n")), ref) if m.group("n") else week_month(ref - dt.timedelta(days=7))
            if value is None:
                continue
            exprs = [e for e in exprs if not (e.start < m.end() and m.start() < e.end)]
            exprs.append(TimeExpr(m.start(), m.end(), m.group(0), "window" if sent.paragraph == lead else "rel",
                                  value, False))
        out[si] = sorted(exprs, key=lambda e: e.start)
    return out
