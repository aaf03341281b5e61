"""Where a statement's news happened or was said: declarations over an area, passive tallies, an opening
"Speaking in", a "where" clause and a venue without a name. Sentences are invented."""

from __future__ import annotations

import datetime as dt

from newswire.processors.extract import extract


def _places(text: str) -> dict[str, str | None]:
    return {e.trigger: e.location for e in extract(text, dt.date(2026, 7, 1)).events}


def test_a_declaration_over_an_area_is_placed_there():
    text = "LOME (Newswire) - In May the government declared a state of emergency in the Savanes region."
    assert _places(text)["declared"] == "Savanes region"


def test_a_passive_tally_takes_the_place_after_its_verb():
    text = ("FREETOWN (Newswire) - Lassa fever has spread to a new district. Two new deaths were recorded among "
            "confirmed cases during the week, both in Makeni district.")
    assert _places(text)["recorded"] == "Makeni"


def test_a_passive_tally_keeps_its_speaker_s_place_over_a_subordinate_clause():
    text = ("ACCRA (Newswire) - The outbreak is growing. Officials in Kumasi said that a fourth case had been "
            "reported, after two people caught the disease in Tamale last week.")
    assert _places(text).get("reported") in (None, "Kumasi")


def test_speaking_in_a_town_places_the_statement():
    text = ("FREETOWN (Newswire) - Cases fell this week. Speaking in Kenema, the minister said the rise had "
            "been expected.")
    assert _places(text)["said"] == "Kenema"


def test_a_where_clause_places_the_announcement():
    text = ("KINSHASA (Newswire) - The ministry condemned a meeting at a hotel in Nairobi, where the rebels "
            "announced a new administration.")
    assert _places(text)["announced"] == "Nairobi"


def test_a_venue_without_a_name_places_what_was_told_there():
    text = "NAIROBI (Newswire) - Her lawyer told reporters outside the court that she would appeal the verdict."
    assert _places(text)["told"] == "outside the court"


def test_a_country_that_declares_an_epidemic_is_its_place():
    text = "BUCHAREST (Newswire) - Measles cases rose again. Romania declared a measles epidemic in 2023."
    assert _places(text)["declared"] == "Romania"


def test_a_declaration_keeps_its_speaker_over_a_subordinate_clause():
    text = ("Cholera spread in the north. Mozambique's health ministry declared the outbreak on Feb. 27 after "
            "tests found the bacteria in samples from Memba district.")
    assert _places(text)["declared"] == "Mozambique"


def test_a_response_with_no_place_of_its_own_serves_the_country():
    text = ("Uganda has confirmed an outbreak of Ebola in Kasese district.\n\nWHO has deployed a team of 12 "
            "experts to support the response.")
    assert _places(text)["deployed"] == "Uganda"


def test_a_disaster_s_follow_up_with_no_place_is_at_the_lede_s_scene():
    text = ("BISHKEK (Newswire) - A strong earthquake struck the Kara-Suu district in the south on Tuesday, killing "
            "nine people.\n\nThe magnitude 6.1 earthquake struck late Tuesday at a depth of about 10 kilometers.")
    events = [(e.trigger, e.location) for e in extract(text, dt.date(2026, 7, 1)).events]
    assert events[-1] == ("earthquake", "Kara-Suu")


def test_a_feature_named_again_by_its_head_is_the_place():
    text = ("TUNIS (Newswire) - Tourism revenue rose in November, the ministry said.\n\nHikers returned to Mount "
            "Tarvo this autumn.\n\nOn Sunday, 300 shepherds protested on the mountain against the grazing ban.")
    assert _places(text)["protested"] == "Mount Tarvo"
    text = ("GEORGETOWN (Newswire) - Soldiers crossed the Dorsk River on Thursday.\n\nThe army chief said the "
            "force had reinforced its posts along the river with 120 troops.")
    assert _places(text)["reinforced"] == "Dorsk River"


def test_a_measure_issued_in_the_passive_is_placed_where_it_applies():
    text = ("SACRAMENTO (Newswire) - Winds rose again on Monday. Evacuation warnings were issued for several "
            "communities in Dorsk and Vell counties.")
    assert _places(text)["issued"] != "Sacramento"


def test_the_two_states_named_before_are_the_place():
    text = ("PUTRAJAYA (Newswire) - Floods forced 20,000 people from their homes in Kelantan and Terengganu on "
            "Monday.\n\nThe agency has channelled RM2 million to the two states for food and supplies.")
    assert _places(text)["channelled"] == "Kelantan and Terengganu"
