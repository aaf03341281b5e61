"""Categories by the frame that governs a figure when the noun beside it says nothing.

News copy and agency bulletins often keep the casualty word away from the number:
- a bulletin's label line: "- Dead: 4 persons", "Sheltered: 1,250";
- a verb whose object comes after a fronted place or means: "arrested, in raids across the south, 40
  smugglers" (the style of military and police tallies);
- a partitive past a share in brackets: "52 (31%) of the cases";
- patients needing hospital care in a health text: "About 900 patients required hospitalisation";
- people in shelters, collective centres or with host families: the displaced of a humanitarian report;
- a currency word after its country's or zone's name: "3 billion CFA francs", "40 Hong Kong dollars".
"""

from __future__ import annotations

import re

from newswire.processors import lexicon as lx
from newswire.processors.candidates import Candidate
from newswire.processors.numbers import CURRENCY_WORDS
from newswire.processors.sentences import Sentence

_LABEL_WORDS = {
    "deceased": "killed", "dead": "killed", "deaths": "killed", "fatalities": "killed", "killed": "killed",
    "injured": "injured", "wounded": "injured", "injuries": "injured", "missing": "missing",
    "disappeared": "missing", "displaced": "displaced", "sheltered": "displaced", "homeless": "displaced",
    "evacuated": "evacuated", "evacuees": "evacuated", "affected": "affected", "arrested": "detained",
    "detained": "detained", "arrests": "detained", "detainees": "detained", "hostages": "hostages",
    "abducted": "hostages", "kidnapped": "hostages", "cases": "cases", "infected": "cases",
}
# words a label may carry beside its casualty word ("Confirmed deaths", "People displaced", "Total injured")
_LABEL_FILLER = frozenset("""people persons individuals confirmed new total reported cumulative suspected probable
number of recorded registered""".split())
_LABEL_RE = re.compile(r"[ \t]*(?:[-•*–·▪][ \t]*)?(?P<label>[A-Za-z][A-Za-z ]{1,40}?)[ \t]*:[ \t]*$")


def label_category(text: str, c: Candidate, health: bool) -> str | None:
    """The category a bulletin's label line gives its figure: "- Deceased: 3 persons" is killed."""
    if ":" not in text[max(0, c.start - 48):c.start]:
        return None
    line_start = text.rfind("\n", max(0, c.start - 49), c.start) + 1
    if c.start - line_start > 48 or (line_start == 0 and c.start > 48):
        return None
    m = _LABEL_RE.fullmatch(text, line_start, c.start)
    if m is None:
        return None
    words = m.group("label").lower().split()
    found = [_LABEL_WORDS[w] for w in words if w in _LABEL_WORDS]
    if len(found) != 1 or any(w not in _LABEL_WORDS and w not in _LABEL_FILLER for w in words):
        return None   # "Houses damaged: 120", "Deaths and injuries: 14": not one count of people
    if found[0] == "cases" and not health:
        return None
    return found[0]


# a casualty verb, a fronted place or means set off by commas, then the object: "arrested, in operations in
# the south, 28 smugglers", "intercepted, in Tamanrasset and Djanet, 300 individuals"
_FRONTED_PP_RE = re.compile(
    r"\b(?P<cue>arrested|detained|intercepted|apprehended|captured|killed|neutrali[sz]ed|eliminated|evacuated"
    r"|injured|wounded|kidnapped|abducted|rescued),\s+(?:in|during|at|on|near|across|over|from|along|off"
    r"|throughout|within|under|after|with)\s+[^.;:!?\"”]{2,170},\s+$", re.IGNORECASE)

_PAREN_OF_RE = re.compile(r"\s*\([^()]{1,24}\)\s+of\s+(?:the|those|these|its|their)\s+(?:(?:new|confirmed|reported"
                          r"|suspected|total|probable|recorded|notified)\s+)*(?:[a-z]+\s+(?=(?:cases|deaths|patients|infections)\b))?"
                          r"(?P<noun>[a-z]+)\b", re.IGNORECASE)
