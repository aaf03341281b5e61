"""What the figure extractor knows about English news wording: word lists and compiled patterns.

Kept apart from the procedure (``processors.figures`` and the ``exclusions``, ``candidates`` and
``categories`` modules it calls) so the vocabulary can grow without touching the logic. Everything is
compiled once at import.
"""

from __future__ import annotations

import re

from newswire.processors.word_scans import literal_prefixes, prefix_regex

_NUMWORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
             "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred")

NEXT_WORD_RE = re.compile(r"[\s-]+([A-Za-z][A-Za-z'’-]*)")
NOUN_WINDOW_RE = re.compile(r"[ \t]+((?:[A-Za-z][A-Za-z'’-]*[ \t]+){0,3}[A-Za-z][A-Za-z'’-]*)")

AGE_BEFORE_RE = re.compile(r"\b(?:aged|age|ages|aged between|aged about|aged around|age of)\s+$", re.IGNORECASE)
ERA_RE = re.compile(r"\s?(?:BC|AD|BCE|CE|B\.C\.|A\.D\.)(?!\w)")
AGE_AFTER_RE = re.compile(r"(?:\s|-)years?(?:\s|-)old\b|\s+years?\s+of\s+age\b", re.IGNORECASE)
NAME_AGE_RE = re.compile(
    r"(?:[A-Z][a-z]+|\b(?:father|mother|son|daughter|wife|husband|brother|sister|man|woman|boy|girl|suspect|victim"
    r"|driver|pilot|gunman|attacker|teacher|student|officer|soldier|mayor|leader|owner|resident|survivor"
    r"|journalist|worker|nurse|doctor|farmer|child|teenager|grandmother|grandfather|friend|partner|actor|singer"
    r"|player|defendant))(?:,\s*|\s+\()$")
DISTANCE_RE = re.compile(
    r"(?:\s|-)?(?:km|kms|kilomet(?:re|er)s?|miles?|mi|metres?|meters?|m|ft|feet|foot|yards?|inch(?:es)?|cm|mm"
    r"|nautical\s+miles|km/h|kph|mph|knots|sq(?:uare)?\.?\s*(?:km|kilomet(?:re|er)s?|miles?|metres?|meters?|feet)"
    r"|hectares?|acres?|light[- ]years?)\b")
# a phone number: "(?<![\w,.])(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}(?!\w)", written with
# its first character first ("+", "(" or a digit) so the engine skips every other character untried
PHONE_RE = re.compile(r"(?:\+(?<![\w,.]\+)\d{1,3}[\s.-]?\(?\d{2,4}|\((?<![\w,.]\()\d{2,4}|\d(?<![\w,.]\d)\d{1,3})"
                      r"\)?[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w])")
ID_CHAIN_RE = re.compile(r"(?:\s+and|\s+or|,|\s+to|\s*&)\s*$")

ID_NOUNS = set("""post posts flight flights route highway road resolution resolutions article articles section
chapter page pages room gate platform line number no terminal unit block district ward zone level phase stage
category grade size model version channel bus train seat lot apartment floor lane exit pier berth tower station
act bill paragraph clause rule item reactor runway squad battalion brigade regiment round game match episode
season cell plot hole interstate km mile sector camp checkpoint tables table figure chart annex appendix
bulletin list""".split())
MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
               "nov", "dec"}
MAGNITUDE_WORDS = {"magnitude", "richter"}
# a capitalised word before a number that is not a name: "police said Tuesday 14 people had died"
POWER_UNITS = {"homes", "households", "customers", "businesses", "properties", "premises", "houses"}
TIME_WORDS_BEFORE = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
                     "today", "tonight", "overnight"}
OF_CASUALTY_RE = re.compile(r"\s+of\s+(?:the|those)\s+(?P<cue>dead|killed|injured|wounded|hurt|missing|hostages"
                            r"|abducted|kidnapped|detainees|detained|arrested|evacuees|displaced|infected)\b",
                            re.IGNORECASE)
