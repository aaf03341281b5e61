"""Category cues from the frame a figure sits in, beyond the words next to it (used by ``processors.categories``).

- a running total reached by a verb of adding up: "bringing the cumulative total since ... to 900 cases and
  21 deaths" (every figure of the list after "to" is part of the total);
- a disease's toll over a whole past outbreak, season or year ("Last year 300 people died of dengue") is a
  cumulative toll, where no shorter window ("new", "in the past 24 hours", "on Monday") is given;
- an inverted partitive: "Among the confirmed cases are three nurses", "Among those arrested were four";
- a breakdown of a count: "12 cases, eight confirmed and four probable";
- gapping: "Lusaka with 400 cases, followed by Ndola with 210 and Kitwe with 98";
- counted nouns and verbs the shared lexicon lacks: "26 killings", "34 abductees", "uprooted 2 million people",
  "households without power".
"""

from __future__ import annotations

import re

from newswire.processors import lexicon as lx
from newswire.processors.candidates import Candidate
from newswire.processors.sentences import Sentence

# counted nouns whose category the noun alone gives
EXTRA_NOUNS = {"killings": "killed", "murders": "killed", "homicides": "killed", "abductees": "hostages",
               "kidnappees": "hostages", "displacees": "displaced"}

# verbs of displacing before their object: "the conflict has uprooted 7 million people"
DISPLACING_BEFORE_RE = re.compile(r"\b(?:uproot(?:ed|ing|s)?|driv(?:en|ing|es)\s+out|forc(?:ed|ing)\s+out)"
                                  r"\s+(?:(?:an?|the|some|an estimated|nearly|about|more than|over)\s+)?$",
                                  re.IGNORECASE)
# units that count people or their homes where a utility counts outages: "40,000 households without power"
OUTAGE_UNITS = frozenset({"households", "customers", "consumers", "subscribers", "residents"})
OUTAGE_AFTER_RE = re.compile(r"\s+(?:[\w'’-]+\s+){0,5}?"
                             r"(?:(?:were|are|was|is|remained|remain|remains|stayed|still|left)\s+)*"
                             r"without\s+(?:power|electricity|heating|heat|gas|water|running water)\b", re.IGNORECASE)

# "bringing the cumulative total since the outbreak was declared to": a verb of adding up and its total
_RUNNING_LINK_RE = re.compile(
    r"\b(?:bringing|brings|brought|raising|raises|raised|pushing|pushes|pushed|taking|takes|took|lifting|lifts"
    r"|lifted)\s+(?:the|its|their)\s+(?:[\w'’-]+\s+){0,3}?(?P<noun>total|toll|tally|count|number|figure)s?\b"
    r"(?P<gap>[^;:]{0,110}?)\bto\s+(?P<list>(?:(?:[^;:,]|,(?=\d)){1,40}?(?:,\s+|\s+and\s+))*)$", re.IGNORECASE)
_LIST_VERB_RE = re.compile(r"\b(?:said|says|were|was|are|is|have|has|had|\w+ed)\b", re.IGNORECASE)


def in_running_total(text: str, sent: Sentence, c: Candidate) -> bool:
    """Whether the figure is in the list a verb of adding up ends with: "bringing the total ... to N cases and M
    deaths"."""
    head = text[max(sent.start, c.start - 200):c.start]
    if "to " not in head:
        return False
    m = _RUNNING_LINK_RE.search(head)
    if m is None or lx.CLAUSE_BREAK_RE.search(m.group("gap")):
        return False
    if m.group("noun").lower() in ("toll", "number") and not (
            _WHOLE_WORDS_RE.search(m.group(0)) or TOLL_ANCHOR_RE.search(m.group(0))):
        return False   # "raising the death toll from the landslide to 27": one disaster's rising toll
    return not _LIST_VERB_RE.search(m.group("list"))


# a toll tied to a war, an outbreak or a year is the whole's: "the death toll from the war has reached 9,000"
TOLL_ANCHOR_RE = re.compile(r"\b(?:war|conflict|insurgency|coup|outbreak|epidemic|pandemic|this year|so far in"
                            r" (?:19|20)\d\d)\b", re.IGNORECASE)
_WHOLE_WORDS_RE = re.compile(r"\b(?:overall|cumulative|total|since|so far|to date)\b", re.IGNORECASE)


