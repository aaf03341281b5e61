"""The words and name shapes the actor layer reads (``processors.actors``): groups, roles, organisation heads,
party members, and the helpers that split runs of capitalised words into names, strip them and classify
them (person, organisation, group, country).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from newswire.processors.gazetteer import Gazetteer
from newswire.processors.nations import demonym_country
from newswire.processors.place_names import (
    COMMON_CAPITALS,
    KNOWN_GROUPS,
    MONTHS_DAYS,
    NEWS_AGENCIES,
    ORG_HEADS,
    TITLES,
)


GROUP_NOUNS = set("""militants militant rebels rebel fighters gunmen insurgents jihadists separatists protesters
protestors demonstrators activists group groups movement faction factions factions militia militias
civilians settlers refugees migrants workers residents people students officials leaders representatives
negotiators men women youths villagers teams crews rescuers""".split())
ROLE_WORDS = set("""spokesman spokeswoman spokesperson minister president premier mayor governor chief commander
director head leader envoy ambassador secretary chairman chairwoman official officer general senator judge
prosecutor attorney lawyer analyst researcher professor correspondent chancellor king queen prince
negotiator mediator""".split())
ACRONYM_RE = re.compile(r"[A-Z][A-Z&.-]{1,7}|[A-Z]{1,4}-[A-Z]{2,8}")   # "SE-CONRED": two acronyms joined by a hyphen
_JOIN_RE = re.compile(r"[ \t]+(?:of|for|on)[ \t]+")
_JOINING = {"Centers", "Centres", "Statistics", "Survey", "Affairs", "Republic", "Institute", "Secretary", "Minister", "Bureau",
            "Department", "Ministry", "Office", "Council", "Commission", "Committee", "University", "Bank", "Court",
            "Organization", "Organisation", "Union", "League", "Federation", "Association", "Society", "Board"}
_JOINING_AND = {"Services", "Protection", "Affairs", "Development", "Technology", "Prevention", "Commission",
                "Enforcement", "Security", "Safety", "Welfare", "Justice", "Trade", "Industry", "Energy"}
# the heads of bodies besides place_names.ORG_HEADS: military units, public-health and relief bodies
_ORG_HEADS = ORG_HEADS | set("""Centers Centres Division Divisions Regiment Squadron Wing Fleet Marines Infantry Airborne
Cavalry Artillery Staff Battalions Coalition Alliance Directorate Secretariat Inspectorate Programme Observatory
Laboratory Laboratories Institutes Academy Tribunal Ministries Agencies Commissions Councils Unit Units Survey
Chiefs Watch Team Teams Chronicle Insider Monitor Observer International Community""".split())
# words that start a sentence, never a body's name: "The", "But", "Meanwhile"
_SENTENCE_WORDS = frozenset("""The A An In On At As But And Or If When While After Before Since During It He She They We
I This That These Those There Here Its His Her Their Our Some Many Most Both All No Not Also Meanwhile However
According Earlier Later Of Can Will May Such Even Just Only Again Still Yet Whether Despite Although Though Because
Under Over About Into From With Without Within Between Among Through Across Toward Towards Around Near Outside
Inside Several Few Other Another Each Every Any Either Neither Once First Second Third Last Next""".split())
ORDINAL_BEFORE_RE = re.compile(r"\b\d+(?:st|nd|rd|th)[ \t]+$")   # "82nd Airborne Division", "1st Battalion"
# armed groups besides place_names.KNOWN_GROUPS, named as wire copy and military releases name them
GROUPS = KNOWN_GROUPS | {"Islamic State", "Boko Haram", "Shabaab", "Al-Shabaab", "Islamic Jihad", "Ansar Allah",
                          "Hayat Tahrir al-Sham", "PKK", "FARC", "ELN", "M23", "Rapid Support Forces", "RSF",
                          "Lashkar-e-Taiba", "Jaish-e-Mohammed", "JNIM", "ISWAP", "ADF", "Allied Democratic Forces",
                          "Tehrik-i-Taliban", "Jabhat al-Nusra", "Hezbollah", "Al-Qaeda", "Qaeda"}
# "Heavy rains triggered": a capitalised word before a plural noun and its verb is an adjective, no name
NOUN_VERB_AFTER_RE = re.compile(r"[ \t]+(?!(?:has|is|was|does|says|gets|goes|makes|takes|this|thus)\b)[a-z]{2,}s[ \t]+"
                                 r"(?:[a-z]+ed|have|had|are|were|will|would|could|can|may"
                                 r"|hit|struck|left|swept|continue|began|fell|rose|spread|forced|cut|led)\b")
ADJECTIVE_ENDINGS = ("y", "ful", "ous", "ive", "al", "ic", "ent", "ant", "ern", "ed", "ing", "ion", "ary", "ory",
                      "ish", "less", "ble")
# a party's adjective before its members is the party's members: "Democratic lawmakers" -> Democrats
PARTY_MEMBERS = {"Democratic": "Democrats", "Republican": "Republicans", "Conservative": "Conservatives",
                  "Liberal": "Liberals", "Socialist": "Socialists", "Labour": "Labour", "Labor": "Labor",
                  "Green": "Greens", "Communist": "Communists", "Tory": "Tories"}
MEMBER_NOUNS = frozenset("""lawmakers legislators senators congressmen congresswomen representatives members mps
candidates leaders officials voters activists supporters delegates deputies councillors councilors""".split())
# words that open a sentence and are never a name: "Having carried out", "Speaking to reporters"
OPENING_WORDS = frozenset("""Having Being Including Following Despite Amid Asked Speaking Citing Given Asked Told
Meanwhile Overall Nonetheless Nevertheless""".split())
# sentence adverbs that start a run of capitals: "Now Assange faces", "Separately Reuters reported"
_LEADING_ADVERBS = frozenset("""Now Then Today Tonight Yesterday Instead Separately Elsewhere Overall Together
Afterwards Already Recently Currently Finally Initially Previously Subsequently Additionally Moreover Furthermore
Nevertheless Nonetheless Likewise Similarly Eventually Ultimately Specifically Notably Indeed""".split())
_NAME_LIST_RE = re.compile(r"(?:,[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?)+,?[ \t]+(?:and|&)[ \t]+[A-Z][\w'’-]*"
                           r"(?:[ \t]+[A-Z][\w'’-]*)?")
# words that make a listed name a body of its own: "the Ministry of Health, Police and Army" lists three
_BODY_HEADS = frozenset("""Ministry Ministries Department Police Army Navy Council Commission Committee Agency Office
Court Party Authority Bureau Forces Force Embassy Union Service Institute Organization Organisation""".split())
_HEADS_AND = _ORG_HEADS | _JOINING_AND       # "Securities and Exchange Commission"
_HEADS_JOINING = _ORG_HEADS | _JOINING       # "Ministry of Health"
_WORD_RE = re.compile(r"\S+")
_POSSESSIVE_OR_HYPHEN_RE = re.compile(r"(?:'s|’s|-(?:based|run|led|controlled|backed|linked|held|allied))$")
# the words of a place's name, never a body's or a person's: "the Red Sea", "Fort Stewart", "Mount Merapi"
_GEO_WORDS = frozenset("""Sea Ocean Gulf Strait Straits River Lake Mountains Mountain Valley Island Islands Peninsula
Desert Bay Coast Strip Fort Mount Province Region District County Governorate Oblast Plateau Basin Plains Highlands
Heights Canyon Glacier Reef Place Statehouse""".split())
# the last words of the names of diseases and doctrines, which capitalised runs hold as often as names of people
_THING_WORDS = frozenset("""Death Fever Flu Influenza Virus Syndrome Disease Encephalitis Plague Socialism
Communism""".split())
# acronyms of the measures, diseases, posts and units news copy writes in capitals: no actor's name ends in one
THING_ACRONYMS = frozenset("""GDP GNP GNI CPI PPI PMI VAT IPO CEO CFO COO CTO HIV AIDS TB ICU PCR DNA RNA LGBT LGBTQ ATM
SUV GMT UTC EST EDT PST PDT BST CET AM PM TV MW GW KW KM KG FY YoY SARS MERS COVID COVID-19 MPOX EVD""".split())
NOT_PERSON_WORDS = set("""Survey Statistics Data Palace Hotel Hotels Tower Towers Mosque Church Temple Square Bridge
Street Road Avenue Park Airport Station Hospital Prison Camp Base Stadium Market Mall Centre Center Building
Plaza Museum Port Harbour Harbor Dam Canal Highway Border Crossing Gate Hall Court Trident Index Act Bill Law
Plan Treaty Agreement Accord Convention Protocol War Crisis Day Week Year Games Cup League Championship Awards
Prize Festival Summit Conference Forum Strip Bank River Sea Lake Mountains Valley Island Islands""".split()) | _GEO_WORDS
REST_RE = re.compile(r"(?:[ \t]+[a-z][a-z'-]*){1,2}")
COMMON_GROUPS = """gunmen gunman attackers assailants militants rebels insurgents jihadists terrorists protesters
protestors demonstrators rioters kidnappers pirates hackers police troops soldiers firefighters rescuers investigators
prosecutors settlers shooter republicans democrats teachers doctors nurses medics workers strikers students farmers
miners fishermen residents villagers civilians migrants refugees passengers journalists bomber bombers attacker
assailant soldier peacekeepers inspectors""".split() + ["security forces", "government forces", "government troops",
                                              "special forces", "riot police", "coalition forces", "border guards"]
INSTITUTIONS = ("commission", "ministry", "authorities", "authority", "officials", "department", "agency",
                 "government", "prosecutors", "spokesman", "spokeswoman", "spokesperson", "regulators", "regulator",
                 "media wing", "press office", "press service")   # "the military's media wing said"
# the words before an unnamed institution that make it one: "the Inner Mongolia health commission"
INSTITUTION_HEAD_RE = re.compile(
    r"(?:[A-Z][\w'’-]*\s+){0,3}(?:(?i:regional|local|provincial|state|federal|national|municipal|city|county|district"
    r"|health|foreign|interior|defen[cs]e|finance|justice|education|environment|public|security|military|police"
    r"|election|electoral|trade|energy|border|immigration|government|company|hospital|school|airport|army"
    r"|utilities|utility|transport|aviation|transit|water|food|drug|disaster|emergency|weather|meteorological"
    r"|forest|fire|civil|relief|humanitarian|nuclear|space|maritime|coast|wildlife|environmental|management"
    r"|protection|response|control|prevention|rescue|safety)(?:'s|’s)?\s+){0,3}$")
STATE_ADJECTIVES = {"foreign", "defence", "defense", "interior", "health", "military", "security", "state", "government",
                     "finance", "justice", "trade", "border", "naval", "air", "army", "intelligence", "police",
                     "judicial", "senior", "top", "local", "federal", "economy", "energy", "special", "armed",
                     "elite", "ground", "riot", "coast"}
TRAILER_RE = re.compile(r"(?:'s|’s|'|’|-(?:based|run|led|controlled|backed|linked|held|allied))$")
_INITIALS_RE = re.compile(r"(?:[A-Z]\.){2,}")
_NAME_WORD_RE = re.compile(r"(?:(?:al|el|ad|as|ar|an|at|az|ash)-)?[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|['’-])*\.?"
                           r"|[A-Z]\.|Jr\.?|Sr\.?|III?|IV")
OF_RE = re.compile(r"\s+of\s+(?:the\s+)?")
# a common group's word that goes on into a capitalised name: "Doctors Without Borders", "Workers' Party"
# a number spelled out at a sentence's head: "Fourteen patients have died" (its noun is no verb)
_NUMBER_WORDS = frozenset("""two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds dozens
thousands scores""".split())
NAME_GOES_ON_RE = re.compile(r" (?:(?:of|for|without|&) )?(?:the )?[A-Z][a-z]")
VERB_AFTER_RE = re.compile(r"(?:'s|’s)?\s+(?:has|had|have|is|was|will|would|could|should|must|may|might|also|did"
                            r"|does|said|told|wrote|spoke|met|sent|made|gave|took|won|lost|led|held|sought|paid"
                            r"|began|struck|fell|rose|cut|hit|shut|sold|bought|built|fought|fled|chose|spent|froze"
                            r"|shot|swept|[a-z]+ed|[a-z]+s|[a-z]+(?=\s+(?:to|that)\b))\b")
SPEAKER_VERB_RE = re.compile(r"[ \t]+(?:said|says|told|announced|confirmed|posted|tweeted|added|insisted|denied"
                              r"|reported|reports|wrote|stated|noted|warned|explained)\b")
# "Moscow said" speaks for Russia; "Hamilton urged" is a person named like Bermuda's small capital
_SPEAKING_CAPITAL = 200_000


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    name: str                 # normalised: "Israel", "Donald Trump", "Hamas", "Palestinian militants"
    written: str              # the fullest short form as written: "President Donald Trump"
    kind: str                 # "person" | "organisation" | "group" | "country"
    role: str | None          # "president", "spokesman"
    country_code: str | None  # ISO alpha-2 of the country it belongs to, where told


@dataclass(frozen=True, slots=True)
class Actor:
    name: str                 # as EventRecord.actors gives it
    kind: str
    role: str | None
    country_code: str | None
    relation: str             # "agent" (did it) | "patient" (had it done to them) | "participant"

    def as_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "role": self.role, "country_code": self.country_code,
                "relation": self.relation}


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run cut after a possessive or a "-run"-like word and around months: "Hamas's October" is two."""
    chunk = text[start:end]
    if ". " in chunk:   # "said Officer Ana Ruiz. He added": a sentence ends inside the run of capitals
        cut = next((start + m.end() for m in _SENTENCE_END_RE.finditer(chunk)
                    if m.group(1) not in _ABBREVIATIONS), None)
        if cut is not None:
            return _split(text, start, cut - 1) + _split(text, cut, end)
    if "'" not in chunk and "’" not in chunk and "-" not in chunk and MONTHS_DAYS.isdisjoint(chunk.split()):
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    begin = start
    for w in _WORD_RE.finditer(text, start, end):
        word = w.group(0)
        if word in MONTHS_DAYS:
            if begin < w.start():
                pieces.append((begin, w.start()))
            begin = w.end()
        elif _POSSESSIVE_OR_HYPHEN_RE.search(word):
            pieces.append((begin, w.end()))
            begin = w.end()
    if begin < end:
        pieces.append((begin, end))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in pieces if text[a:b].strip()]