FUNCTION_WORDS = set("""the a an of in on at to for from by with and or but as that which who whom whose this these
those there here it its they them their he his she her we our you your i is are was were be been being has
have had do does did will would could should may might must can shall not no nor so than then when where
while after before since during until about over under into onto out up down off per each every all both
some any more most other such only just also very even still yet already again across along among between
through against without within toward towards around near upon""".split())
COMMON_WORDS = FUNCTION_WORDS | set("""least nearly almost approximately roughly estimated approx circa exactly
precisely total totalling totaling including killing killed kills kill leaves left leaving injuring wounding
another additional extra further fewer less above below plus minus among say said says reports reported
according sentenced like even well fully once now barely another only just top first last next some many
much several numbered number numbering reached reaching hit hitting topped passed exceeded stands stood
rose fell climbed jumped dropped declined grew increased decreased surged plunged soared doubled won lost
beat received got gave took holds held had has owns employs""".split())
MODIFIERS = set("""new more other additional confirmed suspected further young armed foreign local elderly innocent
registered eligible temporary striking total estimated reported known identified unidentified alleged retired
senior former top small large major minor key ethnic separate different similar fresh recorded active overall
cumulative permanent nonfarm military civilian unarmed injured wounded dead missing seriously critically
badly slightly severely more-than less-than""".split()) - {"injured", "wounded", "dead", "missing"}
CUE_WORDS_AFTER = set("""killed dead died wounded injured hurt missing displaced evacuated arrested detained affected
infected rescued freed released""".split())

PERSON_NOUNS = set("""people persons person civilians civilian children child kids women men man woman soldiers
soldier troops militants militant fighters police policemen policewomen officers officials students workers
residents passengers migrants refugees gunmen gunman attackers protesters protestors demonstrators victims
patients miners crew crewmen crewmembers journalists reporters hostages hostage prisoners detainees tourists
pilgrims villagers inhabitants families individuals adults babies infants others members staff employees
doctors nurses medics paramedics rescuers firefighters suspects insurgents rebels terrorists jihadists guards
pupils teenagers teens boys girls sailors marines personnel volunteers settlers worshippers fans spectators
voters citizens nationals foreigners survivors colleagues bodies dead wounded injured casualties fatalities
deaths captives persons them us labourers laborers farmers fishermen climbers hikers skiers swimmers
motorists pedestrians commuters shoppers customers athletes players bandits militiamen perpetrators""".split())
_NOT_PERSON_SUFFIX = set("""numbers papers orders containers computers letters matters towers centers centres
waters borders quarters headquarters powers markers meters metres liters litres chambers layers sectors
hangars helicopters shelters transfers barrels tankers trailers flyers posters ventilators
tanks planes""".split())


def last_word(before: str) -> str:
    """The last word of ``before``, lower-cased (cheap gate before running an end-anchored regex)."""
    parts = before.rsplit(None, 1)
    return parts[-1].lower().lstrip("(\"“'") if parts else ""


def ends_with(rx: re.Pattern[str], gate: set[str] | frozenset[str], before: str) -> re.Match[str] | None:
    """``rx.search(before)`` for an end-anchored ``rx``, run only when the last word can end a match."""
    return rx.search(before) if last_word(before) in gate else None


def is_known_noun(low: str) -> bool:
    return low in PERSON_NOUNS or low in NOUN_CATEGORY or low in TIME_UNITS


def is_person_noun(word: str) -> bool:
    low = word.lower()
    if low in PERSON_NOUNS:
        return True
    if low in _NOT_PERSON_SUFFIX:
        return False
    if word[:1].isupper() and low.endswith(("ans", "is", "ese", "ians", "ers")):
        return True  # demonyms: "Palestinians", "Israelis", "Congolese"
    return low.endswith(("ers", "ists", "ians", "ees", "ants", "ents")) and not low.endswith("ments")


