"""The date of a statistic's change: none, where the change is a figure's move over a reporting period.

"Exports rose 14.2% in November", "GDP grew 0.4% in the third quarter", "inflation slowed to 11.2% in
October": the month or quarter is the period the figure measures, not the day of a happening, and the gold
convention (the dev set's "employment rose by 252,000 in September") leaves such a change undated. A move
on a day ("the kwacha rose 2.4 percent on Monday", "the Nikkei declined 0.3%") is a market's session and
keeps its day; a change that is no figure's ("the case was dropped in 2017") keeps its year.
"""

from __future__ import annotations

import re

__all__ = ["statistic_date"]

# "rose 14.2%", "grew by 5.4%", "slowed to 11.2%", "rose to $51.3 billion", "rose by 252,000"
_FIGURE_AFTER_RE = re.compile(r"\s+(?:(?:sharply|slightly|strongly|further|only|just|again)\s+)?(?:by\s+|to\s+)?"
                              r"(?:(?:about|around|some|nearly|almost|roughly|an estimated|more than|over|less than)\s+)?"
                              r"(?:US)?[$€£¥]?\s?\d")


def statistic_date(text: str, kind: str | None, end: int, date: str | None) -> str | None:
    """``date`` for the trigger of ``kind`` ending at ``end``, or None where it is an economic change of a
    figure ("rose 14.2%") dated only by a period (a month, a quarter, a year)."""
    if kind != "change" or date is None or len(date) == 10 or _FIGURE_AFTER_RE.match(text, end) is None:
        return date
    return None
