"""Places of wire copy the gazetteer's names alone do not give: list items it lacks, districts after "in", the
place an attack or a capture is done to, a country's own statistics and elections under a capital's
dateline, and a country's own body speaking at home. Sentences are invented."""

from __future__ import annotations

import datetime as dt

from newswire.processors.extract import extract
from newswire.processors.place_names import is_locative
from newswire.processors.places import find_places
from newswire.processors.sentences import split_sentences


def _places(text: str) -> dict[str, str | None]:
    return {e.trigger: e.location for e in extract(text, dt.date(2026, 7, 1)).events}


def _mentions(text: str) -> list[tuple[str, bool, bool]]:
    return [(m.text, m.locative, m.weak) for m in find_places(text, split_sentences(text)).mentions]


def test_a_known_town_after_an_unknown_list_item_is_used_as_a_place():
    text = "Police searched homes in Kelmora, Brno and Ostrava on Friday."
    assert is_locative(text, text.index("Ostrava"))
    text = "The wounded were flown to clinics in Tarvasso and Ostrava by evening."
    assert is_locative(text, text.index("Ostrava"))


def test_a_pair_cut_by_a_comma_or_a_date_is_no_list():
    text = "Shelling went on in Gaza, and Israel said the strikes would continue."
    assert not is_locative(text, text.index("Israel"))
    text = "Broadcasts began on August 10 and Ukraine said they would go on."
    assert not is_locative(text, text.index("Ukraine"))


def test_a_district_the_gazetteer_lacks_is_a_place_after_in():
    text = "KABUL (Newswire) - A landslide in Tarnak Bala on Tuesday buried six homes, officials said."
    assert _places(text)["landslide"] == "Tarnak Bala"
    assert ("Tarnak Bala", True, False) in _mentions(text)


def test_languages_journals_and_nouns_after_in_are_no_places():
    for text in ("The minister replied in Arabic on Monday.", "The findings were published in Science last week.",
                 "He made the threats in Facebook posts.", "The team lost in Round 2."):
        assert _mentions(text) == [], text


def test_the_place_an_attack_or_a_capture_is_done_to_is_its_object():
    text = "KYIV (Newswire) - Russia attacked Ukraine overnight with drones, the air force said."
    assert _places(text)["attacked"] == "Ukraine"
    text = "Thousands died two years ago when rebels seized Goma, the largest city of the region."
    assert _places(text)["seized"] == "Goma"


def test_a_country_owning_the_subject_is_the_place_under_its_capitals_dateline():
    text = "ANKARA (Newswire) - Turkey's annual inflation eased to 30 percent in May, the statistics office said."
    assert _places(text)["eased"] == "Turkey"


def test_an_event_given_no_place_happens_in_the_country_the_story_is_about():
    text = ("ANKARA (Newswire) - Turkey's annual inflation eased to 30 percent in May. "
            "Consumer prices rose 2 percent on the month.")
    assert _places(text)["rose"] == "Turkey"


def test_a_countrys_own_body_speaks_at_home_under_a_foreign_dateline():
    text = "GENEVA (Newswire) - Peru's health ministry declared a cholera outbreak on Monday."
    assert _places(text)["declared"] == "Peru"


def test_a_capitalised_neighbouring_is_no_part_of_a_name():
    assert ("Malawi", False, False) in _mentions("Neighbouring Malawi has reported 37 cases.")


def test_a_thousands_separator_does_not_cut_the_acts_clause_before_its_place():
    text = "KYIV (Newswire) - The air force says Russia launched 5,600 drones at Ukraine in October."
    assert _places(text)["launched"] == "Ukraine"


def test_a_dateline_after_a_release_heading_places_the_release():
    text = "DEFENCE HEADQUARTERS PRESS RELEASE\n\nABUJA - Troops arrested 40 suspects during the week."
    assert _places(text)["arrested"] == "Abuja"


