"""Clause-level cues of a figure's category that the shorter lists of ``processors.figure_cues`` miss:
quotation marks around a verb or a figure, a partitive of people, a casualty word used as an adjective, a
fronted partitive shared by the bare counts after it, a speaker after a list of casualties, an outbreak's
counts "as of" a date.
"""

from __future__ import annotations

import re

from newswire.processors import figure_cues as fc
from newswire.processors import figure_governors as fg
from newswire.processors import lexicon as lx
from newswire.processors.candidates import Candidate
from newswire.processors.sentences import Sentence

# "61 deaths so far in 2026", "since the beginning of the year": a year's running count
SO_FAR_IN_YEAR_RE = re.compile(r"\b(?:so far in (?:19|20)\d\d|(?:since|from) the (?:start|beginning) of the year)\b",
                               re.IGNORECASE)
QUOTE_RE = re.compile(r"[\"“”]")
# a figure that is the speaker, not a casualty: "..., wounding 17 others, two security officials said"
SPEAKER_AFTER_RE = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?(?:said|say|says|told|reported)\b")
# a figure inside a prepositional phrase of the count before it: "17 people from three families"
INSIDE_PP_RE = re.compile(r"\s+[a-z]+\s+(?:from|of|in)\s+(?:(?:the|their|its)\s+)?")
_OF_PEOPLE_RE = re.compile(r"[\"”]?\s+of\s+(?:them|those|(?:the|these|its|their)\s+(?P<noun>[a-z]+))\b")


def of_people(text: str, c: Candidate) -> bool:
    """"killed more than 40 of the attackers", "30 of them": a partitive of people."""
    m = _OF_PEOPLE_RE.match(text, c.end)
    if m is None:
        return False
    noun = m.group("noun")
    return noun is None or lx.is_person_noun(noun) or fc.is_person_word(noun)


def attributive_cue(text: str, cue: re.Match) -> bool:
    """A casualty word used as an adjective before a noun that does not count people, right after a number:
    "the two affected districts" (not "2,000 displaced people", "5,000 households were affected")."""
    if cue.start() < 2 or text[cue.start() - 1] != " " or not text[cue.start() - 2].isalnum():
        return False
    nxt = lx.NEXT_WORD_RE.match(text, cue.end())
    if nxt is None or nxt.start() != cue.end() or text[cue.end():cue.end() + 1] != " ":
        return False
    word = nxt.group(1)
    low = word.lower()
    return (word[:1].islower() and low not in lx.FUNCTION_WORDS and low not in lx.CUE_WORDS_AFTER
            and not lx.is_person_noun(low) and not fc.is_person_word(low) and low.endswith("s")
            and not lx.POST_CUE_RE.match(word))


def fronted_partitive(text: str, c: Candidate, sent: Sentence, health: bool) -> str | None:
    """"Of the reported deaths, 29 were in the north and eight in the south": every bare count after the
    fronted partitive counts its noun."""
    if c.noun is not None or not text.startswith(("Of ", "Among "), sent.start):
        return None
    comma = text.find(",", sent.start, min(c.start, sent.start + 70))
    if comma < 0:
        return None
    f = fc.FRONTED_OF_RE.match(text, sent.start, comma + 1)
    return fc.noun_category(f.group("noun").lower(), health) if f else fg.fronted_participle(text, sent.start, comma + 1,
                                                                                           health)


_AS_OF_RE = re.compile(r"As of\b[^,;:]{0,40},")
_NEW_DEATHS_RE = re.compile(r"\b(?:new|additional|further|more)\s+(?:\w+\s+)?$", re.IGNORECASE)


def outbreak_as_of(text: str, sent: Sentence, c: Candidate) -> bool:
    """In an outbreak report, "As of 25 November, a total of 9 cases and 5 deaths": its running totals (but not
    "As of Monday, two new deaths")."""
    if not text.startswith("As of", sent.start) or c.noun not in ("deaths", "death", "fatalities"):
        return False
    m = _AS_OF_RE.match(text, sent.start, c.start)
    return (m is not None and not lx.CLAUSE_BREAK_RE.search(text, m.end(), c.start)
            and not _NEW_DEATHS_RE.search(text, max(sent.start, c.start - 20), c.start))
