"""When a death count is a running total (``deaths_total``) rather than one happening's dead (``killed``),
by the frame of the sentence rather than by a word right next to the number.

Two frames of news language:
- a count over a span of months: "between January and September", "between 1 July and 22 November", "in the
  first ten months of the year", "in the first half of 2025": monitors' and agencies' period tallies;
- an outbreak report's deaths (beside its cases) with no window: health agencies report cumulative counts ("Siguiri district
  accounts for 421 cases and 26 deaths", "Among the 57 deaths, 44 ...") and mark the new ones by a window
  ("in week 47", "in the past 24 hours", "new deaths", "on Monday").

A force's own losses put at a number are its dead: "the army put its own losses at 11".
"""

from __future__ import annotations

import re

from newswire.processors.candidates import Candidate
from newswire.processors.sentences import Sentence

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_DAY_MONTH = rf"(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?)(?:,?\s+(?:19|20)\d\d)?"
_NUMWORD = r"(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)"
PERIOD_RE = re.compile(
    rf"\b(?:between|from)\s+(?:early\s+|late\s+|mid-?)?{_DAY_MONTH}\s+(?:and|to|until|through)\s+"
    rf"(?:early\s+|late\s+|mid-?)?{_DAY_MONTH}"
    rf"|\b(?:in|during|over)\s+the\s+first\s+(?:{_NUMWORD}\s+months|half|six\s+months)\s+of\b", re.IGNORECASE)
_PERIOD_GATE = ("between", "from", "first")


def period_total(text: str, sent: Sentence, low: str) -> bool:
    """Whether the sentence counts over a span of months (its deaths are the span's running total)."""
    return any(w in low for w in _PERIOD_GATE) and PERIOD_RE.search(text, sent.start, sent.end) is not None


# a window that makes an outbreak's deaths new ones: a week, a day, hours, an update, "new"/"more" deaths
_WINDOW_RE = re.compile(
    r"\b(?:new|more(?!\s+than)|additional|fresh|latest|daily|weekly|yesterday|today|overnight|tonight"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|weeks?|hours|(?:past|last)\s+(?:\w+\s+)?(?:days?|months?)"
    r"|since\s+the\s+(?:last|previous)\b)", re.IGNORECASE)
# a disaster's or an attack's dead in a text that also speaks of disease ("nine deaths; four people are
# missing" in a cyclone report warning of outbreaks): that happening's toll, not the outbreak's
_VIOLENT_RE = re.compile(r"\b(?:killed|missing|injured|wounded|dead|bodies|drowned|buried|swept|trapped|storm"
                         r"|cyclone|hurricane|typhoon|floods?|flooding|quake|earthquake|landslides?|attacks?|clashes"
                         r"|fighting|crash|collapse|fire|blast|explosion)\b", re.IGNORECASE)
_DEATH_WORDS = ("death", "fatalit")
_DEATH_NOUNS = frozenset({"deaths", "death", "fatalities", None})
_ANAPHORIC_RE = re.compile(r"\s+of\s+(?:the|these|those|them)\b")
_OTHER_BEFORE_RE = re.compile(r"\b(?:other|remaining|rest)\s+$", re.IGNORECASE)


def outbreak_total(text: str, sent: Sentence, low: str, c: Candidate) -> bool:
    """In a disease text, a count of deaths in a sentence with no window of time: the outbreak's total
    ("accounts for 421 cases and 26 deaths"), but not "Eight of the deaths ..." (the last sentence's)."""
    if c.noun not in _DEATH_NOUNS or not any(w in low for w in _DEATH_WORDS):
        return False
    if "case" not in text[_previous_start(text, sent.start):sent.end].lower():
        return False   # a surveillance count gives cases and deaths together (this sentence or the one before)
    if _ANAPHORIC_RE.match(text, c.end) or _OTHER_BEFORE_RE.search(text, max(sent.start, c.start - 12), c.start):
        return False   # "the other three deaths": the rest of a count already given
    # the violent word must be in the count's own clause: "1,021 cases and 12 deaths, mostly in districts where
    # people displaced by attacks live" is still the outbreak's toll
    comma = text.find(",", c.end, sent.end)
    return (_WINDOW_RE.search(text, sent.start, sent.end) is None
            and _VIOLENT_RE.search(text, sent.start, comma if comma > 0 else sent.end) is None)


def _previous_start(text: str, start: int) -> int:
    """Where the sentence before ``start`` begins (at most 300 characters back)."""
    low = max(0, start - 300)
    end = low + len(text[low:start].rstrip().rstrip(".!?\"”"))
    return max(low, text.rfind(". ", low, end), text.rfind("\n", low, end))


# "put its own losses at 11", "the rebels' losses at 17": a force's losses are its dead (the way armies and
# wires use the word); "job losses", "the company's losses" are not, so a force must be in the sentence
_LOSSES_RE = re.compile(r"(?:\b(?:its|their|our|his)|['’]s?)\s+(?:own\s+)?losses\s+(?:at|to)\s+(?:(?:about|around|some"
                        r"|at least|more than|nearly|over|only)\s+)?$", re.IGNORECASE)
_FORCES_RE = re.compile(r"\b(?:army|armed forces|troops|soldiers|military|forces|fighters|rebels|militants|militias?"
                        r"|insurgents|jihadists|gunmen)\b", re.IGNORECASE)


def losses_category(text: str, sent: Sentence, low: str, cands: list[Candidate]) -> None:
    """Bare counts a force's own losses are put at: killed."""
    if "losses" not in low:
        return
    for c in cands:
        if c.category is None and c.noun is None and not c.tok.currency \
                and _LOSSES_RE.search(text, max(sent.start, c.start - 40), c.start) \
                and _FORCES_RE.search(text, sent.start, sent.end):
            c.category, c.unit = "killed", c.unit or "people"


# "14 deaths so far in 2026, two of them in the past week": a part with its own window is new deaths
_WINDOW_PART_RE = re.compile(r"\s+of\s+(?:them|these|those|which|whom)\s+(?:[\w'’-]+\s+){0,2}?(?:in|during|over|on)\s+"
                             r"(?:the\s+)?(?:past|last|latest|previous|this|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
                             re.IGNORECASE)


def window_part(text: str, c: Candidate) -> bool:
    return text.startswith(" of ", c.end) and _WINDOW_PART_RE.match(text, c.end) is not None