# a word of three letters or more ending a sentence inside a run: "Ruiz. He" (not "Gen. Ana", "U.S. Navy")
_SENTENCE_END_RE = re.compile(r"\b([A-Z][a-z]{2,})\. ")
_ABBREVIATIONS = frozenset("""Gen Col Sen Rep Gov Corp Inc Bros Capt Sgt Maj Adm Cmdr Mrs Sept Dept Univ Ave Blvd Ltd
Cpl Pvt Lieut Brig Supt Insp Det Hon Rev Messrs Prof Est Jan Feb Mar Apr Jun Jul Aug Sep Oct Nov Dec""".split())
# the lower-case particles inside a person's name: "Monica de Bolle", "Ursula von der Leyen"
_PARTICLES = frozenset("de da del della di do dos das du van von ter bin ibn der den la le los las".split())
_PARTICLE_RE = re.compile(r" (?:(?:de|da|del|della|di|do|dos|das|du|van|von|ter|bin|ibn)"
                          r"(?: (?:der|den|la|le|los|las))? |(?:al|el|ad|as|ar|an|at|az|ash)-)")   # "Ashraf al-Qudra"
# (its matches are 4 to 11 characters long: " al-" to " della los "; other gaps are not tried)


def name_runs(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    runs = [piece for span in spans for piece in _split(text, *span)]
    out: list[tuple[int, int]] = []
    absorbed = -1   # the end of a list an office's name took in: "Ministry of Trade, Industry and Energy"
    for span in runs:
        if span[1] <= absorbed:
            continue
        if out and text.startswith(" and ", out[-1][1]) and out[-1][1] + 5 == span[0] and \
                text[span[0]:span[1]].split()[-1] in _HEADS_AND and not _whole_name(text[out[-1][0]:out[-1][1]]):
            out[-1] = (out[-1][0], span[1])   # "Securities and Exchange Commission", "Customs and Border Protection"
            continue
        if out and 4 <= span[0] - out[-1][1] <= 11 \
                and (gap := _PARTICLE_RE.fullmatch(text, out[-1][1], span[0])) is not None \
                and text[out[-1][0]:out[-1][1]].split()[-1] not in _ORG_HEADS \
                and not text.endswith(("'s", "’s"), out[-1][0], out[-1][1]):   # "Syria's al-Tanf": two names
            out[-1] = (out[-1][0], span[1])   # "Monica de Bolle", "Ursula von der Leyen": one person's name
            continue
        if out and text.startswith((" of ", " for ", " on "), out[-1][1]):
            gap = _JOIN_RE.fullmatch(text, out[-1][1], span[0])
            last = text[out[-1][0]:out[-1][1]].split()[-1]
            if gap and last in _HEADS_JOINING and text[span[0]:span[1]].split()[0].rstrip(".,") not in MONTHS_DAYS:
                out[-1] = (out[-1][0], span[1])
                tail = _NAME_LIST_RE.match(text, span[1]) if text.startswith(",", span[1]) else None
                if tail is not None and _BODY_HEADS.isdisjoint(tail.group(0).replace(",", " ").split()):
                    # "Ministry of Health, Labour and Welfare": the office's fields, listed, are its name
                    out[-1] = absorbed_span = (out[-1][0], tail.end())
                    absorbed = absorbed_span[1]
                continue
        out.append(span)
    return out


# the last words of bodies' full names: after one, "and" starts another body ("Amnesty International and Human
# Rights Watch"), not more of the same name ("Securities and Exchange Commission")
_CLOSING_HEADS = frozenset("""International Watch Union Nations Organization Organisation Council Agency Bank Fund Party
Front Movement Forces Army Navy Police Group Court Committee Alliance League Federation Association Institute University
Corporation Company Authority Office Bureau Administration Programme Program""".split())


def _whole_name(name: str) -> bool:
    """Whether ``name`` is a body's whole name already: it ends in a closing head, or it is an acronym or a known
    group ("Europol", "Hamas")."""
    last = name.split()[-1]
    return last in _CLOSING_HEADS or bool(ACRONYM_RE.fullmatch(name)) or name in GROUPS


def _bare(name: str) -> str:
    """``name`` without a trailing possessive or "-based"-like word."""
    return TRAILER_RE.sub("", name) if "'" in name or "’" in name or "-" in name else name


_DESCRIBING_ENDINGS = ("ing", "ed", "-torn", "-rich", "-hit", "-stricken")


def strip_name(text: str, start: int, end: int, gaz: Gazetteer) -> tuple[int, str]:
    """Leading sentence words dropped, trailing possessive dropped: (new start, name)."""
    name = text[start:end]
    if name.isalnum():
        return start, name
    while True:
        first, _, rest = name.partition(" ")
        strip = bool(rest) and (first in COMMON_CAPITALS or first in _LEADING_ADVERBS) and first not in TITLES \
            and first not in _ORG_HEADS and name not in gaz and first not in ("Lake", "Mount")   # "Lake Chad"
        if strip and first not in _SENTENCE_WORDS:
            # "South Dakota Gov. Kristi Noem", "North Korea's army", "Marine Expeditionary Unit" keep their
            # first word
            strip = _bare(rest).split()[-1] not in _ORG_HEADS and _bare(f"{first} {rest.split(' ', 1)[0]}") not in gaz
        if not strip and rest and first.endswith(_DESCRIBING_ENDINGS) and first[1:].islower() and first not in gaz \
                and _bare(rest) in gaz and gaz.resolve(_bare(rest)).kind == "country":
            strip = True   # "Neighbouring Malawi", "War-torn Sudan": a description of the country, no part of its name
        if strip:
            start += len(first) + 1
            name = rest.lstrip()
            continue
        break
    if name.endswith(("'", "’", "'s", "’s", "d", "n", "ked")) and "-" in name or name.endswith(("'", "’", "'s", "’s")):
        name = TRAILER_RE.sub("", name)
    if name.endswith((".", ",")) and not _INITIALS_RE.fullmatch(name):
        name = name.rstrip(".,")
    return start, name


def classify(name: str, gaz: Gazetteer, people: dict[str, ActorMention]) -> tuple[str, str, str | None,
                                                                                   str | None] | None:
    """(kind, normalised name, role, country code) of a capitalised run, or None if it is no actor. Only a
    one-word name that is the surname of a person named earlier depends on the article; any other name is
    classified once a process (names recur from article to article: countries, agencies, leaders)."""
    if name in people:
        return _classify_run(name, gaz, people)
    return _classify_name(name, gaz)


@lru_cache(maxsize=1 << 14)
def _classify_name(name: str, gaz: Gazetteer) -> tuple[str, str, str | None, str | None] | None:
    return _classify_run(name, gaz, {})


def _classify_run(name: str, gaz: Gazetteer, people: dict[str, ActorMention]) -> tuple[str, str, str | None,
                                                                                       str | None] | None:
    words = name.split()
    if words and (words[-1] in THING_ACRONYMS or words[0].rstrip(".") in MONTHS_DAYS or words[-1] in _THING_WORDS
                  and not any(w in _ORG_HEADS for w in words)):
        return None   # "GDP", "the CEO", "Black Death", "Jan. 1": a measure, a post, a disease or a date, never an actor
    if not words or words[0] in MONTHS_DAYS or (len(words) == 1 and (words[0] in COMMON_CAPITALS
                                                                     or words[0] in MONTHS_DAYS)):
        return None
    if name in NEWS_AGENCIES:
        return "organisation", name, None, None
    if words[-1] in _GEO_WORDS or len(words) == 2 and words[0] in ("Fort", "Mount", "Lake", "Camp"):
        return None   # "the Red Sea", "Fort Stewart": a place, whatever its other words ("Red" as in Red Cross)
    if len(words) == 1 and name in people:
        # the surname of a person named in full in the article is that person, even where it is also a
        # town's name ("Ian Hamilton ... Hamilton urged")
        known = people[name]
        return "person", known.name, known.role, known.country_code
    base = TRAILER_RE.sub("", name) if "-" in name else name
    if base in GROUPS or base.removeprefix("al-") in GROUPS:
        # "Houthi" and "Houthis" are one group, named as a reader names its members
        return "group", base + "s" if base + "s" in GROUPS else base, None, None
    # "President Donald Trump", "U.S. Defense Secretary Mark Esper", "Lt. Col. Alexander Vindman": the
    # words up to the last title are the role (a country or demonym among them its country)
    last_title = max((k for k, w in enumerate(words[:-1]) if w.rstrip(".") in TITLES
                      or "-" in w and w.split("-", 1)[0] in TITLES), default=-1)   # "Director-General"
    rest = words[last_title + 1:]
    if last_title >= 0 and rest and all(_NAME_WORD_RE.fullmatch(w) or w in _PARTICLES and rest[-1] != w
                                        for w in rest) and not any(
            w in _ORG_HEADS for w in rest) and not (" ".join(rest) in gaz and gaz.resolve(" ".join(rest)).kind
                                                  in ("country", "state")):
        code = None
        roles = []
        for w in words[:last_title + 1]:
            country = demonym_country(w) or (gaz.resolve(w).country_code if w in gaz
                                             and gaz.resolve(w).kind == "country" else None)
            if country:
                code = code or country
            else:
                roles.append(w.rstrip(".").lower())
        if roles:
            return "person", " ".join(rest), " ".join(roles), code
    if last_title >= 0 and len(words) >= 4 and any(w in ("of", "for") for w in words[last_title + 1:-2]):
        # "Secretary of State Mike Pompeo", "Minister for Foreign Affairs Penny Wong": the last two words are
        # the person when they look like a name and the rest is the title
        person = words[-2:]
        if all(_NAME_WORD_RE.fullmatch(w) and w not in TITLES and w not in _ORG_HEADS and w not in COMMON_CAPITALS
               and w not in NOT_PERSON_WORDS for w in person) and " ".join(person) not in gaz \
                and not all(w in gaz for w in person):   # "Lloyd Austin": a first name or surname may be a town
            role = " ".join(w.rstrip(".") for w in words[:-2]).lower()
            return "person", " ".join(person), role, None
    if len(words) > 1 and words[0] == "Operation":
        return "organisation", name, None, None   # a military operation's name stands for its troops
    if (len(words) > 1 and (any(w in _ORG_HEADS for w in words)
                            or "and" in words and words[-1] in _JOINING_AND)) or (   # "Customs and Border Protection"
            len(words) == 1 and ACRONYM_RE.fullmatch(name) and name not in gaz):
        code = None
        for w in words[:2]:
            code = code or demonym_country(w) or (gaz.resolve(w).country_code if w in gaz and gaz.resolve(w)
                                                  and gaz.resolve(w).kind == "country" else None)
        return "organisation", name, None, code
    if name in gaz:
        place = gaz.resolve(name)
        if place.kind == "country":
            return "country", place.name, None, place.country_code
        capital_of = gaz.capital_of(name)
        city = gaz.capital_city(capital_of) if capital_of else None
        if capital_of and gaz.country(capital_of) and city is not None and city.population >= _SPEAKING_CAPITAL:
            return "capital", gaz.country(capital_of).name, None, capital_of
        if place.kind == "city":
            return "named_like_city", name, None, None   # "Tottenham said": a club or firm, only as a speaker
        return None   # a state is never an actor
    if demonym_country(name):
        return None   # read by the demonym pass
    if 2 <= len(words) <= 4 + len(_PARTICLES.intersection(words)) and all(
            _NAME_WORD_RE.fullmatch(w) or w in _PARTICLES and 0 < k < len(words) - 1 for k, w in enumerate(words)):
        if any(w in gaz and gaz.resolve(w).kind == "country" or w in NOT_PERSON_WORDS or w in COMMON_CAPITALS
               for w in words):
            return None
        return "person", name, None, None
    if len(words) == 1 and name in people:
        known = people[name]
        return "person", known.name, known.role, known.country_code
    if len(words) <= 2 and name not in gaz and not any(w in COMMON_CAPITALS or w in TITLES or w in _GEO_WORDS
                                                       for w in words) \
            and name.lower() not in COMMON_GROUPS and name.lower() not in _NUMBER_WORDS:
        return "subject", name, None, None   # "Alibaba", "WeWork": an actor only as a verb's subject
    return None


def sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \t\"“'")
    return not before or before[-1] in ".!?\n"
