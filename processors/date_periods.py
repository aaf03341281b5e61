"""Periods a time expression names that are no single day: the month of a week ("last week"), of a
weekend ("over the weekend") and the year of a season ("this fall"), for ``processors.dates``."""

from __future__ import annotations

import datetime as dt

__all__ = ["season_year", "shift_month", "weekend_month", "week_month"]


def shift_month(year: int, month: int, delta: int) -> str:
    """"YYYY-MM" of the month ``delta`` months from ``year``-``month``."""
    index = year * 12 + (month - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def week_month(day: dt.date) -> str | None:
    """The month of the week (Monday to Sunday) holding ``day``, if the whole week lies in one month."""
    monday = day - dt.timedelta(days=day.weekday())
    sunday = monday + dt.timedelta(days=6)
    return f"{monday.year:04d}-{monday.month:02d}" if (monday.year, monday.month) == (sunday.year, sunday.month) \
        else None


def weekend_month(pub: dt.date, future: bool) -> str | None:
    """The month of the last weekend gone (the next one, where the clause speaks of the future), unless it
    straddles two months."""
    saturday = pub + dt.timedelta(days=(5 - pub.weekday()) % 7 if future else -((pub.weekday() - 5) % 7))
    sunday = saturday + dt.timedelta(days=1)
    return f"{saturday.year:04d}-{saturday.month:02d}" if saturday.month == sunday.month else None


_SEASON_END = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11}


def season_year(phrase: str, pub: dt.date) -> str | None:
    """The year of "this fall", "last summer", "next spring": a season is no month, but its year is known
    (a winter straddles two: None)."""
    last = _SEASON_END.get(phrase.split()[-1])
    if last is None:
        return None
    if phrase.startswith(("this", "earlier this", "later this")):
        return f"{pub.year:04d}"
    if phrase.startswith("last"):
        return f"{pub.year if last < pub.month else pub.year - 1:04d}"
    return f"{pub.year if last - 2 > pub.month else pub.year + 1:04d}"