_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# dates inside a toll phrase ("the death toll since the rains began on 2 June rose to 88") are no count
_DATE_IN_GAP_RE = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}(?:,?\s+(?:19|20)\d\d)?"
                             rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?|\b(?:19|20)\d\d\b"
                             rf"|\b\d{{1,2}}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)\b")


def gap_has_count(gap: str) -> bool:
    """Whether a stretch between a toll phrase and a figure holds another number than a date or a time."""
    return re.search(r"\d", _DATE_IN_GAP_RE.sub("", gap)) is not None


# a "number of dead" that the text says runs from a start is the running toll
# (not "taking the number of dead from 125 to 149": a rising count, but not said to be the whole)
RUNNING_NUMBER_RE = re.compile(r"\b(?:since|so far|to date|in total|overall|cumulative)\b", re.IGNORECASE)


# the frame of a whole outbreak, season or past year: "During the 2022-2023 outbreak", "Last year", "in 2019"
_WHOLE_FRAME_RE = re.compile(r"\b(?:last year|this year|outbreak|epidemic|pandemic|season|(?:19|20)\d\d)\b",
                             re.IGNORECASE)
# a shorter window: the count is the day's or the week's, not the toll
_WINDOW_RE = re.compile(r"\b(?:new|more(?!\s+than)|further|additional|another|fresh|daily|weekly|overnight|today"
                        r"|yesterday"
                        r"|hours|days|week|this week|last week|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
                        r"|since the last)\b|\b\d{1,2}\s+" + _MONTHS + r"|\b" + _MONTHS + r"\s+\d{1,2}\b",
                        re.IGNORECASE)
_DEATH_NOUNS = frozenset({"deaths", "death", "fatalities"})
_TOLL_PEOPLE = frozenset({None, "people", "persons", "patients", "cases"})
_DIED_AFTER_RE = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}?(?:(?:have|had|has)\s+)?died\b")
_DEATHS_OF_RE = re.compile(r"\bdeaths?\s+of\s+(?:(?:at least|more than|about|some|nearly|up to)\s+)?$", re.IGNORECASE)


def whole_outbreak_toll(text: str, sent: Sentence, c: Candidate) -> bool:
    """In a text about a disease: a death count over a whole outbreak, season or (past) year, with no shorter
    window in its sentence ("the deaths of three children ... during the flu season" are people, not a toll).
    Only deaths counted as such ("409 deaths", "1,705 people died"): "the pandemic that killed 25 million" tells
    what a happening did, like "floods in 2022 killed 1,700"."""
    if c.noun not in _DEATH_NOUNS and not (c.noun in _TOLL_PEOPLE and _DIED_AFTER_RE.match(text, c.end)):
        return False   # (nor "two health workers died in March 2023": named people, not a toll)
    if not _WHOLE_FRAME_RE.search(text, sent.start, sent.end) or _WINDOW_RE.search(text, sent.start, sent.end):
        return False
    return not _DEATHS_OF_RE.search(text, max(sent.start, c.start - 30), c.start)


# "Among the confirmed cases are two nurses", "Among those detained were four port workers"
_AMONG_ARE_RE = re.compile(r"(?:Among|Of)\s+(?:the|those)\s+(?P<what>(?:[a-z-]+\s+){0,2}?[a-z-]+)\s+"
                           r"(?:are|were|is|was|included|include)\s+(?:(?:at least|about|some|more than)\s+)?$")


def among_category(text: str, sent: Sentence, c: Candidate, health: bool) -> str | None:
    if c.start - sent.start > 70 or not text.startswith(("Among ", "Of "), sent.start):
        return None
    m = _AMONG_ARE_RE.match(text, sent.start, c.start)
    if m is None:
        return None
    words = m.group("what").lower().split()
    head = words[-1]
    cat = lx.NOUN_CATEGORY.get(head) or EXTRA_NOUNS.get(head)
    if cat == "cases" and not health:
        return None
    if cat is None and head in ("suspects", "detainees", "arrested", "detained"):
        return "detained"
    if cat is None:
        found = lx.cue_category(head)
        cat = found if found != "count_other" else None
    return cat


# "12 cases, eight confirmed and four probable": the parts of a count of cases
_PART_WORDS = frozenset({"confirmed", "probable", "suspected", "laboratory-confirmed", "lab-confirmed", "fatal",
                         "active", "recovered", "severe", "critical"})
