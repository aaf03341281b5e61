"""Place mentions beyond the gazetteer's names, found for :class:`processors.places.ArticlePlaces`.

Streets and addresses ("near 9th Street", "at 12 Elm Place"), "the village of X", regions and venues
before a lower-case head ("the Larkfield facility", "Inner Mongolia region"), a demonym's capital ("the
Afghan capital") and a national legislature, which names its capital ("the Senate", "a House
committee"), are places the gazetteer's name index cannot give: each finder here reads the article's
name spans and the mentions already found, and returns new :class:`PlaceMention` s.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Protocol, Sequence

from newswire.processors.gazetteer import US_STATE_ABBREVIATIONS, Gazetteer, Place
from newswire.processors.nations import demonym_country
from newswire.processors.place_names import (
    COMMON_CAPITALS,
    CONTINENTS,
    DIRECTIONS,
    KNOWN_GROUPS,
    MONTHS_DAYS,
    NATURAL_HEADS,
    NEWS_AGENCIES,
    ORG_HEADS,
    PLACE_HEADS,
    REGION_FIRST,
    WATER_OF,
    TITLES,
    is_locative,
    possessive_pieces,
)

__all__ = ["PlaceMention", "capitals", "city_forms", "described_places", "in_list", "legislatures", "region_after",
           "regions"]

_ORG_AFTER_RE = re.compile(r"(?:'s|’s)?\s+(?:health|police|public|disease|government|state|provincial|regional"
                           r"|local|county|city|municipal|district|authorities|authority|officials|commission|council"
                           r"|ministry|department|administration|court|prosecutors?)\b")
_DEMONYM_CAPITAL_RE = re.compile(r"\b(?:the\s+)?(?P<dem>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+capital\b(?!\s+[A-Z])")
_LEGISLATURES = frozenset({"Congress", "Senate", "Capitol", "Parliament", "Knesset", "Duma", "Bundestag", "Majlis"})
# where a legislature's word can be: only the runs holding one are read
_LEGISLATURE_WORD_RE = re.compile("|".join(sorted(_LEGISLATURES | {"House"})))
# "the House of Representatives", "House Democrats", "a House committee": the lower chamber, not a building
_HOUSE_AFTER_RE = re.compile(r"[ \t]+(?:of[ \t]+(?:Representatives|Commons|Lords)|Committee|Select|Speaker|Democrats"
                             r"|Republicans|Judiciary|Intelligence|Oversight|Foreign|Majority|Minority|Armed|Ways|Rules"
                             r"|Appropriations|Ethics|committee|panel|speaker|vote|hearing|floor|impeachment|majority"
                             r"|minority|lawmakers|members)\b")
# ", a town on the border", ", a small village near", ", the capital of": the name before is a place
_DESCRIBED_AS_PLACE_RE = re.compile(
    r",[ \t]+(?:a|an|the)[ \t]+(?:[a-z-]+[ \t]+){0,2}?(?:town|village|city|hamlet|suburb|township|municipality|commune"
    r"|settlement|port|island|district|province|region|county|community|neighbou?rhood|capital)[ \t]+(?:of|in|on"
    r"|near|about|some|north|south|east|west|outside|close|bordering|along)\b")
_PARTICLE_RE = re.compile(r"[ \t]+(?:am|an der|de|del|de la|la|el|al|di|da|do|dos|sur|upon|on)[ \t]+")
_CONTROLLED_RE = re.compile(r"-(?:controlled|led|dominated|run)$")
_NOUN_AFTER_RE = re.compile(r"[ \t]+[a-z]{3,}")
# "the village of X", "the town of X": X is a place whether or not the gazetteer knows it
_NAMED_PLACE_RE = re.compile(r"\b(?:village|town|city|hamlet|commune|municipality|settlement|township|neighbou?rhood"
                             r"|suburb|island|port|county|district|province|region|prefecture|state|governorate"
                             r"|coast|archipelago)\s+of\s+$")
_STREET_ENDS = (" Street", " Avenue", " Road", " Boulevard", " Highway", " Lane", " Drive", " Square")
# the last word of a street's name; with a house number or an ordinal before it ("2134 Elm Place", "near 9th
# Street") any of them names a street, without one only the unmistakable ones (_STREET_ENDS, "Main St.")
_STREET_WORDS = frozenset("""Street Avenue Road Boulevard Highway Lane Drive Square Place Court Way Parkway Terrace
Circle Plaza St Ave Rd Blvd Hwy Pkwy""".split())
_HOUSE_NUMBER_RE = re.compile(r"\b\d{1,5}(?:st|nd|rd|th)?[ \t]+$")
_LOWER_HEAD_RE = re.compile(r"[ \t]+(?:provinces?|districts?|county|counties|governorates?|prefectures?|oblasts?"
                            r"|regions?|states?"
                            # natural features: "in the Swat valley", "the Sambisa forest"
                            r"|valley|forest|desert|mountains|hills|highlands|delta|basin|plateau|coast"
                            # venues and settlements: "at the Larkfield facility", "the Ein Tamar settlement"
                            r"|settlement|refugee[ \t]+camp|camp|village|hospital|prison|facility|base|stadium|airport"
                            r"|neighbou?rhood|quarter|suburb|township|municipality"
                            # the second-level units of Indonesia, Haiti, Colombia, France, Louisiana...
                            r"|regency|regencies|departments?|commune|parish)\b")


_PAIR_BEFORE_RE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*[ \t]+and[ \t]+$")
_NAME_GOES_ON_RE = re.compile(r"[ \t]+(?:[a-z]{1,3}-|(?:am|an|de|del|la|el|al|di|da|do|dos|sur|upon|bin|ibn)[ \t])")
_FEATURE_FIRST = frozenset({"Lake", "Mount"})   # "near Lake Chad": a region the gazetteer lacks
_LEAD_PREPOSITION_RE = re.compile(r"(?:In|At|Near|Across|Throughout|Inside)[ \t]+(?=[A-Z])")
_REGION_RUN_RE = re.compile(r",[ \t]+(?P<run>[A-Z][\w'’.&-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w'’.&-]*){0,3})")
# first words of town names that are also common capitalised words: "Port Fourchon", "Fort Liberty", "Mount Airy"
_TOWN_FIRST_WORDS = frozenset("""Port Fort Mount Lake Saint St Great Little Big New Old North South East West Upper
Lower Central Grand""".split())
_NAME_WORD_AFTER_RE = re.compile(r"[ \t]+[A-Z]")
# a list of places goes on before or after the pair: "France, the Netherlands, Belgium and Denmark"
_LIST_BEFORE_RE = re.compile(r"[A-Z][\w'’.-]*,[ \t]*(?:the[ \t]+)?$")
_LIST_AFTER_RE = re.compile(r",?[ \t]*(?:and|or|,)[ \t]*(?:the[ \t]+)?"
                            r"(?P<next>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*)?)")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str            # as written: "Central Italy", "Doha", "GAZA CITY"
    place: Place | None  # None: a region the gazetteer does not hold ("Inner Mongolia")
    locative: bool       # used as a place: after in/at/near..., in a list of such, or the dateline
    weak: bool           # only a modifier of an organisation or group ("Gaza health ministry" is not weak)
    sentence: int        # index of its sentence (-1: the dateline)


class Layer(Protocol):
    """What a finder reads of the place layer it adds to (``ArticlePlaces``): the mentions so far, and
    which sentence a position is in."""

    mentions: list[PlaceMention]

    def sentence_of(self, pos: int) -> int: ...



def regions(places: Layer, text: str, spans: Sequence[tuple[int, int]], body_start: int) -> list[PlaceMention]:
    """Regions the gazetteer does not hold, where the text uses them as places: "in Inner Mongolia",
    "in Berrien County", "in Osun State", "in Kebbi state", "the Swat valley", "near Lake Chad" (a place word
    last, or a direction, "Lake" or "Mount" first). Their place is None."""
    taken = [(pm.start, pm.end) for pm in places.mentions]
    out = []
    for k, (run_start, run_end) in enumerate(spans):
        if run_start < body_start:
            continue
        if k + 1 < len(spans) and text.startswith(" of ", run_end) and spans[k + 1][0] == run_end + 4 \
                and text.endswith(WATER_OF, run_start, run_end + 4):
            # "into the Gulf of Aden", "in the Strait of Hormuz": a body of water the gazetteer lacks
            first, last = text.rfind(" ", run_start, run_end) + 1 or run_start, spans[k + 1][1]
            name = text[max(first, run_start):last].split(". ", 1)[0].rstrip(".")
            locative = is_locative(text, max(first, run_start))
            out.append(PlaceMention(max(first, run_start), max(first, run_start) + len(name), name, None,
                                    locative, not locative, places.sentence_of(run_start)))
            continue
        name = text[run_start:run_end].rstrip(".")   # a run may end with its sentence's full stop
        named = text.startswith("of ", run_start - 3) and _NAMED_PLACE_RE.search(text, max(0, run_start - 30),
                                                                                   run_start)
        last = name.rsplit(None, 1)[-1] if name else ""
        house = _HOUSE_NUMBER_RE.search(text, max(0, run_start - 10), run_start) if last in _STREET_WORDS else None
        street = house is not None or (" " in name and (name.endswith(_STREET_ENDS) or last in ("St", "Ave", "Rd", "Blvd")))
        # "clashes near Mir Ali", "a raid outside Qabatiya": "near" and "outside" are said of places
        near = not (named or street) and text.endswith(("near ", "outside "), max(0, run_start - 8), run_start) \
            and not _LOWER_HEAD_RE.match(text, run_end) and not _REGION_RUN_RE.match(text, run_end) \
            and not _NAME_GOES_ON_RE.match(text, run_end)   # "near Beit al-Faqih": the name goes on
        if near:
            name = name.split(". ", 1)[0].rstrip(".")
            near = len(name.split()) <= 3 and name.split()[0] not in COMMON_CAPITALS and not any(
                w in KNOWN_GROUPS or w in NEWS_AGENCIES or demonym_country(w) for w in name.split())
        words = name.split() if named or street or near else ()
        if words and not any(a < run_end and run_start < b for a, b in taken) \
                and not any(w in ORG_HEADS or w in MONTHS_DAYS or w in TITLES for w in words):
            # "the village of Khirbet Zanuta", "near Seventh Street": a place the gazetteer does not hold
            first = house.start() if house is not None else run_start   # "2134 Elm Place", "9th Street"
            locative = bool(named) or is_locative(text, first)
            if locative:
                out.append(PlaceMention(first, run_start + len(name), text[first:run_start + len(name)], None,
                                        True, False, places.sentence_of(run_start)))
                continue
        low_head = _LOWER_HEAD_RE.match(text, run_end)
        if low_head is not None and text[run_start - 1:run_start] == "-":
            continue   # "Deir ez-Zor province": the tail of a name with a lower-case article (place_particles)
        if low_head is not None:
            # "the country's southern Zabul province", "in Kherson region": a name and a place word; after
            # a possessive, the name is the last piece ("in Somalia's Lower Shabelle region")
            name_start = possessive_pieces(text, run_start, run_end)[-1][0]
            lead = _LEAD_PREPOSITION_RE.match(text, name_start, run_end)
            if lead is not None:
                name_start = lead.end()   # "In Punjab province, ...": the sentence's capital is no name
            words = text[name_start:run_end].split()
            if len(words) <= 2 and not any(w in ORG_HEADS or w in MONTHS_DAYS or w in TITLES
                                           or (w in COMMON_CAPITALS and w not in DIRECTIONS) for w in words) \
                    and not all(w in DIRECTIONS for w in words) \
                    and not any(a < run_end and name_start < b for a, b in taken):
                locative = is_locative(text, name_start) or (name_start > run_start and is_locative(text, run_start))
                pair = _PAIR_BEFORE_RE.search(text, max(0, name_start - 40), name_start) \
                    if low_head.group(0).endswith("s") else None
                if pair is not None and not any(a < name_start and pair.start() < b for a, b in taken):
                    name_start = pair.start()   # "in Zamfara and Katsina states": the pair shares the head
                out.append(PlaceMention(name_start, low_head.end(), text[name_start:low_head.end()], None,
                                        locative, not locative, places.sentence_of(name_start)))
            continue
        if " " not in text[run_start:run_end]:
            continue
        for piece_start, piece in possessive_pieces(text, run_start, run_end):
            piece = piece.removesuffix(".")   # the sentence's full stop: "in Cobb County."
            piece = piece.removesuffix("'s").removesuffix("’s")   # "Inner Mongolia's disease control centre"
            words = piece.split()
            # "Berrien County Health Department": the region is the words up to its place word
            # "the Red Sea. The drones": a run may go on past its sentence's full stop
            head = next((k for k, w in enumerate(words) if k and (w in PLACE_HEADS or (
                w.endswith(".") and w[:-1] in PLACE_HEADS))), None)
            if head is not None:
                words = words[:head] + [words[head].rstrip(".")]
            elif len(words) < 2 or (words[0] not in REGION_FIRST and words[0] not in _FEATURE_FIRST):
                continue
            feature = head is not None and words[-1] in NATURAL_HEADS   # "the Red Sea", "the Dead Sea"
            if any((w in ORG_HEADS and not feature) or w in MONTHS_DAYS or (w in TITLES and head is None)
                   for w in words) \
                    or demonym_country(words[-1]) or demonym_country(" ".join(words)):   # "South Korean
                continue   # tourists": people, not a region
            region = " ".join(words)
            if not piece.startswith(region):
                continue
            piece_end = piece_start + len(region)
            if any(a < piece_end and piece_start < b for a, b in taken):
                continue
            locative = is_locative(text, piece_start) or is_locative(text, run_start)
            qualifies = len(words) < len(piece.split()) or _ORG_AFTER_RE.match(text, piece_end) \
                or _NOUN_AFTER_RE.match(text, piece_end)   # "the Osun State governorship election"
            if not (locative or qualifies):
                continue   # "Inner Mongolia health authority": it names the organisation's place (weak)
            out.append(PlaceMention(piece_start, piece_end, region, None, locative, not locative,
                                    places.sentence_of(piece_start)))
    return out

# words before a legislature's name that keep it the nation's: "the Senate", "Republican Senate", "GOP-led House"
_NATIONAL_BODY_WORDS = frozenset("""A The the National Federal Grand Supreme Upper Lower Democratic Republican GOP
Democrat Labour Conservative Opposition""".split())


def _other_body(word: str, gaz: Gazetteer) -> bool:
    """True if the capitalised word before a legislature's name makes it a body of no one country: "the European
    Parliament", "the Pan-African Parliament" (not a demonym, a country, "US", or a party's word)."""
    word = word.removesuffix("'s").removesuffix("’s")
    return word[:1].isupper() and word not in _NATIONAL_BODY_WORDS and not _CONTROLLED_RE.search(word) \
        and demonym_country(word) is None and gaz.resolve(word) is None


