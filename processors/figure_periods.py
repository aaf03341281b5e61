"""Death counts over a long period (``deaths_total``) that the frame next to the number does not mark.

News copy gives a running toll in a few set ways beyond "since the outbreak began" next to the number:

- a span anchored to a year anywhere in the clause chain, across the appositions between: "More than 460
  people, among them soldiers and civilians, have been killed ... since the start of 2024", "Since the
  beginning of this year, the army has foiled 164 attempts, killing 47 smugglers" (not "the deadliest
  attack since 2013": a ranking);
- "the same period" of another year: "During the same period of 2025, 44 deaths were recorded";
- a war, an insurgency or an epidemic as the subject of a perfect "has killed": "The conflict, which began in
  2009, has killed more than 40,000 people" (its whole toll, not one attack's).

A count joined to a casualty count by "along with"/"as well as"/"together with" counts the same: "120 soldiers
have been killed since 2013, along with at least 40 civilians".
"""

from __future__ import annotations

import re

from newswire.processors.candidates import Candidate
from newswire.processors.sentences import Sentence

__all__ = ["long_period_tolls"]

_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
           r"|Jan\.?|Feb\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
# "since 2013", "since the start of 2024", "since the beginning of this year", "since March 2022"
_SINCE_YEAR_RE = re.compile(
    r"\bsince\s+(?:(?:the\s+)?(?:start|beginning|end)\s+of\s+(?:(?:this|the|last)\s+year\b|(?:19|20)\d\d\b)"
    r"|(?:(?:early|late|mid-?)\s*)?(?:" + _MONTHS + r"\s+)?(?:19|20)\d\d\b)", re.IGNORECASE)
# "the deadliest incident in the mountains since August 2023, when an ambush killed three": a ranking and the
# one happening it points back to, not a span counted
_RANKING_RE = re.compile(r"\b(?:deadliest|worst|highest|lowest|largest|biggest|heaviest|bloodiest|strongest|first"
                         r"|worse)\b", re.IGNORECASE)
_SAME_PERIOD_RE = re.compile(r"\b(?:the\s+)?same\s+period\s+(?:of\s+(?:19|20)\d\d|last\s+year|a\s+year\s+(?:earlier|ago)"
                             r"|in\s+(?:19|20)\d\d)\b", re.IGNORECASE)
# "The jihadist conflict, which began in 2009 ..., has killed": a long happening that has been killing
_WAR_SUBJECT_RE = re.compile(
    r"(?:The|the|Its|its|This|this)\s+(?:[\w'’-]+\s+){0,3}?(?:war|conflict|insurgency|insurrection|uprising|rebellion"
    r"|violence|fighting|epidemic|pandemic|outbreak)\b[^.;:]{0,140}?\b(?:has|have)\s+(?:(?:so far|now|already"
    r"|since)\s+)?(?:killed|claimed)\s+(?:the\s+lives\s+of\s+)?(?:(?:more than|at least|over|about|around|some"
    r"|nearly|almost|an estimated|upwards of)\s+)?$")
_SHORT_WINDOW_RE = re.compile(r"\b(?:this week|last week|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|overnight"
                              r"|in the past (?:\w+ )?(?:days?|hours?|weeks?)|yesterday|today)\b", re.IGNORECASE)
_SEPARATE_RE = re.compile(r";|\b(?:but|while|whereas)\b")
_ALONG_RE = re.compile(r",?\s+(?:along with|as well as|together with|in addition to)\s+$")
_GATES = ("since", "same period", "has killed", "have killed", "has claimed", "have claimed")


def long_period_tolls(text: str, sent: Sentence, low: str, cands: list[Candidate]) -> None:
    """Turn a sentence's ``killed`` counts into ``deaths_total`` where its frame spans years (see the module), and
    give a count joined to a death count by "along with" that count's category."""
    if not any(c.category in ("killed", "deaths_total") for c in cands):
        return
    # (where the sentence gives its overall toll, its other deaths are a part or a new phase)
    if any(g in low for g in _GATES) and not any(c.category == "deaths_total" for c in cands):
        _span_tolls(text, sent, low, cands)
    for prev, c in zip(cands, cands[1:]):
        if prev.category in ("killed", "deaths_total") and c.category in (None, "count_other") and c.person \
                and _ALONG_RE.search(text, prev.end, c.start):
            c.category = prev.category   # "..., along with at least 40 civilians"


def _span_tolls(text: str, sent: Sentence, low: str, cands: list[Candidate]) -> None:
    spans = [m for m in _SINCE_YEAR_RE.finditer(text, sent.start, sent.end)
             if not _RANKING_RE.search(text, max(sent.start, m.start() - 80), m.start())
             and not text.startswith(", when", m.end())] if "since" in low else []
    same = _SAME_PERIOD_RE.search(text, sent.start, sent.end) if "same period" in low else None
    short = _SHORT_WINDOW_RE.search(text, sent.start, sent.end) is not None
    for c in cands:
        if c.category != "killed":
            continue
        if (any(_reaches(text, c, m.start(), m.end()) for m in spans) and not short) or (same is not None and not short) \
                or _WAR_SUBJECT_RE.search(text, max(sent.start, c.start - 220), c.start):
            c.category = "deaths_total"


def _reaches(text: str, c: Candidate, start: int, end: int) -> bool:
    """Whether a span phrase and the count are in one clause chain (no "but", "while", ";" between)."""
    a, b = (end, c.start) if end <= c.start else (c.end, start)
    return not _SEPARATE_RE.search(text, a, b)