_PARTS_AFTER_RE = re.compile(r"\s+(?:confirmed|probable|suspected|laboratory-confirmed|lab-confirmed|fatal|active"
                             r"|recovered|severe|critical)\b", re.IGNORECASE)
_PARTS_GAP_RE = re.compile(r"(?:\s+[a-z]+)?\s*,\s*|\s+(?:confirmed|probable|suspected|laboratory-confirmed"
                           r"|lab-confirmed|fatal"
                           r"|active|recovered|severe|critical)\s*(?:,\s*|\s+and\s+|\s+or\s+)")


def breakdown_category(text: str, c: Candidate, previous: Candidate | None) -> str | None:
    if previous is None or previous.category != "cases" or (c.noun is not None and c.noun not in _PART_WORDS):
        return None
    if not _PARTS_AFTER_RE.match(text, c.end) or not _PARTS_GAP_RE.fullmatch(text, previous.end, c.start):
        return None
    return "cases"


# ("of" is left out: "a toll of 40 deaths out of a population of 3,000")
_GAP_WORDS = frozenset({"with", "by", "on", "at", "to"})


def gapped_category(text: str, sent: Sentence, c: Candidate, model: Candidate | None) -> str | None:
    """"Lusaka with 400 cases, followed by Ndola with 210 and Kitwe with 98": a bare number after the same
    preposition as a counted figure earlier in the sentence counts the same."""
    if model is None or c.noun is not None or model.category is None or model.category in ("count_other",
                                                                                              "duration"):
        return None
    word = lx.last_word(text[max(sent.start, c.start - 12):c.start])
    if word not in _GAP_WORDS:
        return None
    between = text[model.end:c.start]
    # a ranking names the leader its own way and the rest "with" theirs: "Luanda accounts for 3,106 cases,
    # followed by Bengo with 702"
    if lx.last_word(text[max(sent.start, model.start - 12):model.start]) != word and not (
            word == "with" and "followed by" in between):
        return None
    if len(between) > 120 or re.search(r"[;:]|\b(?:said|says)\b", between):
        return None
    if not re.match(r"\s*(?:[,.;)]|$|\s+and\b)", text[c.end:c.end + 6]):
        return None
    return model.category


_INCLUDING_BEFORE_RE = re.compile(r"\b(?:including|among them|among whom|of whom|of them)\s+(?:(?:at least|about|some"
                                  r"|more than|nearly)\s+)?$", re.IGNORECASE)
_LIST_GAP_RE = re.compile(r"\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?(?:,\s+|,?\s+and\s+)")


def listed_part(text: str, sent: Sentence, c: Candidate, previous: Candidate | None) -> str | None:
    """"rescued 34 abductees, among them 11 women and 9 children": the list after "among them" goes on."""
    if previous is None or previous.category not in lx.CASUALTY_CATEGORIES or not c.person or c.noun is None:
        return None
    if not _LIST_GAP_RE.fullmatch(text, previous.end, c.start):
        return None
    if not _INCLUDING_BEFORE_RE.search(text, max(sent.start, previous.start - 30), previous.start):
        return None
    return previous.category


_FRONTED_THEM_RE = re.compile(r"(?:Of|Among)\s+(?:them|these|those|whom)\s*,\s*(?:(?:at least|about|some|more than"
                              r"|nearly)\s+)?$")


def fronted_them(text: str, sent: Sentence, c: Candidate, cands: list[Candidate], carried: str | None) -> str | None:
    """"... 1,274 patients were hospitalised. Of them, 471 were admitted in the capital": the sentence before
    gives the category."""
    if carried is None or not cands or c is not cands[0] or c.start - sent.start > 40:
        return None
    return carried if _FRONTED_THEM_RE.match(text, sent.start, c.start) else None


_OF_SUSPECTS_RE = re.compile(r"\s+of\s+(?:the|those|these)\s+(?:\w+\s+)?(?:suspects|accused|arrested|detained)\b",
                             re.IGNORECASE)
_LET_GO_RE = re.compile(r"[^.;:]{0,40}\b(?:released|freed|bail|acquitted|escaped|fled)\b", re.IGNORECASE)
_ARRESTS_RE = re.compile(r"\b(?:arrest\w*|detain\w*|detention|custody|apprehend\w*|held)\b", re.IGNORECASE)


