"""Category cues that reach a figure through the structure of its clause, not right next to it.

``processors.categories`` reads the casualty word next to a number ("killed 12", "12 were killed"); the
constructions here carry the category from further away, the way wire copy writes them:

- a verb that governs a coordinated object or a "family of N": "detained a commander and four of his
  guards", "an air strike killed a family of six";
- a participle or phrase after the figure that the shorter list does not know: "forced 9,000 people from
  their homes", "30 people are trapped under the rubble", "31 people were held after the clashes";
- a partitive: "38 of the new cases", "31 of them", "of whom at least 20", "Of the confirmed cases, four";
- a head-to-head count: "1,200 votes to 1,100 for her rival" (the second count is votes too);
- a running total: "raising the total to 1,300" after a day's deaths; "So far this year, 230 people have
  died"; "a total of 17 cases, including 11 deaths".
"""

from __future__ import annotations

import re

from newswire.processors import figure_frames as fr
from newswire.processors import lexicon as lx
from newswire.processors.candidates import Candidate
from newswire.processors.sentences import Sentence
from newswire.processors.word_scans import first_start, prefix_regex

# active casualty verbs that govern the people they name, when nothing but a noun phrase and "and" stands
# between verb and number: "detaining a senior commander and two of his aides"
_GOVERN_VERBS = (r"killed|killing|kill|kills|wounded|wounding|injured|injuring|arrested|arresting|detained"
                 r"|detaining|kidnapped|kidnapping|abducted|abducting|evacuated|evacuating|captured|capturing")
_NP_WORD = r"(?!(?:and|or|but|said|says|were|was|is|are|has|have|had|who|which|that|to|in|on|at)\b)[A-Za-z'’-]+"
GOVERN_AND_RE = re.compile(rf"\b(?P<cue>{_GOVERN_VERBS})\s+(?:{_NP_WORD}\s+){{1,6}}(?:and|as well as|along with"
                           rf"|together with)\s+$", re.IGNORECASE)
# "killed a family of six", "wounded two families of five"
GOVERN_FAMILY_RE = re.compile(rf"\b(?P<cue>{_GOVERN_VERBS})\s+(?:(?:an?|the|one|two|three|another|his|her|their)\s+)?"
                              rf"(?:[A-Za-z'’-]+\s+)?famil(?:y|ies)\s+of\s+$", re.IGNORECASE)
# the number is the subject of its own verb: "... and 3 civilians were wounded"
OWN_VERB_RE = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?(?:were|was|are|is|have|has|had|remain|remained|remains|died|fled"
                         r"|escaped|survived|got)\b", re.IGNORECASE)
FAMILY_OF_RE = re.compile(r"\bfamil(?:y|ies)\s+of\s+$", re.IGNORECASE)

# what the object of a killing or an arrest is: people, whatever the noun ("killing 112 operatives")
PERSON_VERB_CATEGORIES = {"killed", "injured", "hostages"}
_ARREST_RE = re.compile(r"arrest|detain", re.IGNORECASE)

# words after a bare number that are its verb, not its noun: "14 remain missing", "nine lie buried"
# adverbs before a counted noun's participle: "1.1 million internally displaced people"
ADVERB_MODIFIERS = frozenset("""internally newly recently reportedly fatally forcibly illegally arbitrarily
wrongfully""".split())
# "Gunmen seized 40 passengers": people seized are hostages
SEIZED_RE = re.compile(r"\b(?:seized|seizing|snatched|snatching)\s+(?:(?:an?|the|some|about|at least|more than)\s+)?$",
                       re.IGNORECASE)
_HOLD_WORDS = frozenset("holding hold holds held keeping keep keeps kept".split())
_SEIZE_WORDS = frozenset("seized seizing snatched snatching an a the some about least than".split())
_CAUGHT = ("suspects", "smugglers", "traffickers", "criminals", "poachers", "dealers", "migrants")
BARE_VERBS = frozenset("""remain remains stay stays lie lay lies face faces die dies flee flees survive survives
fear""".split())
_MEN_NOT_PEOPLE = frozenset({"abdomen", "regimen", "specimen", "acumen", "omen", "stamen", "semen", "hymen", "talisman", "ottoman", "caiman"})


