"""Places of conflict and disaster copy that the gazetteer does not hold: a name before "state",
"valley" or "forest", a sentence-initial "In" before a region, and a lake or mountain named after a
country."""

from __future__ import annotations

import datetime as dt

from newswire.processors.extract import extract


def _events(text: str) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    return {e.trigger: (e.location, e.actors) for e in extract(text, dt.date(2026, 7, 1)).events}


def test_a_name_before_a_natural_feature_word_is_a_place():
    text = ("LIMA (Newswire) - Rescuers found four hikers alive. A mudslide buried two farms in the Colca "
            "valley on Monday.")
    assert _events(text)["mudslide"][0] == "Colca valley"


def test_a_name_before_a_lower_case_state_is_a_place():
    text = "ABUJA (Newswire) - Gunmen attacked a market in Kebbi state on Sunday, police said."
    assert _events(text)["attacked"][0] == "Kebbi state"


def test_a_sentence_initial_in_is_no_part_of_the_region():
    text = "KARACHI (Newswire) - The river rose fast. In Sindh province, floods forced the evacuation of farms."
    assert _events(text)["evacuation"][0] == "Sindh province"


def test_a_lake_named_after_a_country_is_neither_the_country_nor_an_actor():
    text = "An air strike hit a militant camp on an island of Lake Chad, the army said."
    location, actors = _events(text)["air strike"]
    assert location == "Lake Chad"
    assert "Chad" not in actors


def test_seas_gulfs_and_straits_are_places():
    text = "Rebels fired a missile into the Gulf of Oman. A drone boat struck a tanker in the Red Sea. Calm returned."
    events = _events(text)
    assert events["fired"][0] == "Gulf of Oman"
    assert events["struck"][0] == "Red Sea"


def test_a_strait_of_a_place_is_not_that_place():
    text = "The navy seized an oil tanker in the Strait of Hormuz on Monday, state media said."
    assert _events(text)["seized"][0] == "Strait of Hormuz"


def test_the_red_cross_stays_an_organisation():
    text = "The Red Cross said aid trucks reached the besieged town."
    assert "Red Cross" in _events(text)["said"][1]


def test_the_philippines_and_the_netherlands_are_places():
    assert _events("A typhoon struck the central Philippines on Tuesday.")["typhoon"][0] == "Philippines"
    assert _events("Storms hit the Netherlands overnight.")["Storms"][0] in ("Netherlands", "The Netherlands")


def test_a_statements_opening_place_is_where_it_was_made():
    text = ("NAIROBI (Newswire) - Cholera cases rose again. In neighbouring Uganda, health officials reported "
            "nine suspected cases near the border.")
    assert _events(text)["reported"][0] == "Uganda"


def test_a_name_after_near_is_a_place_the_gazetteer_may_lack():
    text = "PESHAWAR (Newswire) - Three soldiers died in a gunfight near Shewa Adda on Friday."
    assert _events(text)["gunfight"][0] == "Shewa Adda"


def test_an_organisation_after_near_stays_no_place():
    text = "A bomb exploded near Hamas offices in the morning."
    assert _events(text)["bomb"][0] != "Hamas"