NOUN_CATEGORY = {
    "hostages": "hostages", "hostage": "hostages", "captives": "hostages", "captive": "hostages",
    "votes": "votes", "vote": "votes", "ballots": "votes",
    "cases": "cases", "case": "cases", "infections": "cases", "infection": "cases", "notifications": "cases",
    "bodies": "killed", "deaths": "killed", "death": "killed", "fatalities": "killed", "dead": "killed",
    "casualties": "killed", "lives": "killed", "injuries": "injured", "refugees": "displaced", "evacuees": "evacuated",
    "detainees": "detained", "arrests": "detained", "prisoners": "detained",
    "diagnoses": "cases", "illnesses": "cases",
    # a health bulletin counts its patients by admission ("214 new dengue hospitalisations")
    "hospitalisations": "cases", "hospitalizations": "cases", "admissions": "cases",
}
HEALTH_RE = re.compile(
    r"\b(?:virus|viral|infect\w*|disease|outbreak|epidemic|pandemic|cholera|covid|coronavirus|plague|measles|ebola"
    r"|flu|influenza|dengue|malaria|mpox|monkeypox|polio|tuberculosis|hiv|aids|zika|hepatitis|diphtheria|anthrax"
    r"|tested positive|symptoms|patients|hospitali[sz]ed|health|medical|cases of|new cases|confirmed cases"
    r"|leptospirosis|typhoid|meningitis|lassa|marburg|nipah|chikungunya|rabies|fever|epidemiolog\w*|case fatality"
    r"|suspected cases|quarantine|vaccin\w*|cases (?:\w+ ){0,2}(?:confirmed|detected|diagnosed))")
TIME_UNITS = {"second": "seconds", "seconds": "seconds", "minute": "minutes", "minutes": "minutes",
              "hour": "hours", "hours": "hours", "day": "days", "days": "days", "week": "weeks", "weeks": "weeks",
              "month": "months", "months": "months", "year": "years", "years": "years", "decade": "decades",
              "decades": "decades", "century": "centuries", "centuries": "centuries", "night": "nights",
              "nights": "nights", "hr": "hours", "hrs": "hours", "min": "minutes", "mins": "minutes"}
CASUALTY_CATEGORIES = {"killed", "injured", "missing", "hostages", "detained", "displaced", "affected",
                       "evacuated", "deaths_total", "cases"}

QUALIFIERS = {
    "at least": "at_least", "no less than": "at_least", "no fewer than": "at_least", "not less than": "at_least",
    "a minimum of": "at_least", "at a minimum": "at_least",
    "more than": "more_than", "over": "more_than", "above": "more_than", "in excess of": "more_than",
    "upwards of": "more_than", "greater than": "more_than", "well over": "more_than", "just over": "more_than",
    "well above": "more_than", "just above": "more_than", "slightly more than": "more_than",
    "nearly": "about", "almost": "about", "close to": "about", "about": "about", "around": "about",
    "some": "about", "approximately": "about", "roughly": "about", "an estimated": "about",
    "approx.": "about", "circa": "about", "an approximate": "about", "just about": "about",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than", "below": "less_than",
    "just under": "less_than", "just below": "less_than",
    "up to": "up_to", "as many as": "up_to", "as much as": "up_to", "no more than": "up_to",
    "not more than": "up_to", "a maximum of": "up_to", "at most": "up_to", "within": "up_to",
    "the maximum": "up_to", "maximum value of": "up_to", "just short of": "about", "just shy of": "about",
}
_QUAL_ALT = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in QUALIFIERS), key=len, reverse=True))
QUAL_RE = re.compile(rf"\b(?P<q>{_QUAL_ALT})\s+(?:(?:an|a|another)\s+(?:additional|extra|further)\s+)?$",
                     re.IGNORECASE)   # "up to an additional 15 percent"
QUAL_GATE = frozenset(k.split()[-1] for k in QUALIFIERS) | {"additional", "extra", "further"}
POST_QUAL_RE = re.compile(r"(?P<q>\s+or more\b|\s+or so\b|-plus\b|\s+plus\b(?!\s+\d)|\+)", re.IGNORECASE)
POST_QUALIFIERS = {"or more": "at_least", "or so": "about", "plus": "more_than", "+": "more_than"}

WORD_IDIOM_BEFORE_RE = re.compile(r"\b(?:no|any|every|each|the|this|that|which|such|at|anyone|someone)\s+$",
                                  re.IGNORECASE)
FRACTIONS = {"half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth", "fifths",
             "sixth", "sixths", "tenth", "tenths", "eighth", "eighths"}
