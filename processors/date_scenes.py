"""Dates a sentence passes on that no trigger of its own holds, and periods of days that name no single day.

Used by ``processors.event_dates``:

- a scene date: news sets the day of a happening in one sentence and tells what happened in the next ("In
  the largest case, on Nov. 19, the crew launched a boat. The boarding team detained four"; "Supporters
  gathered on Sunday night. Police said they detained seven after scuffles"). A day no trigger of its
  sentence took dates the undated incidents of the rest of its paragraph;
- a period of days ("three days of fighting", "after two days of clashes") is a stretch of days, not the one
  day the sentence names: its month where the stretch lies in one month, else no date (the gold convention
  for periods across two months).
"""

from __future__ import annotations

import datetime as dt
import re

from newswire.processors.date_claims import _since_before
from newswire.processors.dates import TimeExpr

__all__ = ["coordinated", "new_scene", "results_day", "saying_noun_date", "period_of_days", "scene_day", "since_weekday", "spread_since", "state_before",
           "verb_date"]

# "In another interdiction, ...", "Separately, ...", "Elsewhere, ...": the sentence leaves the scene set before
_NEW_SCENE_RE = re.compile(r"[\s\"“']*(?:In (?:another|a separate|a second|an earlier|a later)\b|Separately\b|Elsewhere\b"
                           r"|Meanwhile\b|Earlier\b|Later\b|Previously\b)")


# "Officers later raided 31 homes": an adverb that moves the trigger on from the scene's day
_LATER_RE = re.compile(r"\b(?:later|subsequently|afterwards|since|then)\s+(?:\w+\s+)?$", re.IGNORECASE)


def new_scene(text: str, sent_start: int, start: int) -> bool:
    """Whether the sentence at ``sent_start`` opens on another happening or time than the one before it, or its
    trigger at ``start`` is told as coming after it."""
    return _NEW_SCENE_RE.match(text, sent_start) is not None \
        or _LATER_RE.search(text, max(sent_start, start - 30), start) is not None


def scene_day(text: str, exprs: list[TimeExpr], sent_start: int, taken: set[int],
              latest: str | None) -> str | None:
    """The first day (``YYYY-MM-DD``) of a sentence that none of its triggers took (``taken`` holds the
    indices of those they did), if it is no starting point ("since Monday") and not after ``latest`` (a
    planned day is no scene)."""
    for i, e in enumerate(exprs):
        if i in taken or e.kind == "clock" or not e.value or len(e.value) != 10:
            continue
        if e.text.lower().startswith("since") or _since_before(text, sent_start, e.start) is not None:
            continue
        if latest is not None and e.value > latest[:10]:
            continue
        return e.value
    return None


_DAYS_OF_RE = re.compile(r"\b(?P<n>two|three|four|five|six|seven|[2-9])\s+days\s+of\s+(?:[a-z-]+\s+){0,2}$",
                         re.IGNORECASE)
_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def period_of_days(text: str, start: int, date: str | None, end: int | None = None) -> str | None:
    """The date of a trigger at ``start`` given ``date``: unchanged, unless the trigger names a stretch of days
    ("three days of heavy fighting", "a three-day operation") or happened in one ("arrested 14 in a three-day
    sweep"), whose date is the month holding every day the stretch can cover around ``date`` (None where it
    may cross into another month)."""
    if date is None or len(date) != 10:
        return date
    head = text[max(0, start - 40):start]
    m = _DAYS_OF_RE.search(head) if "days of" in head else None
    if m is None and "-day" in head:
        m = _DAY_LONG_RE.search(head)
    if m is None and end is not None and "-day " in text[end:end + 100]:
        m = _IN_DAYS_RE.match(text, end)
    if m is None:
        return date
    n = _COUNT.get(m.group("n").lower()) or int(m.group("n"))
    day = dt.date.fromisoformat(date)
    first, last = day - dt.timedelta(days=n - 1), day + dt.timedelta(days=n - 1)
    return date[:7] if (first.year, first.month) == (last.year, last.month) == (day.year, day.month) else None


# "a three-day operation": the noun is the stretch; "arrested 14 suspects in a three-day sweep": a part of it, told
# in its own clause
_DAY_LONG_RE = re.compile(r"\b(?P<n>two|three|four|five|six|seven|[2-9])-day\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_IN_DAYS_RE = re.compile(r"[^,;.]{0,60}?\b(?:in|during|over) an? (?P<n>two|three|four|five|six|seven|[2-9])-day\s+"
                         r"(?:[a-z]+\s+)?(?:operation|offensive|campaign|sweep|raid|assault|crackdown|battle)", re.IGNORECASE)