def suspects_partitive(text: str, c: Candidate) -> str | None:
    """"Nineteen of the suspects are Spanish": in a story that has told of arrests, the suspects are the
    detained."""
    if not text.startswith(" of ", c.end) or not _OF_SUSPECTS_RE.match(text, c.end):
        return None
    if _LET_GO_RE.match(text, c.end):
        return None   # "eight of the suspects were released on bail": no longer held
    return "detained" if _ARRESTS_RE.search(text, max(0, c.start - 3000), c.start) else None


# "pulled the bodies of a man, his wife and five of their children from the rubble": the list is of the dead
_BODIES_LIST_RE = re.compile(r"\bbodies\s+of\s+[^.;:\d]{0,60}?,?\s+and\s+$", re.IGNORECASE)


def bodies_list(text: str, sent: Sentence, c: Candidate) -> str | None:
    if not c.person or "bodies" not in text[max(sent.start, c.start - 80):c.start]:
        return None
    return "killed" if _BODIES_LIST_RE.search(text, max(sent.start, c.start - 80), c.start) else None


# toll phrases the shared list lacks: "the number of people who have died in the floods", "the tally of fatalities"
EXTRA_TOLL_RE = re.compile(r"\b(?:number of (?:people|persons|those|civilians|children)\s+(?:who\s+(?:have\s+|had\s+)?"
                           r"(?:died|perished|were killed|have been killed|had been killed|lost their lives)"
                           r"|killed|dead)"
                           r"|(?:tally|count) of (?:the )?(?:dead|deaths|fatalities|victims))\b", re.IGNORECASE)


def extra_toll(text: str, start: int, end: int) -> re.Match[str] | None:
    """The last toll phrase of ``EXTRA_TOLL_RE`` in ``text[start:end]``."""
    found = None
    for found in EXTRA_TOLL_RE.finditer(text, start, end):
        pass
    return found


# "raised 60 billion shillings, against a target of 50 billion": a bare amount measured against a sum is one too
_MEASURED_AGAINST_RE = re.compile(r"\b(?:against|versus|compared (?:with|to)|up from|down from)\s+(?:(?:a|an|the"
                                  r"|its|their)\s+)?(?:(?:[\w-]+\s+){0,2}(?:target|forecast|estimate|goal|budget"
                                  r"|projection|expectation|figure)s?\s+of\s+)?$", re.IGNORECASE)
_LIST_OF_SHARES_RE = re.compile(r"[^.;:]{0,40}(?:,\s+|\s+and\s+)$")


def same_measure(text: str, c: Candidate, previous: Candidate | None) -> str | None:
    """A bare number after a sum or a share, measured against it or listed after it, is a sum or a share:
    "against a target of 50 billion", "65 percent were white, 12 percent black and 7.3 of another race"."""
    if previous is None or c.noun is not None or previous.category not in ("money", "percent"):
        return None
    gap = text[previous.end:c.start]
    if len(gap) > 80 or re.search(r"[.;:]\s", gap):
        return None
    if _MEASURED_AGAINST_RE.search(gap):
        c.unit = c.unit or previous.unit
        return previous.category
    if previous.category == "percent" and not c.tok.is_word and _LIST_OF_SHARES_RE.fullmatch(gap) \
            and not re.search(r"\d", gap):
        c.unit = c.unit or previous.unit
        return "percent"
    return None


# "damaged 4,500 others, leaving 18,000 people homeless": a participle opens a new clause, so a casualty word
# after it does not reach back over it ("six people, including four children, were killed" does)
PARTICIPLE_BREAK_RE = re.compile(r"\b(?!(?:including|during|according|morning|evening|building|buildings|thing|nothing"
                                 r"|something|anything|everything|spring|king|ceiling|ring|wing)\b)[a-z]{3,}ing\b")

_DEGREE_AFTER_RE = re.compile(r"\s+(?:critically|seriously|severely|gravely|badly|slightly|lightly|fatally)\b"
                              r"\s*(?:[,.;)]|$|and\b)")


def degree_part(text: str, c: Candidate, previous: Candidate | None) -> str | None:
    """"130 people were wounded, 25 critically": a bare number with an adverb of degree is a part of the
    casualty count before it."""
    if previous is None or previous.category not in lx.CASUALTY_CATEGORIES or c.noun is not None:
        return None
    if not _DEGREE_AFTER_RE.match(text, c.end) or len(text[previous.end:c.start]) > 60 \
            or re.search(r"[.;:]", text[previous.end:c.start]):
        return None
    return previous.category