ONE_HYPHEN_IDIOMS = {"time", "off", "way", "sided", "on", "size", "party", "stop", "man", "liner", "night",
                     "third", "quarter", "half", "fifth", "tenth", "shot", "piece", "horse", "star", "point"}
NOT_COUNTED_AFTER_ONE = set("""another who which that is was has had could would will can may might must should
said says told in on at by for with to and or but thing way hand point time too side else more less another
another's way another day week month year morning afternoon evening night moment stage occasion instance
hundred thousand million billion""".split())
ONE_CASUALTY_RE = re.compile(r"\s+(?:(?:was|is|has|had|been|later|also|reportedly|remains|remained)\s+){0,3}"
                             r"(?:killed|died|dead|wounded|injured|hurt|missing|arrested|detained|kidnapped|abducted)\b")
ONE_OF_RE = re.compile(r"\s+of\s+(?!the\s+(?:most|best|worst|few|largest|biggest|deadliest|main|world's|key|"
                       r"top|first|last|greatest|highest|lowest|oldest|richest|poorest|major|leading)\b)"
                       r"(?:the|them|those|these|its|his|her|their|whom|which|our|my|your|[A-Z])")

MAGNITUDE_BEFORE_RE = re.compile(r"(?:magnitude|richter(?:\s+scale)?)(?:\s+of)?[\s-]*(?:a\s+)?$")
MAGNITUDE_AFTER_RE = re.compile(r"(?:\s|-)(?:magnitude|richter|(?:earth)?quake|aftershock|tremor)\b", re.IGNORECASE)
QUAKE_RE = re.compile(r"\b(?:quake|earthquake|aftershock|tremor|magnitude|richter|seismic|temblor)")
QUAKE_WORDS = ("quake", "aftershock", "tremor", "magnitude", "richter", "seismic", "temblor")   # a cheap gate

KILLED_RIGHT_AFTER_RE = re.compile(r"[ \t]+(?:[\w'-]+[ \t]+){1,2}(?:were|was|have been|had been|has been)[ \t]+"
                                   r"(?:\w+[ \t]+)?(?:killed|executed|murdered|shot dead|found dead)\b")
INCLUDING_RE = re.compile(r"\b(?:including|among them|among whom|of whom|of them|of which)\s*$", re.IGNORECASE)
PRE_CUE_GATE = frozenset("""to treated treating killing killed kill kills of neutralized neutralised neutralizing neutralise neutralize
intercepted intercepting
neutralising eliminated eliminating apprehended apprehending captured capturing jailed jailing imprisoned
imprisoning injuring injured injure injures wounding wounded wounds
evacuated evacuating evacuate displacing displaced displace arrested arresting arrests arrest detained detaining
detain kidnapped kidnapping abducted abducting infected infecting sickened sickening affected affecting affects rescued rescuing a an
the another some estimated all were are included include of""".split())
INCLUDING_GATE = frozenset({"including", "them", "whom", "which"})
AGE_GATE = frozenset({"aged", "age", "ages", "between", "about", "around", "of"})
IDIOM_GATE = frozenset({"no", "any", "every", "each", "the", "this", "that", "which", "such", "at", "anyone",
                        "someone"})
PRE_CUE_RE = re.compile(
    r"\b(?P<cue>among the (?:dead|victims) (?:were|are)|the dead (?:included|include|were)|bodies of"
    r"|(?:those|people|the people) (?:killed|who died|who were killed)(?: (?:in|at|on|during) (?:the |a )?[\w'-]+)?"
    r" (?:included|include|were)"
    r"|neutrali[sz](?:ed|ing|e)|eliminat(?:ed|ing)|apprehend(?:ed|ing)|intercept(?:ed|ing)|captur(?:ed|ing)|jail(?:ed|ing)"
    r"|imprison(?:ed|ing)"
    r"|(?:shut(?:ting|s)? off|cut(?:ting|s)? off|cut(?:ting|s)?|knock(?:ed|ing|s)? out|restor(?:e|ed|ing|es))"
    r" (?:the )?(?:power|electricity|water)(?: supplies)?(?: (?:on )?\w+day)? to"
    r"|(?:power|electricity|water)(?: supplies?)? (?:was|were|has been|had been|remained|remains) (?:cut|knocked out"
    r"|off|out|lost)(?: (?:to|for|in))?"
    r"|treated|treating"
    r"|among the (?:injured|wounded) (?:were|are)|(?:evacuation|displacement|arrest|killing|killings) of"
    r"|killing|killed|kill|kills|claimed the lives of|claiming the lives of|deaths? of|injuring|injured"
    r"|injure|injures|wounding|wounded|wounds|evacuated|evacuating|evacuate|displacing|displaced|displace"
    r"|arrested|arresting|arrests|arrest|detained|detaining|detain|kidnapped|kidnapping|abducted|abducting"
    r"|infected|infecting|sickened|sickening|affected|affecting|affects|rescued|rescuing)"
    r"\s+(?:(?:an?|the|another|some|an estimated|all|all of the|a total of)\s+)?$", re.IGNORECASE)
