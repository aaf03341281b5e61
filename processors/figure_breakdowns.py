"""Breakdowns of a count: bare numbers that share the noun of a count named once in the sentence.

- a fronted partitive governs the bare counts after it even where a later verb would read otherwise: "Of the 14
  deaths, seven were recorded when a landslide buried four houses" counts deaths, not missing people;
- a parenthesised breakdown by place: "The other deaths were in Kasai (three), Tshopo (two) and Ituri (two)"
  counts what the sentence's subject counts;
- a candidate's bare count after a sentence that counted votes: "Vuniwai won 61,340 personal votes. The
  challenger received 48,905."
- a definite count repeating an earlier one is the same people: "apprehended 11 armed pirates ... The 11 pirates
  surrendered after a 12-hour operation".
"""

from __future__ import annotations

import re

from newswire.processors import figure_clauses as fcl
from newswire.processors import figure_cues as fc
from newswire.processors import lexicon as lx
from newswire.processors.candidates import Candidate
from newswire.processors.sentences import Sentence

# the counted noun a breakdown refers to: the sentence's first casualty or case noun before the numbers
_HEAD_NOUN_RE = re.compile(r"\b(?P<noun>deaths|dead|fatalities|victims|injured|wounded|injuries|missing|cases"
                           r"|infections|evacuees|displaced)\b", re.IGNORECASE)
# "Quetzaltenango (three)": a bare number in parentheses right after a capitalised name
# (a name with its kind of place: "Bucharest municipality (644)", "Kayes region (12)")
_PLACE_PAREN_RE = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:municipality|province|district|county|region|state|city"
                             r"|department|governorate|prefecture|commune|municipio))?\s*\($")


def fronted_override(text: str, sent: Sentence, cands: list[Candidate], health: bool) -> None:
    """Bare counts after "Of the N deaths," take the fronted noun's category over a later verb's."""
    if not text.startswith(("Of ", "Among "), sent.start):
        return
    for c in cands:
        if c.noun is not None or c.category not in lx.CASUALTY_CATEGORIES | {None, "count_other"} \
                or c.category == "deaths_total":
            continue   # (not "44 (77%)": the share stays a percent)
        category = fcl.fronted_partitive(text, c, sent, health)
        if category in lx.CASUALTY_CATEGORIES and category != c.category:
            c.category = category


def parenthesised_parts(text: str, sent: Sentence, cands: list[Candidate], health: bool) -> None:
    """"... in Quetzaltenango (three), Solola (two)": each bare count in parentheses after a name counts the
    sentence's head noun."""
    head: str | None = None
    for c in cands:
        if c.noun is not None or c.category not in (None, "count_other") or text[c.end:c.end + 1] != ")":
            continue
        if not _PLACE_PAREN_RE.search(text, max(sent.start, c.start - 40), c.start):
            continue
        if head is None:
            m = _HEAD_NOUN_RE.search(text, sent.start, c.start)
            head = (fc.noun_category(m.group("noun").lower(), health) or fc.CASUALTY_WORDS.get(m.group("noun").lower())
                    or lx.cue_category(m.group("noun"))) if m else ""
        if head:
            c.category = head


# "962,118 of the 1,184,000 registered voters had cast ballots", "with 2.6 million of 6.6 million voters casting
# ballots": the part that voted is the ballots cast (the whole, the registered voters, stays count_other)
_VOTED_PART_RE = re.compile(r"\s+of\s+(?:the\s+)?(?:(?:roughly|some|about|around|nearly|almost|more than|over)\s+)?"
                            r"[\d.,]+(?:\s+(?:million|billion))?\s+(?:(?:registered|eligible)\s+)?(?:voters|electors)"
                            r"\s+(?:(?:had|have|has|who)\s+)?(?:cast|casting|voted|voting|turned\s+out)\b", re.IGNORECASE)


# "1,104 cases since the start of the outbreak and 312 in week 48", "418 cases were confirmed by rapid test and 73
# by culture": a bare count after "and" with only a circumstance after it leaves the noun out
_ELLIPSIS_GAP_RE = re.compile(r"\s+[^,;:.()\d]{0,80}?\s+and\s+$")
_CIRCUMSTANCE_RE = re.compile(r"\s+(?:by|in|on|at|from|during|since|over|among|across)\s+[^,;:.]{1,50}?(?=[,;:.]|$)")


def shared_counts(text: str, sent: Sentence, cands: list[Candidate], carried: str | None) -> None:
    """The part of the electorate that voted is votes; a bare count after "and" shares the noun of the count
    before it; a bare count a vote verb governs, in the sentence after a vote count, is votes too."""
    previous: Candidate | None = None
    for c in cands:
        if c.category in (None, "count_other") and text.startswith(" of ", c.end) and _VOTED_PART_RE.match(text, c.end):
            c.category, c.unit = "votes", "votes"
        elif (c.category is None and c.noun is None and not c.tok.currency and previous is not None
              and previous.noun is not None and previous.category in _SHARED
              and text[max(0, c.start - 4):c.start] == "and " and _ELLIPSIS_GAP_RE.fullmatch(text, previous.end, c.start)
              and _CIRCUMSTANCE_RE.match(text, c.end, sent.end)):
            c.category, c.unit = previous.category, previous.unit or previous.noun
        previous = c
    if carried != "votes":
        return
    for c in cands:
        if c.category is None and c.noun is None and not c.tok.is_word \
                and lx.last_word(text[max(sent.start, c.start - 30):c.start]) in fc.VOTE_VERBS \
                and fc.BARE_AFTER_RE.match(text, c.end):
            c.category, c.unit = "votes", c.unit or "votes"


_SHARED = lx.CASUALTY_CATEGORIES | {"votes"}
_DEFINITE = ("the ", "all ", "those ", "these ")


def same_count(text: str, cands: list[Candidate], counted: dict[tuple[float, str], str]) -> None:
    """A count "the N <noun>" whose value and noun an earlier casualty count had takes that count's category;
    ``counted`` keeps the text's casualty counts by (value, noun) and grows with this sentence's."""
    for c in cands:
        if c.noun is None:
            continue
        key = (c.value, c.noun)
        if c.category in lx.CASUALTY_CATEGORIES:
            counted.setdefault(key, c.category)
        elif c.category in (None, "count_other") and key in counted \
                and text[max(0, c.start - 6):c.start].lower().endswith(_DEFINITE):
            c.category = counted[key]