def test_in_the_country_is_the_country_the_story_is_filed_from_not_a_neighbour_named_before():
    text = ("LILONGWE (Newswire) - Malawi's cholera cases rose near the border with Tanzania. "
            "Health workers vaccinated 20,000 people in the country on Monday, the ministry said.")
    assert _places(text)["vaccinated"] == "Malawi"
    # a story filed from Geneva about Sudan: the country is Sudan
    text = ("GENEVA (Newswire) - Fighting in Sudan has forced 10,000 people from their homes. "
            "Health workers vaccinated 5,000 children in the country last week, the agency said.")
    assert _places(text)["vaccinated"] == "Sudan"


def test_an_outbreak_or_a_flood_given_no_place_is_the_filing_citys_country():
    text = ("ISLAMABAD (Newswire) - Pakistan's weather office warned of more rain on Monday.\n\n"
            "Floods in 2022 killed more than 1,700 people.")
    assert _places(text)["Floods"] == "Pakistan"
    # a country the story never names is no better than the city it was filed from
    text = "GAZA CITY (Newswire) - Rain fell again on Monday.\n\nFloods in 2022 damaged 300 tents."
    assert _places(text)["Floods"] == "Gaza City"
    text = "ISLAMABAD (Newswire) - Officials met on Monday. A minister resigned on Tuesday."
    assert _places(text)["resigned"] == "Islamabad"


def test_a_pair_sharing_a_plural_head_is_one_place():
    text = "ABUJA (Newswire) - Troops freed 17 hostages in Kebbi and Sokoto states on Friday."
    assert _places(text)["freed"] == "Kebbi and Sokoto states"


def test_of_a_town_and_the_region_holding_it_before_the_act_the_town_is_its_place():
    text = "Militants raided a farm near Mubi in Adamawa state on Sunday, abducting six workers."
    assert _places(text)["abducting"] == "Mubi"


def test_a_place_attacked_is_the_place_of_what_the_attack_goes_on_to_do():
    text = "KHARTOUM (Newswire) - Paramilitary fighters stormed Kadugli overnight, killing 30 civilians, medics said."
    assert _places(text)["killing"] == "Kadugli"


def test_an_outbreak_given_no_place_in_a_story_filed_from_abroad_is_the_main_places_country():
    text = ("GENEVA (Newswire) - Cholera cases rose to 400 in Nampula, Mozambique's health ministry said.\n\n"
            "The outbreak began in January.")
    assert _places(text)["outbreak"] == "Mozambique"


def test_a_race_won_is_the_place_of_the_body_it_elects():
    text = "WASHINGTON (AP) — Democrat Jane Roe won the Ohio Senate race on Tuesday, defeating two rivals."
    assert _places(text)["won"] == "Ohio"


def test_the_storys_last_place_before_a_place_of_a_clause_about_someone_else():
    text = ("A judge in Manhattan sentenced a former banker to eight years on Thursday.\n\n"
            "The banker, who lived in Lyon, was convicted in March.")
    assert _places(text)["convicted"] == "Manhattan"


def test_a_region_a_storm_battered_is_the_place_of_its_toll():
    text = "KARACHI (Newswire) - Heavy rain battered Thatta district for a third day, killing 14 people."
    assert _places(text)["killing"].startswith("Thatta")
    text = "KARACHI (Newswire) - Heavy rain battered Kachho district for a third day, killing 14 people."
    assert _places(text)["killing"] == "Kachho district"


def test_a_raid_on_a_city_named_by_its_territory_is_in_that_city():
    text = "GAZA CITY (Newswire) - Troops raided the West Bank city of Tulkarm on Monday, arresting 12 people."
    assert _places(text)["raided"] == "Tulkarm"


def test_a_region_of_a_name_with_a_lower_case_article_keeps_the_whole_name():
    text = "DAMASCUS (Newswire) - Troops arrested a commander in a raid in Deir ez-Zor province on Thursday."
    assert _places(text)["raid"] == "Deir ez-Zor"


def test_a_finer_place_of_another_country_does_not_replace_the_country():
    text = ("JERUSALEM (Newswire) - The army said it struck targets in southern Lebanon after rockets were "
            "fired toward the northern town of Metula.")
    assert _places(text)["struck"] == "Lebanon"