TOLL_RE = re.compile(
    r"\b(?:death toll|toll|death count|total (?:number of )?deaths|number of (?:the )?(?:[a-z]+ )?(?:dead|deaths|fatalities"
    r"|people killed|victims|casualties)|number of (?:the )?(?:injured|wounded|injuries)|number of (?:(?:confirmed"
    r"|new|reported|suspected|recorded|known|total) )?(?:cases|infections|patients)|case count|caseload|case tally"
    r"|number of (?:the )?(?:[a-z]+ )?(?:displaced|missing|hostages|detainees|arrests|evacuees)"
    r"|number of (?:people|customers|households|homes|residents|businesses)(?: who (?:could|would|will|may|might"
    r"|were|are|have been|had been) (?:be )?| who (?:could|would|will|may|might) | )(?:affected|without power"
    r"|without electricity|lose power|lost power|displaced|evacuated))\b",
    re.IGNORECASE)
POST_CUE_RE = re.compile(
    r"\b(?P<cue>killed|dead|died|die|dies|perished|slain|murdered|massacred|lost their lives|shot dead|executed"
    r"|drowned|wounded|injured|hurt|hospitali[sz]ed|in (?:the )?hospital|(?:taken|rushed|admitted|airlifted|flown)"
    r" to (?:a |the )?hospitals?|missing|unaccounted for|kidnapped|abducted|captive"
    r"|lost their homes|(?:to )?(?:leave|abandon) their homes"
    r"|sheltering in|in (?:emergency |evacuation )?(?:shelters|evacuation cent(?:re|er)s)"
    r"|(?:spent|spend|spending) the nights? (?:in|outdoors|outside)|(?:living|staying|sleeping|slept) (?:in tents"
    r"|in the open|outdoors|in makeshift)"
    r"|taken hostage|taken prisoner|taken captive|held for questioning|held on suspicion|held without charge"
    r"|held hostage|held captive|in captivity|arrested|detained|in(?:to)? custody|captured|jailed|imprisoned"
    r"|displaced|fled their homes|(?:have|has|had) fled|fled (?:the country|abroad|across|to|towards?|into|over)\b"
    r"|fled (?:the |their )?(?:region|area|town|city|village|villages|district|province|territory|enclave|fighting"
    r"|violence|clashes|island|islands)"
    r"|forced from their homes|forced to flee|to flee|homeless|without shelter|uprooted|evacuated|to evacuate"
    r"|affected|without (?:(?:piped|running|drinking|clean|safe) )?(?:power|electricity|water|communications?|phone service|cell service|internet|heat|gas)"
    r"|held (?:by|in) (?:the )?(?:[\w'-]+ )?(?:government|authorities|police|army|military|security forces"
    r"|regime|jails?|prisons?)"
    r"|infected|tested positive|sickened|fell ill|diagnosed|contracted|suffering from|sick with|ill with)\b",
    re.IGNORECASE)
# where a casualty word can start (a flat alternation tried at every word costs four times more)
POST_CUE_CANDIDATES = prefix_regex(literal_prefixes(POST_CUE_RE))
ACTIVE_AFTER_RE = re.compile(
    rf"\s+(?:(?:at least|more than|over|about|around|some|nearly|almost|up to|as many as|an estimated|an?|the"
    rf"|another|all|a total of)\s+)*(?:[$€£]?\d|(?:{_NUMWORDS})\b)", re.IGNORECASE)
