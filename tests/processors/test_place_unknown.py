"""Places the gazetteer lacks, read from the locative words and lists around them. Sentences are invented."""

from __future__ import annotations

import datetime as dt

from newswire.processors.extract import extract
from newswire.processors.places import find_places
from newswire.processors.sentences import split_sentences


def _places(text: str) -> dict[str, str | None]:
    return {e.trigger: e.location for e in extract(text, dt.date(2026, 7, 1)).events}


def _unknown(text: str) -> list[str]:
    return [m.text for m in find_places(text, split_sentences(text)).mentions if m.place is None]


def test_the_ends_of_a_road_are_places():
    text = "MAIDUGURI (Newswire) - A roadside bomb killed three soldiers on the road between Dorsk and Velmar."
    assert _places(text)["bomb"] == "Dorsk"


def test_the_villages_of_a_list_are_places():
    text = "OSH (Newswire) - Most victims were in the villages of Kyrvo-Tal and Osh-Bel, where houses collapsed."
    assert _places(text)["collapsed"] == "Osh-Bel"
    assert {"Kyrvo-Tal", "Osh-Bel"} <= set(_unknown(text))


def test_a_name_joined_by_a_particle_is_one_place():
    text = "LIMA (Newswire) - The director said in Vilo del Mar on Friday that crews had contained the blaze."
    assert _places(text)["said"] == "Vilo del Mar"


def test_a_lower_case_head_ends_the_name():
    text = "NAIROBI (Newswire) - The candidate told supporters in Kawa town on Saturday that he would win."
    assert _places(text)["told"] == "Kawa"


def test_after_at_and_off_a_single_name_is_a_place():
    text = "COTONOU (Newswire) - In March an attack on a police post at Karamba left six dead."
    assert _places(text)["attack"] == "Karamba"
    text = "DHAKA (Newswire) - Four fishermen died when their trawler capsized off Kuvata on Friday."
    assert _places(text)["capsized"] == "Kuvata"


def test_a_firm_after_at_is_no_place():
    assert "Dorvex Capital" not in _unknown("Prices fell, said Jane Roe, head of research at Dorvex Capital.")
    assert "Dorvex" not in _unknown("Markets slid, said Jane Roe, an analyst at Dorvex.")


def test_a_town_s_state_after_a_comma_is_not_a_second_place():
    text = "Agents met near McAllen, Texas, and argued that the wall was needed."
    assert "Texas" not in _unknown(text)
    assert "Ill" not in _unknown("Police in Springfield, Ill. arrested two men.")


def test_a_speaker_after_an_address_is_no_place():
    text = "Police arrested a man who lives at 12 Elm Place, Harris said."
    assert "Harris" not in _unknown(text)


def test_the_place_a_force_withdrew_from_is_a_place():
    text = ("ADDIS ABABA (Newswire) - A rebel commander said his fighters had withdrawn from Dorsa on Thursday "
            "after two days of fighting.")
    assert _places(text)["withdrawn"] == "Dorsa"


def test_the_slopes_of_a_mountain_are_a_place():
    text = "In March a shepherd was killed by a mine on the slopes of Tarvil, the ministry said."
    assert "Tarvil" in _unknown(text)


def test_a_person_visited_at_a_place_is_no_place():
    assert "Dorn" not in _unknown("The envoy visited Dorn at the presidential palace on Monday.")
    assert "Dorn" not in _unknown("The union leader could not be found, but reporters reached Dorn by phone.")