# "the death toll has climbed past 1,000": a toll passing a mark
TOLL_PAST_RE = re.compile(r"\b(?:rose|risen|climbed|jumped|soared|surged|went|gone|passed|moved|edged|crept)\s+"
                          r"(?:past|beyond|above)\s+$", re.IGNORECASE)


# "Twelve civilians were among the 30 people killed": the figure is part of a casualty count named after it
_AMONG_AFTER_RE = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?(?:were|are|was|is)\s+(?:also\s+)?among\s+(?:the|those)\s+"
                             r"(?:[\d,]+\s+)?(?:people\s+|persons\s+)?(?:who\s+(?:were|had been|have been)\s+)?"
                             r"(?P<cue>killed|dead|died|injured|wounded|hurt|missing|arrested|detained|abducted"
                             r"|kidnapped|evacuated|displaced|victims|casualties|hostages)\b", re.IGNORECASE)
# "the remains of 12 people were found": the dead
_REMAINS_OF_RE = re.compile(r"\b(?:remains|corpses|bodies)\s+of\s+(?:(?:at least|about|some|more than|another|a further"
                            r"|nearly|around)\s+)?$", re.IGNORECASE)


def among_after(text: str, sent: Sentence, c: Candidate) -> str | None:
    if not c.person:
        return None
    if "among" in text[c.end:min(sent.end, c.end + 60)]:
        m = _AMONG_AFTER_RE.match(text, c.end, sent.end)
        if m:
            cue = m.group("cue").lower()
            return "killed" if cue in ("victims", "casualties", "died") else lx.cue_category(cue)
    if _REMAINS_OF_RE.search(text, max(sent.start, c.start - 40), c.start):
        return "killed"
    return None


# people whose fleeing is an escape or a retreat, not a displacement
NOT_REFUGEES = frozenset("""suspects gunmen attackers assailants prisoners inmates robbers thieves kidnappers bandits
militants soldiers troops fighters insurgents rebels police officers policemen guards drivers""".split())


def sentence_gates(low: str) -> tuple[bool, bool]:
    """Once a sentence (lower-cased): whether it names bodies, and whether it has "among" or remains."""
    bodies = "bodies" in low
    return bodies, bodies or "among" in low or "remains" in low or "corpses" in low


def frame_category(text: str, sent: Sentence, gates: tuple[bool, bool], c: Candidate, cands: list[Candidate],
                   previous: Candidate | None, model: Candidate | None, carried: str | None,
                   health: bool) -> str | None:
    """The first category the frames above give an uncategorised figure (``gates``: ``sentence_gates`` of its
    sentence); each frame is tried only where a cheap test says it may apply."""
    bare = c.noun is None
    prev_cat = previous.category if previous is not None else None
    found = None
    if c.start - sent.start <= 70 and text.startswith(("Among ", "Of "), sent.start):
        found = among_category(text, sent, c, health) or (fronted_them(text, sent, c, cands, carried)
                                                          if carried is not None else None)
    if found is None and prev_cat == "cases":
        found = breakdown_category(text, c, previous)
    if found is None and bare and model is not None:
        found = gapped_category(text, sent, c, model)
    if found is None and prev_cat in lx.CASUALTY_CATEGORIES:
        found = listed_part(text, sent, c, previous) if not bare else degree_part(text, c, previous)
    if found is None and text.startswith(" of ", c.end):
        found = suspects_partitive(text, c)
    if found is None and gates[0]:
        found = bodies_list(text, sent, c)
    if found is None and bare and prev_cat in ("money", "percent"):
        found = same_measure(text, c, previous)
    if found is None and gates[1]:
        found = among_after(text, sent, c)
    return found


# the comma closing a restatement before the verb: "5,000 families, or 21,000 persons, are staying in ..."
APPOSITIVE_GAP_RE = re.compile(r"\s+[a-z]+,\s+(?:are|were|remain|remained|have been|had been)\s+(?:[a-z]+\s+){0,2}")
# people out of a race, whom "eliminated" does not kill
CONTESTANTS = frozenset("candidates contestants teams players parties competitors finalists".split())
