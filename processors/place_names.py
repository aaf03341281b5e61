"""Place-name candidates: the word lists of what is never a place, and the runs of capitals that may be.

One pass over the text finds the runs of capitalised words (:data:`NAME_RE`, :func:`name_spans`); inside
each run :func:`candidates` keeps the longest word sequences the gazetteer knows, unless the run says
otherwise (months, titles, known groups, a person's name, an organisation's word after the name).
:func:`is_locative` tells whether the text uses a name as a place ("in", "at", "near" ...).
``processors.places`` resolves the candidates into the article's places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from newswire.processors.gazetteer import US_STATE_ABBREVIATIONS, Gazetteer, Place, normalise  # noqa: F401 (its old home)
from newswire.processors.nations import demonym_country

__all__ = ["NAME_RE", "Candidate", "candidates", "is_locative", "name_spans", "possessive_pieces"]

NAME_RE = re.compile(r"[A-Z][\w'’.&-]*(?:[ \t]+[A-Z][\w'’.&-]*)*")
_POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")
_MAX_WORDS = 4

MONTHS_DAYS = set("""January February March April May June July August September October November December Jan Feb
Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today
Yesterday Tomorrow Christmas Easter Ramadan Eid""".split())
# Capitalised words that start sentences or titles and happen to be names of small towns somewhere.
COMMON_CAPITALS = set("""The A An In On At As But And Or If When While After Before Since During It He She They We I
This That These Those There Here Its His Her Their Our Some Many Most Both All No Not Also Earlier Later
Meanwhile However According Police Central Of Can Will May Say Said Man Best Most Hit Union Mission Security
Justice Progress Liberty Unity Independence Hope Reading Mobile Nice Split Bath Marine General Major Colonel
Mayor Governor President Minister Prime Secretary Senator King Queen Prince Pope Chief Director Judge Mr Mrs
Ms Dr Sir Lord Saint St Officials Reports Report Health Ministry Army Forces Force Government State News
Agency Press Post Times Daily Online Live Update Updated Photo Video Image Getty Images Such Even Just Only Again Still Yet Whether Despite Although Though Because Under
Over About Above Below Into From With Without Within Between Among Through Across Toward Towards Around
Near Outside Inside Several Few Other Another Each Every Any Either Neither Once Twice First Second Third
Last Next New Old Great Little Big High Low Long Short Early Late West East North South Western Eastern
Northern Southern Media Police Court Congress Senate House Parliament Council Party Church Mass Mount
Lake River Sea Ocean Gulf Bay Island Islands Coast Valley Desert Plain Plains Hill Hills Park Square Street
Road Avenue Bridge Tower Airport Station Port Harbour Harbor One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Dozens Hundreds Thousands Millions
Some Several Both""".split())
COMMON_CAPITALS |= {"Neighbouring", "Neighboring", "Nearby", "Landlocked"}   # "Neighbouring Malawi": no person's name
COMMON_CAPITALS |= {"Someone", "Somebody", "Nobody", "Everyone", "Everybody", "Anyone", "Anybody", "Nothing",
                    "Everything"}   # "Someone said": no name
TITLES = set("""President Vice Prime Minister Secretary Senator Sen Rep Representative Governor Gov Mayor King Queen
Prince Princess Pope Chief General Gen Colonel Col Major Maj Captain Capt Lieutenant Lt Sergeant Sgt Admiral
Adm Commander Judge Justice Mr Mrs Ms Miss Dr Sir Lord Lady Dame Sheikh Emir Ayatollah Imam Rabbi Father
Bishop Archbishop Cardinal Chancellor Ambassador Spokesman Spokeswoman Officer Detective Inspector Agent
Professor Prof Speaker Leader Director Chairman Chairwoman Chair CEO Attorney Cmdr Cdr Rev Supt Det Insp Sen Rep
Gov Lt Col Gen Capt Sgt Maj Adm Dr Prof Atty Councilman Councilwoman Commissioner Sheriff Deputy Superintendent
Chief Coach Manager Founder President-elect""".split())
ORG_HEADS = set("""Ministry Department Dept University College School Police Council Army Forces Force Navy Guard
Guards Corps Brigades Brigade Battalion Command Times Post Herald Tribune Journal News Daily Gazette Telegraph
Party Bank Airlines Airways Air Corporation Corp Company Co Inc Ltd Group Holdings Club FC United Institute
Agency Authority Bureau Office Commission Committee Court Parliament Assembly Congress Senate Government
Administration Service Services Hospital Centre Center Foundation Association Federation League Union Movement
Front Organization Organisation Network Radio TV Television Broadcasting Press Exchange Stock Fund Board
Cabinet Embassy Consulate Mission Red Crescent Cross Health Defense Defence Security Affairs Electric Energy
Oil Petroleum Gas Power Water Railways Railway Rail Motors Studios Records Airport Port Stadium Hotel""".split())
# countries and states whose names are also given names or surnames: "Chad Wolf", "Michael Jordan"
NAMES_OF_PEOPLE = frozenset("""Chad Jordan Israel Georgia India Kenya Virginia Dakota Montana Nevada Carolina
Florida Chile Cuba""".split())
_PARTISANS = frozenset("""Democrats Republicans Democratic Republican GOP Conservatives Conservative Labour Liberals
Liberal Greens voters Voters""".split())
# the last word of a newspaper's name after its city: "New York Times", "Boston Globe", "Jerusalem Post"
MEDIA_HEADS = frozenset("""Times Post Herald Tribune Journal Gazette Telegraph Chronicle Examiner Courier Inquirer
Observer Globe Star Sun Mirror Express Standard Dispatch Bulletin Register Daily""".split())
PLACE_HEADS = set("""Province Provinces Region Regions County District Districts State Governorate Prefecture
Municipality Territory Territories Oblast Valley Strip Peninsula Island Islands Mountains Coast Delta Basin
Desert Border Lake Sea Gulf Bay River Ocean""".split())
# the heads of natural features: "X River" is not the town X (administrative heads are: "Kabul Province")
NATURAL_HEADS = frozenset("""River Lake Sea Gulf Bay Valley Peninsula Mountains Coast Delta Basin Desert
Island Islands Ocean""".split())
DIRECTIONS = set("""North South East West Northern Southern Eastern Western Central Upper Lower Greater Northeast
Northwest Southeast Southwest Northeastern Northwestern Southeastern Southwestern Mid Downtown""".split())
REGION_FIRST = DIRECTIONS | {"Inner", "Outer"}   # "Inner Mongolia" is a region of China, not Mongolia
# Continents and world regions: places, but no gazetteer entry of ours is them ("Asia" is also a town).
CONTINENTS = {"Asia", "Europe", "Africa", "Oceania", "Antarctica", "Americas", "North America", "South America",
              "Latin America", "Middle East", "Central Asia", "Southeast Asia", "East Asia", "South Asia",
              "West Africa", "East Africa", "North Africa", "Central America", "Caribbean", "Balkans", "Sahel"}
NEWS_AGENCIES = {"AFP", "AP", "Reuters", "UPI", "Xinhua", "Yonhap", "Bloomberg", "Anadolu", "Interfax", "TASS",
                 "Tass", "dpa", "DPA", "EFE", "ANSA", "Kyodo", "PTI", "Bernama", "WAFA", "Wafa", "IRNA", "KCNA",
                 "CNN", "BBC", "NPR"}
KNOWN_GROUPS = set("""Hamas Hezbollah Hizbollah Taliban Houthis Houthi Fatah Kremlin Pentagon NATO Nato UN EU ISIS ISIL
Daesh Qaeda Shabaab Shebab Haram IDF Wagner Interpol Europol""".split()) | {
    "White House", "Downing Street", "Blue House", "Elysee", "Élysée"}   # seats that speak for a government

LOCATIVE_WORDS = frozenset("""in at near outside inside across from to into toward towards around throughout off
within on over via through reached hit struck visited visit entered left fled behind along above below beneath""".split())
_PLACE_MODIFIERS = frozenset("""the of north south east west northern southern eastern western central north-eastern
northeastern north-western northwestern south-eastern southeastern south-western southwestern northeast northwest
southeast southwest occupied war-torn besieged neighbouring neighboring coastal capital city town village province
region state port district border heart outskirts centre center suburbs suburb streets edge outside rural remote
county governorate prefecture municipality island islands coast coastal
part parts area areas portion portions swath swaths much most rest neighbourhood neighborhood neighbourhoods
neighborhoods quarter waters international territorial""".split())   # "in international waters of the X"
# a count between a preposition and its place: "in three Georgia counties", "across 18 California counties"
_QUANTITIES = frozenset("""two three four five six seven eight nine ten eleven twelve several some many all both
few dozens hundreds""".split())
_PLACE_OWNERS = frozenset({"country", "nation", "state", "region", "province", "city", "island"})
_RULED_RE = re.compile(r"[A-Z][\w'’]*-(?:run|held|controlled|led|ruled|occupied|annexed)")
_SENTENCE_DOT_RE = re.compile(r"(?<=[a-z]{4})\.[ \t]+(?=[A-Z])")
_POSSESSIVE_SPLIT_RE = re.compile(r"(?<=\w)(?:'s|’s)[ \t]+")
_BASED_RE = re.compile(r"-(?:based|run|controlled|held|led|born|area)\b")
# "special envoy to Kyiv", "ambassador to the EU": "to" after a role or a tie names no place of the event
_TO_NOT_PLACE = frozenset("""envoy envoys ambassador ambassadors representative delegate delegates emissary consul
adviser advisor advisers advisors relations ties""".split())
@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    text: str
    key: str
    locative: bool
    weak: bool
    single_city_word: bool
    hint: str | None = None     # country code from "Mumbai, India"
    absorbed: bool = False
    region: Place | None = None  # the country or state after a comma: "Portland, Maine"


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    pos = start
    for word in text[start:end].split():
        at = text.index(word, pos, end)
        pos = at + len(word)
        m = _POSSESSIVE_RE.search(word)
        if m and len(word) > 2:
            word = word[:m.start()]
        word = word.rstrip(".,") if not (len(word) <= 4 and word.count(".") >= 2) else word
        out.append((at, at + len(word), word))
    return out


def name_spans(text: str) -> list[tuple[int, int]]:
    """Runs of capitalised words (:data:`NAME_RE`), cut after a word of more than four letters that ends
    a sentence ("in Mombasa. Rescuers" is two runs; "Gov. Jane Doe" and "U.S. Navy" stay one)."""
    out = []
    for m in NAME_RE.finditer(text):
        start, end = m.span()
        if "." in m.group(0):
            for dot in _SENTENCE_DOT_RE.finditer(text, start, end):
                out.append((start, dot.start() + 1))
                start = dot.end()
        out.append((start, end))
    return out


@lru_cache(maxsize=1 << 16)
def _first_token(word: str) -> str:
    key = normalise(word)
    return key.split(" ", 1)[0]


def possessive_pieces(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """A run of capitals cut after each possessive: "China's Inner Mongolia" -> "China", "Inner Mongolia"."""
    if "'" not in text[start:end] and "’" not in text[start:end]:
        return [(start, text[start:end])]
    out = []
    pos = start
    for m in _POSSESSIVE_SPLIT_RE.finditer(text, start, end):
        out.append((pos, text[pos:m.start()]))
        pos = m.end()
    out.append((pos, text[pos:end]))
    return [(a, piece) for a, piece in out if piece]


def is_locative(text: str, start: int) -> bool:
    """True if the name at ``start`` follows "in", "at", "near", ... (past "the", "southern", "the city of",
    "Hamas-run", "parts of", a count, "northern and central", ...): the text uses it as a place."""
    modifier = False   # the word passed last (nearer the name) was a place modifier
    listed = 0         # after "and"/"or" straight before the name: 1 + the capitalised words passed since
    first = True
    for word in reversed(text[max(0, start - 80):start].split()[-8:]):
        low = word.lower()
        if low in LOCATIVE_WORDS:
            if low == "to":
                before = text[max(0, start - 80):start].lower().rsplit(" to ", 1)[0].split()
                return not (before and before[-1].strip(",") in _TO_NOT_PLACE)
            return True
        if low in ("and", "or", "a", "an") and modifier:
            continue   # "in 18 northern and central California counties", "in an area of Orange County"
        if listed and word[:1].isupper() and word.rstrip(",") not in COMMON_CAPITALS | MONTHS_DAYS \
                and not word.endswith(("'s", "’s")) and (listed > 1 or not word.endswith(",")):
            listed += 1   # "in Surkhet and Nepalgunj", "in Andalusia, Madrid and Valencia": the list's earlier
            continue      # items (not "in Gaza, and Israel said": a comma before "and" ends a pair)
        if low in ("and", "or") and first:
            listed = 1
            continue
        first, listed = False, 0
        modifier = low in _PLACE_MODIFIERS or low in _QUANTITIES or low.isdigit() or (
            modifier and demonym_country(word) is not None)   # "in the southern Lebanese city of Tyre"
        if not modifier and not _RULED_RE.fullmatch(word) and not (
                (word[:1].isupper() or low[:-2] in _PLACE_OWNERS)
                and word.endswith(("'s", "’s"))):   # "in China's Inner Mongolia", "in the country's south"
            return False
    return False


WATER_OF = ("Gulf of ", "Strait of ", "Straits of ", "Bay of ", "Sea of ")
# "Lake Chad", "Mount Kenya": a lake or a mountain named after a country, a place of its own
_FEATURE_FIRST = frozenset({"Lake", "Mount"})


def candidates(text: str, gaz: Gazetteer, spans: Sequence[tuple[int, int]]) -> list[Candidate]:
    """The place candidates of the runs ``spans``, in text order: each piece of a run (cut at possessives)
    is read on its own, so a piece is read once a process (the same names recur from article to article)."""
    found: list[Candidate] = []
    joined_end = -1
    for k, (run_start, run_end) in enumerate(spans):
        if run_start < joined_end:
            continue
        if k + 1 < len(spans) and text.startswith((" of ", " and "), run_end):
            # "District of Columbia", "Bosnia and Herzegovina": a name whose runs "of"/"and" cut
            nxt_end = spans[k + 1][1]
            last = max(text.rfind(" ", run_start, run_end) + 1, run_start)   # "the District of Columbia"
            joined = None
            if spans[k + 1][0] - run_end <= 8 and nxt_end - run_start < 50:
                joined = next((a for a in dict.fromkeys((run_start, last))
                               if text[a:nxt_end].rstrip(".,") in gaz), None)
            if joined is not None:
                name = text[joined:nxt_end].rstrip(".,")
                found.append(Candidate(joined, joined + len(name), name, normalise(name), False, False, False))
                joined_end = nxt_end
                continue
        if text.startswith("$", run_end):
            continue   # "US$ 500 000", "NZ$40": a currency's country prefix, not a place
        if text.endswith(WATER_OF, max(0, run_start - 10), run_start):
            continue   # "the Gulf of Aden", "the Bay of Bengal": a body of water, not the place of its name
        for a, piece in possessive_pieces(text, run_start, run_end):
            for start, end, key, weak, single in _piece_candidates(piece, gaz):
                found.append(Candidate(a + start, a + end, piece[start:end], key, False, weak, single))
    return found


@lru_cache(maxsize=1 << 14)
def _piece_candidates(piece: str, gaz: Gazetteer) -> tuple[tuple[int, int, str, bool, bool], ...]:
    """(start, end, key, weak, single city word) of each candidate in ``piece``, offsets into it."""
    if not any(_first_token(_POSSESSIVE_RE.sub("", w) or w) in gaz.first_tokens for w in piece.split()):
        return ()
    return tuple((c.start, c.end, c.key, c.weak, c.single_city_word) for c in _read_piece(piece, gaz))


def _read_piece(text: str, gaz: Gazetteer) -> list[Candidate]:
    """The candidates of one piece of a run (``text`` is the piece)."""
    found: list[Candidate] = []
    first_tokens = gaz.first_tokens
    words = _words(text, 0, len(text))
    # "Gaza-based", "Hamas-run": the name before the hyphen is a (weak) candidate of its own
    i, n = 0, len(words)
    while i < n and words[i][2] in COMMON_CAPITALS and words[i][2] not in DIRECTIONS | TITLES and not (
            i + 1 < n and " ".join(w for _, _, w in words[i:i + 2]) in gaz):   # "New York", "West Bank"
        i += 1
    first_name_word = i
    while i < n:
        ws, we, word = words[i]
        longest = first_tokens.get(_first_token(word), 0)
        if not longest:
            i += 1
            continue
        hit = 0
        for length in range(min(_MAX_WORDS, n - i, longest), 0, -1):
            name = " ".join(w for _, _, w in words[i:i + length])
            if length == 1:
                based = _BASED_RE.search(word)
                if based:
                    name = word[:based.start()]
            if name in gaz and _allowed(name, length):
                hit = length
                break
        if not hit:
            i += 1
            continue
        if i and words[i - 1][2] in _FEATURE_FIRST and words[i - 1][1] + 1 == words[i][0]:
            i += hit
            continue   # "Lake Chad", "Mount Kenya": a lake or a mountain, not the country of its name
        start = words[i][0]
        end = start + len(name) if hit == 1 else words[i + hit - 1][1]
        before = words[first_name_word:i]
        after = words[i + hit:]
        prefix = [w for w in before if w[2] in DIRECTIONS]
        weak = bool(_BASED_RE.search(words[i][2]) and hit == 1)
        if before and all(w[2] in REGION_FIRST for w in before) and len(prefix) < len(before):
            i += hit
            continue   # "Inner Mongolia": a region of its own (see ArticlePlaces._regions)
        if before and len(prefix) < len(before):
            acronyms = all(w[2].isupper() for w in before if w[2] not in DIRECTIONS)   # "CBP McAllen facility"
            if any(w[2] in TITLES for w in before) or (not acronyms and (
                    not gaz.candidates(name)[0].kind == "country" or name in NAMES_OF_PEOPLE)):
                i += hit
                continue   # "Michael Jackson", "President Jordan", "Michael Jordan": a person
            weak = True
        if prefix and len(prefix) == len(before):
            start = prefix[0][0]
        if after:
            nxt = after[0][2]
            if nxt in NATURAL_HEADS and gaz.candidates(name)[0].kind == "city":
                i += hit
                continue   # "the Tana River", "Lake Victoria's shores": a feature, not the town of its name
            if nxt in PLACE_HEADS:
                end = after[0][1]
            elif name in NAMES_OF_PEOPLE and nxt[:1].isupper() and not nxt.isupper() and not (
                    nxt in ORG_HEADS or nxt in TITLES or nxt in DIRECTIONS or nxt in gaz.first_tokens
                    or nxt in _PARTISANS):
                i += hit
                continue   # "Chad Wolf", "Israel Katz", "Georgia Meloni": a person's first name
            elif nxt in MEDIA_HEADS:
                i += hit
                continue   # "the New York Times", "the Jerusalem Post": a newspaper's name, never a place
            elif gaz.candidates(name)[0].kind == "city" and nxt not in ORG_HEADS and hit == 1:
                i += hit
                continue   # "Paris Hilton", "Victoria Beckham"
            else:
                weak = True   # "New York Police Department", "Israel Defense Forces"
        kind = gaz.candidates(name)[0].kind
        if after and after[0][2] == "State" and gaz.us_state(name) is not None:
            kind = "state"   # "Washington State", "New York State": the state, not the city of its name
        qualifies_org = bool(after) and after[0][2] in ORG_HEADS   # "Denver Police Department"
        found.append(Candidate(start, end, text[start:end], normalise(name), False, weak,
                                hit == 1 and kind == "city" and not prefix and not qualifies_org))
        i += hit
    return found


def _allowed(name: str, length: int) -> bool:
    if length > 1:
        return name not in CONTINENTS
    if name in CONTINENTS:
        return False
    return (name not in MONTHS_DAYS and name not in COMMON_CAPITALS and name not in NEWS_AGENCIES and name not in TITLES and name not in KNOWN_GROUPS
            and demonym_country(name) is None and len(name) > 1)