def _bare(word: str) -> str:
    """The word without its trailing punctuation and possessive: "Congress's" -> "Congress" (a character
    set stripped from the right took "Congress" to "Congre", "Swiss" to "Swi")."""
    word = word.rstrip(".,")
    return word.removesuffix("'s").removesuffix("’s").rstrip("'’")


def legislatures(places: Layer, text: str, spans: Sequence[tuple[int, int]], gaz: Gazetteer) -> list[PlaceMention]:
    """A national legislature sits in its country's capital: "the U.S. Senate", "the House of Representatives",
    "a House committee" name the capital, as "the White House" names Washington. The country is
    the one named before it ("Nigerian Senate"), else the one the article names most."""
    found = []
    hits = [m.start() for m in _LEGISLATURE_WORD_RE.finditer(text)]
    if not hits:
        return []
    for a, b in spans:
        i = bisect.bisect_left(hits, a)
        if i == len(hits) or hits[i] >= b:
            continue   # no legislature's word in the run
        words = text[a:b].split()
        k = next((k for k, w in enumerate(words) if _bare(w) in _LEGISLATURES
                  or (w == "House" and (k == 0 or words[k - 1] in ("A", "The", "the") or demonym_country(words[k - 1])
                                        or _CONTROLLED_RE.search(words[k - 1]))   # "Democrat-controlled House"
                      and _HOUSE_AFTER_RE.match(text, a + sum(len(x) + 1 for x in words[:k + 1]) - 1))), None)
        if k is None or (k and words[k - 1] in ("White", "State")) \
                or (k and gaz.resolve(words[k - 1]) is not None and gaz.resolve(words[k - 1]).kind == "state") \
                or (k and _other_body(words[k - 1], gaz)):
            continue
        code = demonym_country(_bare(words[k - 1])) if k else None
        if code is None and k:
            before = gaz.resolve(words[k - 1].removesuffix("'s").removesuffix("’s"))
            code = before.country_code if before is not None and before.kind == "country" else None
        found.append((a + text[a:b].index(words[k]), code))
    if not found:
        return []
    counts: dict[str, int] = {}
    for pm in places.mentions:
        if pm.place is not None:
            counts[pm.place.country_code] = counts.get(pm.place.country_code, 0) + 1
    home = max(counts, key=lambda c: counts[c]) if counts else None
    out = []
    for at, code in found:
        city = gaz.capital_city(code or home) if (code or home) else None
        if city is not None:
            word = text[at:].split(None, 1)[0].rstrip(".,")
            out.append(PlaceMention(at, at + len(word), word, city, False, False, places.sentence_of(at)))
    return out