_SHARE_PAREN_RE = re.compile(r"\s*\(\s*[\d.,]+\s*(?:%|per\s*cent|percent)\s*\)")
_PAREN_NOUNS = {"cases": "cases", "patients": "cases", "infections": "cases", "deaths": "killed", "dead": "killed",
                "victims": "killed", "injured": "injured", "wounded": "injured", "displaced": "displaced",
                "missing": "missing", "votes": "votes", "ballots": "votes", "detainees": "detained",
                "evacuees": "evacuated", "hostages": "hostages"}
_NEEDED_CARE_RE = re.compile(r"\s+(?:[\w'-]+\s+){0,2}?(?:required|needed|requiring|needing|require|need)\s+"
                             r"(?:hospitali[sz]ation|hospital (?:care|treatment|admission)|intensive care)\b",
                             re.IGNORECASE)
# what a jail holds: its detainees
_HELD_BEFORE_RE = re.compile(r"\b(?:held|holds|holding)\s+(?:(?:some|about|around|nearly|more than|at least|over|up to)\s+)?$")
_PRISON_RE = re.compile(r"\b(?:cells?|prisons?|jails?|detention|penitentiar(?:y|ies)|lock-?ups?)\b", re.IGNORECASE)
# "caught" a disease, not caught by the police
_CAUGHT_DISEASE_RE = re.compile(r"\s+(?:[\w'-]+\s+){0,3}?caught\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?(?:plague|virus|disease"
                                r"|infection|fever|flu|influenza|covid(?:-19)?|cholera|measles|malaria|dengue|ebola"
                                r"|tuberculosis|mpox|typhoid|pneumonia|hepatitis)\b", re.IGNORECASE)
# sheltered people of a humanitarian report: "23,000 people are in 214 collective shelters", "12,000 are staying
# with host families" (the displaced, as agencies count them)
_SHELTERED_RE = re.compile(
    r"\s+(?:[\w'-]+\s+){0,2}?(?:are|were|remain|remained|have been|had been|being|is|was)?\s*(?:still\s+)?"
    r"(?:estimated\s+to\s+be\s+)?(?:staying|living|sheltering|housed|accommodated|lodged|hosted|sleeping)?\s*"
    r"(?:in|at|inside)\s+(?:(?:the|[\d,]+|some|about|around|several|over|more than)\s+)*(?:[\w-]+\s+)?"
    r"(?:collective|evacuation|displacement|reception|transit|temporary|emergency|relief)\s+"
    r"(?:cent(?:re|er)s?|shelters?|sites?|camps?)\b"
    r"|\s+(?:[\w'-]+\s+){0,6}?(?:staying|living|sheltering|hosted|housed)\s+(?:with|by)\s+(?:host\s+families"
    r"|relatives|host\s+communities)\b", re.IGNORECASE)


def governed_category(text: str, sent: Sentence, cands: list[Candidate], health: bool) -> None:
    """Categories for figures still without one, from the frame around them (see the module's doc)."""
    if all(c.category is not None for c in cands):
        return
    shared: Candidate | None = None   # the last "N (P%) of the cases" of the sentence
    for c in cands:
        if c.category is not None or c.tok.currency:
            continue
        if c.noun is None or c.person:
            label = label_category(text, c, health)
            if label is not None:
                c.category = label
                continue
        if text.startswith(" (", c.end):
            m = _PAREN_OF_RE.match(text, c.end)
            if m is not None and m.group("noun").lower() in _PAREN_NOUNS:
                cat = _PAREN_NOUNS[m.group("noun").lower()]
                if cat != "cases" or health:
                    c.category = cat   # "61 (29%) of the cases"
                    shared = c
                    continue
            if shared is not None and _SHARE_PAREN_RE.match(text, c.end) and " and " in text[shared.end:c.start]:
                c.category = shared.category   # "... and 44 (21%) from the next district": the same count's part
                continue
        if not c.person:
            continue
        if text.startswith(", ", c.start - 2):
            m = _FRONTED_PP_RE.search(text, max(sent.start, c.start - 220), c.start)
            if m is not None:
                c.category = lx.cue_category(m.group("cue"))
                continue
        if "held" in text[max(0, c.start - 8):c.start] or "hold" in text[max(0, c.start - 8):c.start]:
            if _HELD_BEFORE_RE.search(text, max(sent.start, c.start - 30), c.start) \
                    and _PRISON_RE.search(text, sent.start, c.start):
                c.category = "detained"   # "a cell meant for 35 held 155 men": the people a jail holds
                continue
        if " caught " in text[c.end:c.end + 60] and _CAUGHT_DISEASE_RE.match(text, c.end, sent.end):
            c.category = "cases"   # "two workers caught pneumonic plague"
            continue
        if health and _NEEDED_CARE_RE.match(text, c.end, sent.end):
            c.category = "cases"   # patients needing hospital care in an outbreak are counted cases
            continue
        near = text[c.end:c.end + 90]
        if ("shelter" in near or "cent" in near or "camp" in near or "site" in near or "host" in near) \
                and _SHELTERED_RE.match(text, c.end, sent.end):
            c.category = "displaced"