_SINCE_DAY_RE = re.compile(r"\b[Ss]ince\s+(?:late\s+|early\s+)?$")


def since_weekday(text: str, e: TimeExpr) -> bool:
    """Whether ``e`` is the weekday of a "since Tuesday", "since late Monday": in the days before a report, the
    day a flight, a closure or a search began, which annotators give as its date (a starting point further back,
    "since March", "since 2015", stays undated)."""
    return e.value is not None and len(e.value) == 10 and _SINCE_DAY_RE.search(text, max(0, e.start - 12), e.start) is not None


def verb_date(text: str, exprs: list[TimeExpr], owned: dict[int, int]) -> tuple[int, str] | None:
    """(where its verb starts, the date) of a date written between a subject and its verb ("the government on
    Friday condemned"): it dates the whole predicate, verbs joined to it by "and" too."""
    for i, at in owned.items():
        e = exprs[i] if i < len(exprs) else None
        if e is not None and e.value and 0 < at - e.end <= 2 and text[e.end:at].isspace() \
                and text[at:at + 24].split()[0].endswith("ed"):
            return at, e.value
    return None


_AND_VERB_RE = re.compile(r"\s+and\s+(?:also\s+|then\s+)?$")


def coordinated(text: str, start: int, end: int) -> bool:
    """Whether the trigger at ``start`` is a past-tense verb joined to an earlier one by "and"."""
    return text[start:end].endswith("ed") and _AND_VERB_RE.search(text, max(0, start - 16), start) is not None


_SINCE_THEN_RE = re.compile(r"\bsince (?:then|that (?:day|time))\b")


def spread_since(text: str, end: int, sent_end: int) -> bool:
    """Whether a "since then" follows the trigger ending at ``end`` in its clause ("have arrested dozens since
    then"): what happened over the days from then to now has no one day."""
    at = text.find("since ", end, sent_end)
    if at < 0 or at - end > 60:
        return False
    m = _SINCE_THEN_RE.match(text, at)
    return m is not None and not any(ch in text[end:at] for ch in ",;:")


_STATE_RE = re.compile(r"\b(?:remains?|stays?|is still|are still)\b")


def state_before(text: str, sent_start: int, start: int) -> bool:
    """Whether the trigger at ``start`` tells the cause of a present state ("the road remains cut by
    landslides"): a state of the report's time, not the day of an earlier happening."""
    head = text[max(sent_start, start - 40):start]
    return ("remain" in head or "stay" in head or "still" in head) and _STATE_RE.search(head) is not None \
        and not any(ch in head[_STATE_RE.search(head).end():] for ch in ",;:")


# "said in a speech last week", "told a rally on Sunday": the noun names the occasion of the saying
_OCCASION_GAP_RE = re.compile(r"\s+(?:in|at|during|to)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+)?")


def saying_noun_date(text: str, exprs: list[TimeExpr], owned: dict[int, int], matches: list[re.Match[str]],
                     start: int) -> str | None:
    """The date of the saying whose occasion the trigger at ``start`` names ("said in a speech last week"): the
    date its verb holds, which is the speech's too."""
    for m in matches:
        if m.lastgroup == "statement" and m.end() < start and _OCCASION_GAP_RE.fullmatch(text, m.end(), start):
            return next((exprs[i].value for i, at in owned.items() if at == m.start() and i < len(exprs)), None)
    return None


_RESULTS_RE = re.compile(r"\b(?:according to|in|by)\s+(?:the\s+)?(?:[a-z]+\s+)?(?:official\s+)?results\b")


def results_day(text: str, exprs: list[TimeExpr], end: int, sent_end: int) -> str | None:
    """The day of the results a win is told by ("won the most seats, according to final results announced on
    Thursday"): a party wins when the count says so, not on the day of the report."""
    at = text.find("results", end, sent_end)
    if at < 0 or at - end > 160:
        return None
    m = _RESULTS_RE.search(text, max(end, at - 40), at + 7)
    if m is None:
        return None
    return next((e.value for e in exprs if m.end() <= e.start <= m.end() + 80 and e.value and len(e.value) == 10
                 and e.kind != "clock"), None)