def capitals(places: Layer, text: str, gaz: Gazetteer) -> list[PlaceMention]:
    """"the Afghan capital" is Kabul: a demonym before "capital" names that country's capital city."""
    out = []
    for m in _DEMONYM_CAPITAL_RE.finditer(text):
        code = demonym_country(m.group("dem"))
        city = gaz.capital_city(code) if code else None
        if city is not None:
            out.append(PlaceMention(m.start("dem"), m.end(), text[m.start("dem"):m.end()], city,
                                    is_locative(text, m.start()), False, places.sentence_of(m.start())))
    return out


def region_after(text: str, end: int, gaz: Gazetteer, inside: str | None = None,
                 context: Sequence[str] = ()) -> Place | None:
    """The country or US state named after the comma at ``end``: "Springfield, Illinois", "Mayfield, Ky.",
    "Kabul, Afghanistan" (the whole name, not the first words of a longer one: "Smith, Texas Republican"
    is none)."""
    return _region_span(text, end, gaz, inside, context)[0]


def _region_span(text: str, end: int, gaz: Gazetteer, inside: str | None,
                 context: Sequence[str]) -> tuple[Place | None, int]:
    m = _REGION_RUN_RE.match(text, end)
    if m is None:
        return None, end
    words = m.group("run").split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        stop = m.start("run") + len(name)
        name = name.rstrip(",")
        if name.endswith(".") and name not in US_STATE_ABBREVIATIONS and not name[-2:-1].isupper():
            name = name[:-1]   # the sentence's full stop: "in Mayfield, Kentucky."
        if name.endswith(("'s", "’s")) or (_NAME_WORD_AFTER_RE.match(text, stop) and not name.endswith(".")):
            continue
        region = gaz.region(name, inside, context)
        if region is not None:
            return region, m.start("run") + len(name)
    return None, end