# a currency named after its country or zone: "4.5 billion CFA francs", "300 Hong Kong dollars"
_NAMED_CURRENCY_RE = re.compile(r"[ \t]+(?:[A-Z][A-Za-z.]*[ \t]+){1,2}(?P<cur>[a-z]+)\b")


def named_currency(text: str, end: int) -> str | None:
    """The currency after a figure that a name stands between: its unit, or None."""
    if not text.startswith(" ", end) or not text[end + 1:end + 2].isupper():
        return None
    m = _NAMED_CURRENCY_RE.match(text, end)
    return CURRENCY_WORDS.get(m.group("cur")) if m is not None else None


# a rate set "within +/- 1 p.p.": percentage points written short
PP_RE = re.compile(r"[ \t]*(?:p\.p\.|pp\b|ppt\b)")

# "treated 14 people for gunshot wounds": the wounded, even in a text about health
WOUNDS_AFTER_RE = re.compile(r"\s+(?:[\w'-]+\s+){0,2}?for\s+(?:[\w'-]+\s+){0,4}?(?:wounds|injuries|burns|fractures"
                             r"|trauma)\b", re.IGNORECASE)

# "the figure included five members of the clan": a toll's parts, in the toll's category
COUNT_INCLUDED_RE = re.compile(r"\b(?:figure|toll|total|tally|number|count|dead|victims)\s+(?:also\s+)?"
                               r"(?:included|includes|include)\s+(?:(?:at least|some|about|around)\s+)?$",
                               re.IGNORECASE)

# a tally over a calendar year or since a year: "recorded 673 murders in 2025", "has recorded more than 480,000
# murders since the army was sent in in 2006" (not "the cyclone killed 600 people in 2019": one happening)
_TALLY_BEFORE_RE = re.compile(r"\b(?:recorded|registered|counted|documented|logged|reported|tallied|saw)\s+"
                              r"(?:(?:a total of|at least|more than|some|about|around|nearly|over|almost|an estimated"
                              r"|just under|just over)\s+)*$", re.IGNORECASE)
_YEAR_AFTER_RE = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:in|during|throughout)\s+(?:the\s+(?:whole\s+|entire\s+)?year\s+)?"
                            r"(?:19|20)\d\d\b(?!\s*(?:[-–]|to\b|and\b))")
_SINCE_YEAR_RE = re.compile(r"\s+(?:[\w-]+\s+){0,3}?since\s+[^.;,:]{0,80}?\bin\s+(?:19|20)\d\d\b")


def year_total(text: str, sent: Sentence, c: Candidate) -> bool:
    """Whether a death count is a tally over a calendar year or since a year long past (a running total)."""
    if _SINCE_YEAR_RE.match(text, c.end, sent.end):
        return True
    return (_YEAR_AFTER_RE.match(text, c.end, sent.end) is not None
            and _TALLY_BEFORE_RE.search(text, max(sent.start, c.start - 40), c.start) is not None)