# plurals naming people that the suffix rules of ``lexicon.is_person_noun`` miss ("19 oil thieves were held")
_MORE_PEOPLE = frozenset("""thieves wives chiefs youths pirates criminals nomads inmates convicts elders priests
monks nuns clerics judges leaders relatives sons daughters husbands locals natives addicts thugs recruits cadets
conscripts veterans delegates candidates muslims christians jews hindus elements operatives detectives representatives executives fugitives supervisors advisors inspectors investigators operators contractors visitors donors mayors senators governors ambassadors directors editors instructors vendors invaders collaborators conspirators abductors""".split())


def is_person_word(word: str) -> bool:
    """A counted noun naming people beyond ``lexicon.is_person_noun``: "servicemen", "militiamen", "thieves"."""
    low = word.lower()
    return (len(low) > 4 and low.endswith(("men", "man")) and low not in _MEN_NOT_PEOPLE) or low in _MORE_PEOPLE


# an exchange rate: "the yen traded at 108.55 per dollar"
PER_CURRENCY_STARTS = (" per ", " to the ", " against the ")
PER_CURRENCY_RE = re.compile(r"\s+(?:per|to the|against the)\s+(?:U\.?S\.?\s+)?(?:dollar|euro|pound|greenback"
                             r"|yen|yuan)\b", re.IGNORECASE)