def city_forms(places: Layer, text: str, spans: Sequence[tuple[int, int]], gaz: Gazetteer,
               context: Sequence[str], body_start: int) -> list[PlaceMention]:
    """"City, State" and "Town, Country" where the gazetteer lacks the town ("San Ysidro, California",
    "Mayfield, Ky.", "Uglii, Mongolia"): the form itself says it is a place. The mention spans both
    names and resolves to the state or country."""
    taken = [(pm.start, pm.end) for pm in places.mentions]
    out = []
    for a, b in spans:
        if text[b:b + 1] != "," or a < body_start or not _REGION_RUN_RE.match(text, b) \
                or any(x < b and a < y for x, y in taken):
            continue
        words = text[a:b].split()
        town = len(words) > 1 and words[0].rstrip(".") in _TOWN_FIRST_WORDS   # "Port Fourchon", "Fort Liberty"
        if len(words) > 3 or (words[0] in COMMON_CAPITALS and not town) or any(
                w in ORG_HEADS or w in MONTHS_DAYS or w in TITLES or w in NEWS_AGENCIES or w in KNOWN_GROUPS
                or demonym_country(w) or not w[:1].isupper() for w in words[town:]):
            continue
        if any(p.kind != "city" for p in gaz.candidates(text[a:b])) or text[a:b] in CONTINENTS:
            continue
        region, region_end = _region_span(text, b, gaz, None, context)
        if region is None or in_list(text, a, region_end, gaz):
            continue
        out.append(PlaceMention(a, region_end, text[a:region_end], region, True, False, places.sentence_of(a)))
    return out