# "87 murders since January, down from 119 in the same period last year": the count a running total is
# compared with is one too
_COMPARED_TOTAL_RE = re.compile(r"[^.;:]{0,80}?\b(?:(?:up|down|rising|falling|higher|lower) from|compared (?:with|to)"
                                r"|against)\s+(?:(?:a|an|the|previous|earlier)\s+)*")


def compared_with_total(text: str, previous: Candidate, c: Candidate) -> bool:
    return previous.category == "deaths_total" and _COMPARED_TOTAL_RE.fullmatch(text, previous.end, c.start) is not None


# "executed 38 prisoners", "killed 12 detainees": what befell them, not what they were
KILLING_BEFORE_RE = re.compile(r"\b(?:executed|executing|killed|killing|hanged|hanging|murdered|massacred|shot dead)\s+"
                               r"(?:(?:at least|more than|some|about|around|nearly|over|the|an estimated)\s+)*$",
                               re.IGNORECASE)

# a disaster's toll in a text that also speaks of disease ("14 deaths, 9 missing people and 31 injured" in a storm
# report warning of outbreaks): the happening's dead, not an outbreak's running total (outbreaks have no missing)
_DISASTER_TOLL_RE = re.compile(r"\b(?:missing|injured|wounded|storm|cyclone|hurricane|typhoon|floods?|flooding"
                               r"|landslides?|mudslides?|earthquake|quake|collapse)\b", re.IGNORECASE)


def disaster_toll(text: str, sent: Sentence) -> bool:
    return _DISASTER_TOLL_RE.search(text, sent.start, sent.end) is not None


# "a relative of one of the victims", "a man linked to one of the factions": "one" inside a prepositional phrase
# names somebody of a group (a reference), it is not a count of what befell them ("One of the wounded later died"
# and "the killing of one of the hostages" are)
_REFERENCE_PREP_RE = re.compile(r"\b(?:of|to|with|for|from|about|by|against|near|among|like|behind|beside)\s+$",
                                re.IGNORECASE)


def reference_ones(text: str, cands: list[Candidate]) -> None:
    for c in cands:
        if (c.value == 1 and c.tok.is_word and not c.pre_cued and c.qualifier is None
                and c.category in lx.CASUALTY_CATEGORIES and text.startswith(" of ", c.end)
                and text[c.start:c.start + 1] == "o"
                and _REFERENCE_PREP_RE.search(text, max(0, c.start - 12), c.start)):
            c.category = "count_other"


# "Of the 57 people hospitalised, 12 ...": the fronted group is counted by what befell it
_FRONTED_PARTICIPLE_RE = re.compile(r"(?:Of|Among)\s+(?:the|those|these)\s+(?:[\d,.]+\s+)?(?:people|persons|individuals)"
                                    r"\s+(?:who\s+(?:were|have been|had been|are)\s+)?(?P<cue>[a-z]+)"
                                    r"(?:\s+(?:after|in|during|following|since|by|at|on)\s+[^,]{1,40})?\s*,\s*$")


def fronted_participle(text: str, start: int, end: int, health: bool) -> str | None:
    m = _FRONTED_PARTICIPLE_RE.match(text, start, end)
    if m is None or lx.POST_CUE_RE.fullmatch(m.group("cue")) is None:
        return None
    category = lx.cue_category(m.group("cue"))
    return "cases" if category == "injured" and health and "hospital" in m.group("cue") else category


# "8 deaths in the past week and 51 since the start of the season": a count with its own window of days is the
# window's new deaths, whatever running total the sentence gives after it
_OWN_WINDOW_RE = re.compile(r"\b(?:(?:in|during|over)\s+the\s+(?:past|last|previous|preceding)\s+(?:\w+\s+)?(?:days?"
                            r"|weeks?|hours|month)|in\s+week\s+\d+|this\s+week|last\s+week|overnight|yesterday)\b",
                            re.IGNORECASE)


def own_window(text: str, sent: Sentence, c: Candidate, nxt: Candidate | None) -> bool:
    end = nxt.start if nxt is not None else min(sent.end, c.end + 60)
    segment = text[c.end:end]
    return ("since" not in segment and "total" not in segment and len(segment) < 80
            and _OWN_WINDOW_RE.search(segment) is not None)