# casualty phrases after the figure, with the category they give
_POST = [
    ("displaced", r"(?:from|out of) their homes|crossed (?:the border )?into|crossed the border|fled\b"
                  r"|(?:in|inside|outside) (?:[\d,]+ )?(?:\w+ )?evacuation cent(?:re|er)s"
                  r"|(?:sought|seeking|taken|taking|took) (?:refuge|shelter)|sheltered in"
                  r"|(?:in|living in|staying in) (?:\w+ )?(?:relief |displacement "
                  r"|temporary |tent )?(?:camps|shelters)"),
    ("missing", r"(?:trapped|buried)(?: alive)?(?: (?:under|beneath|in|inside|by))? (?:the )?(?:\w+ )?"
                r"(?:rubble|debris|wreckage|mud|snow|collapsed|buildings?|mine|landslide|avalanche)"
                r"|trapped underground|buried alive|(?:still|remain|remained) buried\b"
                r"|(?:under|beneath) (?:the )?(?:rubble|debris|wreckage)"),
    ("detained", r"(?:are|were|was|is|have been|had been|has been|being|remain|remained) (?:\w+ )?held\b"
                 r"(?! (?:hostage|captive|up|back|accountable|responsible|in (?:quarantine|isolation|reserve)))"
                 r"|in detention|behind bars"),
    ("evacuated", r"to (?:safety|safer ground|higher ground)\b"
                  r"|(?:moved|relocated|taken|brought|airlifted) to (?:safety|safer ground|higher ground"
                  r"|shelters|safe areas|evacuation cent(?:re|er)s|temporary (?:shelters|housing|camps)"
                  r"|(?:an? |the )?(?:\w+ )?(?:shelter|evacuation cent(?:re|er)|safe area|relief camp)s?\b)"),
    ("hostages", r"in (?:\w+ )?captivity"),
    ("killed", r"(?:stabbed|beaten|burned|burnt|crushed|trampled|hacked|shot|starved|frozen|stoned) to death"
               r"|neutrali[sz]ed|eliminated"),
    ("injured", r"(?:sustained|suffered|suffering|sustaining|received|treated for|being treated for|with)"
                r" (?:\w+ ){0,2}(?:injuries|wounds|burns|fractures)"),
    ("detained", r"apprehended|rounded up|intercepted|surrendered"),
    ("affected", r"(?:need|needs|needed|needing|in need of|require|requires|required|requiring) (?:\w+ )?"
                 r"(?:humanitarian |food |emergency |urgent )?(?:aid|assistance|relief)"
                 r"|(?:face|faces|faced|facing) (?:\w+ ){0,2}(?:hunger|food insecurity|famine|starvation)"
                 r"|(?:acutely |severely |critically )?food[- ]insecure"
                 r"|without access to (?:\w+ ){0,2}(?:water|food|power|electricity|shelter|health ?care|sanitation)"),
]
POST_EXTRA_RE = re.compile("|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(_POST)), re.IGNORECASE)
_POST_CATEGORIES = [cat for cat, _ in _POST]
POST_EXTRA_GATE = ("home", "cross", "fled", "evacuation", "refuge", "shelter", "camp", "trapped", "buried", "rubble", "debris", "wreckage",
                   "held", "detention", "bars", "moved", "relocated", "safety", "captivity", "aid", "assistance",
                   "relief", "death", "neutrali", "eliminated", "injuries", "wounds", "burns", "fractures",
                   "apprehended", "rounded", "intercepted", "surrendered", "hunger", "famine", "starvation", "food", "access")
# where a phrase of ``_POST`` can be: a word starting with one of its telling words (a cheap scan)
_POST_GATE_STARTS = prefix_regex(frozenset(POST_EXTRA_GATE))
BARE_TRAPPED_RE = re.compile(r"\b(?:trapped|buried)\b", re.IGNORECASE)
COLLAPSE_RE = re.compile(r"rubble|debris|wreckage|collaps|landslide|mudslide|avalanche|quake|tremor|\bmine\b"
                         r"|rockfall|cave-in", re.IGNORECASE)
_GAP_BREAK_RE = re.compile(r"[;:,]|\b(?:but|while|whereas|although|though|because|and|said|says|who|which)\b"
                           r"|\d", re.IGNORECASE)

# partitives: "38 of the new cases", "31 of them", "Of the confirmed cases, four"
OF_NOUN_RE = re.compile(r"\s+of\s+(?:the|those|these|its|their)\s+(?:(?:new|confirmed|reported|suspected|recorded"
                        r"|latest|additional|total|probable|registered|fresh|daily)\s+)*(?P<noun>[a-z]+)\b",
                        re.IGNORECASE)
OF_THEM_RE = re.compile(r"\s+of\s+(?:them|whom|those)\b", re.IGNORECASE)
FRONTED_OF_RE = re.compile(r"(?:Of|Among)\s+(?:the|those|these)\s+(?:[\d,.]+\s+)?(?:(?:new|confirmed|reported|suspected"
                           r"|recorded|latest|additional|total|probable)\s+)*(?P<noun>[a-z]+)\s*,\s*$")
WHOM_GAP_RE = re.compile(r"^[^;:.]{0,80}\b(?:of whom|of them|among them|among whom|including)\b[^;:,]{0,60}$",
                         re.IGNORECASE)
CASUALTY_WORDS = {"dead": "killed", "killed": "killed", "victims": "killed", "injured": "injured",
                  "wounded": "injured", "missing": "missing", "displaced": "displaced", "evacuees": "evacuated",
                  "detained": "detained", "arrested": "detained", "infected": "cases", "patients": "cases"}

# "1,874,210 votes against 1,534,902 for ...": the second count counts what the first does
VERSUS_RE = re.compile(r"\s+(?P<noun>[a-z]+)(?:\s*\([^()]{1,30}\))?,?\s+(?:to|against|versus|vs\.?|compared with"
                       r"|compared to)\s+$")

# "raising the total to 1,300", "bringing the tally to 97": a running total of what the clause counted
TOTAL_LINK_RE = re.compile(r"\b(?:raising|raised|bringing|brought|taking|took|pushing|pushed|lifting|lifted"
                           r"|putting)\s+(?:the|its|their)\s+(?:(?:overall|cumulative|total|official|national)"
                           r"\s+)?(?:total|tally|count|figure)(?:\s+(?:so far|to date|for the year))?\s+(?:to"
                           r"|at)\s+$", re.IGNORECASE)
# the deaths among a running total: "a total of 17 cases, including 11 deaths"
INCLUDED_RE = re.compile(r"[^;:.]{0,70}\b(?:including|of whom|of them|among them)\s+$", re.IGNORECASE)
# "bringing to 41 the death toll": the toll phrase after the figure
INVERTED_TOTAL_BEFORE_RE = re.compile(r"\b(?:bringing|brings|brought|raising|raises|raised|taking|takes|took"
                                      r"|pushing|pushed|lifting|lifted)\s+to\s+$", re.IGNORECASE)
INVERTED_TOTAL_AFTER_RE = re.compile(r"\s+(?:the|its|their)\s+(?:overall\s+|total\s+|official\s+|cumulative\s+)?"
                                     r"(?:death toll|toll|total|tally)\b", re.IGNORECASE)
# "since it was declared", "since the declaration of the outbreak": a running total
# "the total number of people killed": a toll said to be the whole
TOTAL_BEFORE_RE = re.compile(r"\b(?:total|overall|cumulative|official)\s+$", re.IGNORECASE)
# "since the quake struck", "since the Russian invasion": the whole happening's toll
SINCE_DECLARED_RE = re.compile(r"\bsince\s+(?:(?:it|the\s+\w+)\s+was\s+declared|the\s+declaration\s+of"
                               r"|the\s+(?:[\w'’-]+\s+){1,2}?(?:struck|hit|made\s+landfall|swept)"
                               r"|the\s+(?:[A-Z][\w'’-]*\s+|full-scale\s+|current\s+|latest\s+|\d{4}\s+){0,2}(?:war|conflict|coup"
                               r"|invasion|outbreak|epidemic|pandemic|fighting|hostilities|crisis|uprising"
                               r"|revolution|ceasefire|truce|monsoon|rainy season)\b)",
                               re.IGNORECASE)
# a sentence opening with a running-total adverbial: "So far this year, 230 people have died"
FRONTED_TOTAL_RE = re.compile(r"(?:So far|Thus far|To date|In total|In all|Overall|Altogether|All told|As of"
                              r"|Cumulatively"
                              r"|Since the (?:start|beginning|outbreak|onset) of)\b[^,;:]{0,50},")


# a situation report's labels: "Deaths: 45", "Injured: 120", "Confirmed cases: 812", "People in shelters: 900"
LABEL_RE = re.compile(r"\b(?P<label>death toll|toll|deaths?|dead|killed|fatalities|injured|wounded|injuries|missing"
                      r"|displaced|evacuated|evacuees|affected|cases|infections|arrested|arrests|detained|hostages|in (?:\w+ )?shelters)"
                      r"(?:\s*\([^()]{1,20}\))?\s*:\s*$", re.IGNORECASE)


def _label_category(before: str, health: bool) -> str | None:
    m = LABEL_RE.search(before)
    if m is None:
        return None
    label = m.group("label").lower()
    if "toll" in label:
        return "deaths_total"
    return noun_category(label, health) or lx.cue_category(label)


# "Osei received 2,104,330, or 51.2 percent": in a sentence about a vote, a bare count a candidate received
VOTE_VERBS = frozenset("""received receiving receives won winning wins polled polling polls garnered garnering secured
securing obtained obtaining""".split())
BARE_AFTER_RE = re.compile(r"\s*(?:[,.;)]|\(|$|\s+(?:against|to|versus|while|and|in|for)\b)")


def _bare_votes(text: str, c: Candidate, sent: Sentence) -> str | None:
    if c.noun is not None or c.tok.is_word or not BARE_AFTER_RE.match(text, c.end):
        return None
    low = text[sent.start:sent.end].lower()
    return "votes" if "vote" in low or "ballot" in low else None


# "Pirates are holding 17 crew members" (hostages), "Police are holding 12 suspects" (detained): who holds
HOLD_RE = re.compile(r"\b(?:holding|hold|holds|held|keeping|keep|keeps|kept)\s+$", re.IGNORECASE)
CAPTORS_RE = re.compile(r"\b(?:militants?|kidnappers?|abductors?|captors|pirates?|gunmen|rebels?|insurgents?|jihadists?"
                        r"|terrorists?|bandits?|gangs?|Hamas|Hezbollah|Taliban|Houthis?|al-Shabaab|Boko Haram"
                        r"|Islamic State|ISIS|cartel)\b", re.IGNORECASE)
JAILERS_RE = re.compile(r"\b(?:police|authorities|army|military|troops|soldiers|guards|forces|government|regime|prisons?|jails?"
                        r"|security services?|officials)\b", re.IGNORECASE)


def hold_category(text: str, c: Candidate, sent: Sentence) -> str | None:
    if not c.person:
        return None
    before = text[max(sent.start, c.start - 30):c.start]
    m = HOLD_RE.search(before)
    if m is None:
        return None
    subject = text[sent.start:c.start - (len(before) - m.start())]
    if CAPTORS_RE.search(subject):
        return "hostages"
    if JAILERS_RE.search(subject):
        return "detained"
    return None


def clause_cue(text: str, c: Candidate, sent: Sentence, counted: Candidate | None, health: bool) -> str | None:
    """The category the words before a figure give it from further away: a verb governing it across a noun
    phrase, a head-to-head count, a toll phrase after it, a report's label, a candidate's vote count."""
    before = text[max(sent.start, c.start - 70):c.start]
    lw = lx.last_word(before)
    found = _governing_cue(text, c, sent, before, lw) if c.person else None
    if found is None and lw in _VERSUS_WORDS:
        found = _versus_category(text, c, counted)
    if found is None and lw == "to":
        found = _inverted_total(text, c, before)
    if found is None and ":" in before[-4:]:
        found = _label_category(before, health)
    if found is None and lw in VOTE_VERBS:
        found = _bare_votes(text, c, sent)
    return found


_VERSUS_WORDS = frozenset({"to", "against", "versus", "vs", "vs.", "with"})


def _governing_cue(text: str, c: Candidate, sent: Sentence, before: str, lw: str) -> str | None:
    """The category a casualty verb gives a figure it governs across a noun phrase, or None."""
    if lw in _HOLD_WORDS:
        return hold_category(text, c, sent)
    if lw in _SEIZE_WORDS and c.noun not in (None, *_CAUGHT) and SEIZED_RE.search(before[-30:]):
        return "hostages"
    m = None
    if before.endswith(" of ") and FAMILY_OF_RE.search(before):
        m = GOVERN_FAMILY_RE.search(before)
    elif before.rstrip().endswith(("and", "with")) and not OWN_VERB_RE.match(text, c.end):
        m = GOVERN_AND_RE.search(before)   # not "killed a commander and 3 civilians were wounded"
    if m is None:
        return None
    return lx.cue_category(m.group("cue"))


def object_of_verb(cue: str, c: Candidate) -> bool:
    """Whether a killing or arresting verb's object counts people though its noun is not known as a person
    noun: "killing 112 operatives", "arrested 30 jihadis" (not "captured 12 tanks")."""
    noun = c.noun
    if not noun or c.person or noun in lx.TIME_UNITS or noun in lx.POWER_UNITS or not noun.endswith("s"):
        return False
    if noun in lx._NOT_PERSON_SUFFIX:
        return False
    return lx.cue_category(cue) in PERSON_VERB_CATEGORIES or _ARREST_RE.search(cue) is not None


def post_extra(text: str, cands: list[Candidate], sent: Sentence) -> None:
    """Categories from the phrases of ``_POST`` after uncategorised person figures of the same clause."""
    for c in cands:
        if c.category is not None or not c.person:
            continue
        stop = min(sent.end, c.end + 100)
        if first_start(_POST_GATE_STARTS, text, c.end, stop) is None:
            continue
        low = text[c.end:stop].lower()
        m = POST_EXTRA_RE.search(text, c.end, stop)
        category = None
        if m is not None:
            category = next(_POST_CATEGORIES[i] for i in range(len(_POST)) if m.group(f"c{i}") is not None)
        elif "trapped" in low or "buried" in low:
            m = BARE_TRAPPED_RE.search(text, c.end, stop)
            if m is None or not COLLAPSE_RE.search(text, sent.start, sent.end):
                continue
            category = "missing"   # "a collapsed building, where 30 more people are trapped"
        else:
            continue
        gap = text[c.end:m.start()]
        if len(gap.split()) > 10 or (_GAP_BREAK_RE.search(gap) and not fr.APPOSITIVE_GAP_RE.fullmatch(gap)):
            continue
        if category == "displaced" and c.noun in fr.NOT_REFUGEES and m.group(0).lower().startswith("fled"):
            continue   # "two suspects fled the scene": an escape, not a displacement
        if category == "killed" and c.noun in fr.CONTESTANTS:
            continue   # "five candidates eliminated in the first round": out of a race, not dead
        c.category = category
    for a, b in zip(cands, cands[1:]):
        if a.category is None and b.category is not None and a.person and RESTATED_RE.fullmatch(text, a.end, b.start):
            a.category = b.category   # "5,000 families, or 21,000 persons, are staying in shelters": both


def partitive_category(text: str, c: Candidate, sent: Sentence, previous: Candidate | None,
                       health: bool) -> str | None:
    """The category of a partitive figure: "38 of the new cases", "31 of them" after "212 injured"."""
    of_follows = text.startswith(" of ", c.end)
    m = OF_NOUN_RE.match(text, c.end) if of_follows else None
    if m:
        cat = noun_category(m.group("noun").lower(), health)
        if cat:
            return cat
    if previous is not None and previous.category in lx.CASUALTY_CATEGORIES:
        plural = (c.noun or "").endswith("s") and c.noun not in lx.TIME_UNITS
        if (c.person or plural) and lx.INCLUDING_RE.search(text, max(previous.end, c.start - 30), c.start):
            return previous.category   # "Eighteen people were killed, including four children"
        if of_follows and OF_THEM_RE.match(text, c.end) and not re.search(r"[.;:]", text[previous.end:c.start]):
            return previous.category
        if c.noun is None and WHOM_GAP_RE.match(text[previous.end:c.start]):
            return previous.category   # "59 hostages, of whom officials believe at least 20 are alive"
    if c.start - sent.start < 60 and text.startswith(("Of ", "Among "), sent.start):
        f = FRONTED_OF_RE.match(text, sent.start, c.start)
        if f:
            return noun_category(f.group("noun").lower(), health)   # "Of the confirmed cases, four"
    return None


def compared_category(text: str, c: Candidate, previous: Candidate | None) -> str | None:
    """"230,000 displaced, up from 180,000 a week earlier": the earlier count counts the same."""
    if previous is None or previous.category not in lx.CASUALTY_CATEGORIES:
        return None
    if c.noun and c.noun != previous.noun and not (c.person and previous.person):
        return None
    gap = text[previous.end:c.start]
    if len(gap) < 120 and COMPARED_RE.search(gap) and not re.search(r"[.;:]", gap.replace("a.m.", "").replace("p.m.", "")):
        return previous.category
    if c.person and c.noun is not None and (RESTATED_RE.fullmatch(gap) or (
            previous.category in _GROUP_CATEGORIES and c.noun in _HOUSEHOLDS and _FROM_HOUSEHOLDS_RE.fullmatch(gap))):
        return previous.category   # "345,210 families, or 1.2 million people", "9,000 people from 2,100 families"
    return None


RESTATED_RE = re.compile(r"\s+[a-z]+,?\s+or\s+")
# the households a displaced group comes from are displaced with it (not the families of the dead)
_GROUP_CATEGORIES, _HOUSEHOLDS = frozenset({"displaced", "evacuated", "affected"}), frozenset({"families", "households"})
_FROM_HOUSEHOLDS_RE = re.compile(r"\s+(?:people|persons|individuals|residents)\s+(?:from|in)\s+")


COMPARED_RE = re.compile(r"\b(?:(?:up|down|rising|falling|increasing|decreasing|higher|lower) from|compared (?:with|to)"
                         r"|against|versus|from a previous)\s+(?:(?:a|an|the|previous|earlier|estimated)\s+)*$",
                         re.IGNORECASE)


def noun_category(noun: str, health: bool) -> str | None:
    cat = lx.NOUN_CATEGORY.get(noun) or CASUALTY_WORDS.get(noun)
    if cat == "cases" and not health:
        return None
    return cat


def _versus_category(text: str, c: Candidate, previous: Candidate | None) -> str | None:
    if previous is None or previous.category is None or previous.noun is None or c.noun is not None:
        return None
    m = VERSUS_RE.fullmatch(text, previous.end, c.start)
    if m and m.group("noun").lower() == previous.noun:
        return previous.category
    return None


def running_total(text: str, c: Candidate, sent: Sentence, previous: Candidate | None) -> str | None:
    """"... 14 people died, raising the total to 1,300": the total of the earlier figure's kind."""
    if previous is None or previous.category not in lx.CASUALTY_CATEGORIES or not c.person:
        return None
    before = text[max(sent.start, c.start - 60):c.start]
    if not before.endswith(("to ", "at ")) or not TOTAL_LINK_RE.search(before):
        return None
    return "deaths_total" if previous.category in ("killed", "deaths_total") else previous.category


def _inverted_total(text: str, c: Candidate, before: str) -> str | None:
    """"..., bringing to 41 the death toll from the floods": one disaster's rising toll (killed); the whole's
    where the text says so ("the overall toll", "the toll from the war")."""
    if not INVERTED_TOTAL_BEFORE_RE.search(before[-20:]):
        return None
    m = INVERTED_TOTAL_AFTER_RE.match(text, c.end)
    if m is None:
        return None
    phrase = m.group(0).lower()
    if "toll" not in phrase or any(w in phrase for w in ("overall", "total", "cumulative")) \
            or fr.TOLL_ANCHOR_RE.search(text, m.end(), min(len(text), m.end() + 40)):
        return "deaths_total"
    return "killed"


def fronted_total(text: str, sent: Sentence, c: Candidate, health: bool = True) -> bool:
    """The sentence opens with a running-total adverbial that the figure's clause follows ("As of 4 March" only
    for an outbreak's counts: in a disaster's situation report it dates a snapshot of one happening's toll)."""
    m = FRONTED_TOTAL_RE.match(text, sent.start, sent.end)
    if m is not None and not health and text.startswith("As of", sent.start):
        return False
    return (m is not None and m.end() <= c.start and not lx.CLAUSE_BREAK_RE.search(text, m.end(), c.start)
            and not _NEW_CLAUSE_RE.search(text, m.end(), c.start))


_NEW_CLAUSE_RE = re.compile(r",\s+(?:and|but|yet|while)\b|\.\s")