def in_list(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """True if the names ``text[start:end]`` ("Washington, Alaska") are two items of a list of places
    ("Colorado, Washington, Alaska and Oregon"), not a town and its region."""
    if _LIST_BEFORE_RE.search(text, max(0, start - 40), start):
        return True
    more = _LIST_AFTER_RE.match(text, end)
    return more is not None and gaz.region(more.group("next").rstrip(".,")) is not None


def described_places(places: Layer, text: str, spans: Sequence[tuple[int, int]], body_start: int) -> list[PlaceMention]:
    """A name the text describes as a place right after it ("Braunau am Inn, a town on the border", "Ulgii,
    a remote city in the west"), and the later uses of its first word as a place ("born in Braunau").
    Their place is None: the gazetteer does not hold them (it would have named them)."""
    taken = [(pm.start, pm.end) for pm in places.mentions]
    out: list[PlaceMention] = []
    for k, (a, b) in enumerate(spans):
        if a < body_start or not _DESCRIBED_AS_PLACE_RE.match(text, b):
            continue
        if k and _PARTICLE_RE.fullmatch(text, spans[k - 1][1], a):   # "Braunau am Inn", "Puerto de la Cruz"
            a = spans[k - 1][0]
        words = text[a:b].split()
        if len(words) > 4 or words[0] in COMMON_CAPITALS or any(
                w in ORG_HEADS or w in MONTHS_DAYS or w in TITLES or demonym_country(w) for w in words) \
                or any(x < b and a < y for x, y in taken):
            continue
        out.append(PlaceMention(a, b, text[a:b], None, True, False, places.sentence_of(a)))
        short = words[0]
        for m in re.finditer(rf"\b{re.escape(short)}\b", text):
            if m.start() != a and m.start() >= body_start and is_locative(text, m.start()) \
                    and not any(x <= m.start() < y for x, y in taken) and not text[m.end():m.end() + 1].isalnum():
                out.append(PlaceMention(m.start(), m.end(), short, None, True, False, places.sentence_of(m.start())))
    return out