NOT_A_LIST_RE = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|said|says|of whom|of them|of which|\w+ed)\b"
                           r"|(?:\S+\s+){9}")
OF_WHOM_RE = re.compile(r"\s+of\s+(?:whom|them|which)\b")
BARE_END_RE = re.compile(r"\s*(?:[,.;:!?\"”)]|$|\s+(?:more|others|more people)\b)")
OBJECT_LIST_RE = re.compile(r"\s+(?:[\w'-]+\s+){0,3}?(?:and|or)\s+|\s+(?:[\w'-]+\s+){0,3}?[\w'-]+,\s+")
CLAUSE_BREAK_RE = re.compile(r"[;:]|\b(?:but|while|whereas|although|though|because)\b")
_CUES = [
    ("killed", r"kill|dead|die|death|perish|slain|murder|massacre|lost their lives|execut|drown|claim|neutrali"
               r"|eliminat"),
    ("injured", r"wound|injur|hurt|hospital"),
    ("missing", r"missing|unaccounted"),
    ("hostages", r"kidnap|abduct|hostage|captiv|taken prisoner"),
    ("detained", r"arrest|detain|custody|captur|jail|impris|held (?:by|in|for|on|without)|apprehend|intercept"
                  r"|surrender"),
    ("displaced", r"displac|fled|flee|homeless|uproot|forced from|without shelter|lost their homes|shelter"
                  r"|the nights? (?:in|outdoors|outside)|in tents|in the open|outdoors|in makeshift"
                  r"|leave their homes|abandon"),
    ("evacuated", r"evacua"),
    ("affected", r"affect|without"),
    ("cases", r"infect|tested positive|sicken|fell ill|diagnos|contracted|suffering|sick with|ill with"),
    ("injured", r"treat"),
    ("affected", r"power|electricity|water"),
    ("count_other", r"rescu"),
]
_CUE_RES = [(cat, re.compile(p, re.IGNORECASE)) for cat, p in _CUES]


def cue_category(cue: str) -> str:
    for category, pattern in _CUE_RES:
        if pattern.search(cue):
            return category
    return "count_other"


def toll_category(phrase: str) -> str:
    low = phrase.lower()
    if "injur" in low or "wound" in low:
        return "injured"
    if "case" in low or "infection" in low or "patient" in low:
        return "cases"
    for word, category in (("displaced", "displaced"), ("missing", "missing"), ("hostage", "hostages"),
                           ("detainee", "detained"), ("arrest", "detained"), ("affected", "affected"),
                           ("without", "affected"), ("power", "affected"), ("evacu", "evacuated")):
        if word in low:
            return category
    if low.startswith("number of"):
        return "killed"
    return "deaths_total"


OF_THE_RE = re.compile(r"\s+of\s+(?:(?:the|a|an|its|their|all)\s+)?(?:total\s+(?:of\s+)?)?")
TOLL_LINK_RE = re.compile(r"(?:\b(?:to|at|of|from|reached|hit|hits|is|was|were|passed|exceeded|topped|surpassed"
                          r"|neared|now|stood|stands|climbed|rose|risen|jumped)|:)\s*$", re.IGNORECASE)
BETWEEN_RE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
FROM_RE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
CHANGE_RE = re.compile(
    r"\b(?:rose|risen|rising|rise|rises|increased|increase|increases|increasing|climbed|climbing|climb|jumped"
    r"|jumping|fell|fallen|falling|dropped|dropping|declined|declining|decreased|grew|grown|growing|surged"
    r"|soared|plunged|taking|bringing|took|brought|raised|raising|lifted|lifting|revised|revising|up|down|cut"
    r"|reduced|lowered|went|going|doubled|tripled|toll|count|number|added|adding|lost|losing|gained|gaining|eased"
    r"|slipped|edged|advanced|retreated|rallied|tumbled|sank|dipped|rebounded|slid|improved|improve|boost|boosted"
    r"|compared)\b", re.IGNORECASE)


