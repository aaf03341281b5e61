"""A state's act takes a finer place of its own country than the country (``processors.place_home``), a
lede placed at a whole country takes the district the next sentence names (``processors.place_lead``), and sea
areas are places (an ocean, "in international waters of" a sea: ``processors.place_names``); results
released by a national body are its statement, made where the story is filed (``processors.place_statements``)."""

from __future__ import annotations

import datetime as dt

from newswire.processors.extract import extract


def _events(text: str) -> dict[str, str | None]:
    return {e.trigger: e.location for e in extract(text, dt.date(2026, 7, 1)).events}


def test_a_state_body_acting_where_the_paragraph_has_been_takes_that_town():
    text = ("GUATEMALA CITY (Newswire) - Heavy rains have swept the country this week.\n\nA mudslide buried six "
            "homes in Escuintla on Tuesday. Guatemala's army recovered four bodies from the mud on Wednesday.")
    assert _events(text)["recovered"] == "Escuintla"


def test_a_national_court_in_a_story_filed_from_its_seat_takes_the_dateline():
    text = ("QUITO (Newswire) - Ecuador's national court sentenced nine men to prison on Friday for running a "
            "smuggling ring, prosecutors said.")
    assert _events(text)["sentenced"] == "Quito"


def test_a_country_wide_measure_keeps_the_country():
    text = "CAIRO (Newswire) - Egypt's economy grew 4 percent in the third quarter, the statistics agency said."
    assert _events(text)["grew"] == "Egypt"


def test_a_lede_attack_in_a_country_takes_the_district_the_next_sentence_names():
    text = ("NIAMEY (Newswire) - Gunmen killed nine soldiers in an attack on an army post in western Niger on "
            "Monday.\n\nThe fighters overran the post at Zorbakoye, in the Tera department of the Tillaberi "
            "region, officials said.")
    assert _events(text)["attack"] == "Zorbakoye"   # the village the next sentence names: the finest place
    text = ("NIAMEY (Newswire) - Gunmen killed nine soldiers in an attack on an army post in western Niger on "
            "Monday.\n\nThe fighters overran a post near a village in the Tera department of the Tillaberi "
            "region, officials said.")
    assert _events(text)["attack"] == "Tera"


def test_arson_in_a_raid_story_happens_at_the_raid_scene():
    text = ("ABUJA (Newswire) - Gunmen attacked a village near Jos in Plateau state on Sunday, killing five people, "
            "police said.\n\nWitnesses said the attackers burned 30 houses before fleeing.")
    assert _events(text)["burned"] == "Jos"


def test_a_surrender_after_a_clash_happens_at_the_clash_scene():
    text = ("MANILA (Newswire) - Philippine troops clashed with rebels near Marawi on Monday, the army said.\n\n"
            "Nine rebels surrendered after a four-hour gunbattle.")
    assert _events(text)["surrendered"] == "Marawi"


def test_a_seizure_in_international_waters_of_a_sea_takes_the_sea():
    text = ("MIAMI (Newswire) - A Coast Guard cutter seized 900 kilograms of cocaine from a speedboat in "
            "international waters of the Western Caribbean Sea on Monday.")
    assert _events(text)["seized"] == "Western Caribbean Sea"


def test_an_ocean_is_a_place():
    text = ("PERTH (Newswire) - A navy frigate rescued 40 fishermen from a sinking trawler in the Pacific Ocean "
            "on Monday.")
    assert _events(text)["rescued"] == "Pacific Ocean"


def test_results_released_by_a_national_body_are_made_public_where_the_story_is_filed():
    text = ("LUSAKA (Newswire) - The ruling party won 90 of the 156 seats in Zambia's parliament in Thursday's "
            "election, according to provisional results released by the electoral commission on Saturday.")
    events = _events(text)
    assert events["released"] == "Lusaka"
    assert events["election"] == "Zambia"


def test_a_dateline_town_the_gazetteer_lacks_is_still_finer_than_its_country():
    text = ("MBELENKORO, Cameroon (Newswire) - Gunmen attacked a school in the North West region on Monday, local "
            "officials said.\n\nCameroon's military said in a statement that troops deployed to the area killed "
            "three gunmen and freed 12 of the pupils.")
    assert _events(text)["freed"] == "Mbelenkoro"


def test_an_attack_a_state_body_reports_happened_at_the_scene_not_across_the_state():
    text = ("ABUJA (Newswire) - Gunmen attacked a village near Jos in Plateau state on Sunday, killing five people, "
            "police said.\n\nNigeria's military said in a statement that troops deployed to the area after the "
            "attack killed three gunmen in a firefight near the village.")
    events = _events(text)
    assert events["attack"] == "Jos"
    assert events["deployed"] == "Jos"   # troops sent to the fight's scene


def test_a_government_summons_an_envoy_where_the_story_is_filed():
    text = ("NAIROBI (Newswire) - Kenya on Tuesday summoned Uganda's ambassador over a shooting on Lake Victoria "
            "in which two Kenyan fishermen died.")
    assert _events(text)["summoned"] == "Nairobi"