# ------------------------------------------------------------------ what a "since ..." clause refers to
# "since Israel resumed its campaign" names an event the article dated earlier ("launching a major offensive
# ... on March 18"): the nouns of one group name the same kind of happening
SINCE_NOUN_GROUPS = [
    {"war", "conflict", "fighting", "hostilities"},
    {"campaign", "offensive", "operation", "operations", "assault", "bombardment", "incursion", "invasion"},
    {"outbreak", "epidemic", "pandemic"},
    {"ceasefire", "truce"},
    {"protests", "protest", "demonstrations", "unrest", "uprising"},
    {"strike", "walkout"},
    {"earthquake", "quake"},
    {"storm", "hurricane", "typhoon", "cyclone", "flood", "floods", "flooding"},
    {"fire", "wildfire", "blaze"},
    {"siege", "blockade"},
    {"crisis"},
    {"occupation"},
]
SINCE_NOUNS = {word: group for group in SINCE_NOUN_GROUPS for word in group}
SINCE_WORD_RE = re.compile(r"[a-z]+")
# words that say a happening began: "that triggered the war", "launching an offensive", "broke out"
START_WORD_RE = re.compile(r"\b(?:began|begun|begin|begins|started|start|starts|launched|launching|launch|launches"
                           r"|resumed|resuming|resume|broke out|erupted|triggered|triggering|sparked|sparking"
                           r"|ignited|outbreak of|beginning of|onset of|declared|invaded)\b", re.IGNORECASE)
# "said on Sunday", "told reporters on Sunday", "reported today": when a figure was given
SAID_RE = re.compile(r"\b(?:said|says|told|reported|announced|confirmed|stated|added|estimated|counted"
                     r"|recorded|tallied)\b", re.IGNORECASE)
SAID_STARTS = prefix_regex(literal_prefixes(SAID_RE))

# a death count the text says is cumulative: "in total", "a total of", "overall", "since the outbreak
# began", "since January" (not "since the army resumed its campaign": a new phase's own count)
# a count over a span of years is a running total: "from 2010 to 2015 there were 584 deaths"
YEAR_SPAN_RE = re.compile(r"\b(?:between|from) (?:19|20)\d\d (?:and|to|-|\u2013) (?:19|20)\d\d\b|\bin recent years\b"
                          r"|\bover the (?:past|last) (?:\w+ )?(?:years|decades?)\b", re.IGNORECASE)
# a text about a disease: its "cases" are patients even in a sentence that does not name the disease
# (counted as substrings of the lower-cased text: str.count is a hundred times cheaper than a regex here)
# (a health ministry's own words count too: "epidemiological week", "case fatality", "suspected cases")
DISEASE_WORDS = ("plague", "cholera", "measles", "ebola", "covid", "coronavirus", "influenza", "dengue", "malaria",
                 "mpox", "monkeypox", "polio", "tuberculosis", "hepatitis", "diphtheria", "anthrax", "outbreak",
                 "epidemic", "pandemic", "virus", "infection", "disease", "leptospirosis", "typhoid", "meningitis",
                 "lassa", "marburg", "nipah", "chikungunya", "rabies", "yellow fever", "diarrh", "epidemiolog",
                 "case fatality", "suspected cases", "confirmed cases")


def is_disease_text(text: str, limit: int = 20_000) -> bool:
    """Two mentions of a disease in the first ``limit`` characters."""
    low = text[:limit].lower()
    found = 0
    for word in DISEASE_WORDS:
        found += low.count(word)
        if found >= 2:
            return True
    return False


CUMULATIVE_BEFORE_RE = re.compile(r"\b(?:in all|in total|a total of|overall|altogether|cumulative(?:ly)?"
                                  r"|all told)\b", re.IGNORECASE)
CUMULATIVE_AFTER_RE = re.compile(
    r"\b(?:in all|in total|altogether|all told|so far this year|this year|to date|as of"
    r"|since (?:(?:the )?(?:start|beginning|onset|outbreak) of|(?:the )?(?:[\w'’-]+ ){1,4}?(?:began|begun|started"
    r"|broke out|erupted|emerged|was (?:first )?(?:detected|reported|confirmed)|(?:was|were) (?:first )?(?:deployed"
    r"|established|founded|created|formed|set up))\b"
    r"|(?:early |late |mid-?)?(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:19|20)\d\d\b))", re.IGNORECASE)
