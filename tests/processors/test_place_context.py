"""A sentence's place handed on to its paragraph, regions after a possessive, places naming a person's field."""

from __future__ import annotations

from newswire.processors.places import find_places
from newswire.processors.sentences import split_sentences


def layer(text):
    return find_places(text, split_sentences(text))


def place_of(text, word):
    at = text.index(word)
    found = layer(text).place_for(at, at + len(word))
    return found.text if found else None


def test_a_place_before_a_persons_field_is_no_place():
    text = "Lawmakers questioned Smith, a Belarus specialist at the council, and two Kenya analysts."
    assert [m.text for m in layer(text).mentions] == []


def test_the_paragraph_goes_on_in_the_main_clause_place_not_an_after_clause():
    text = ("Health officials in Kano confirmed a third case on Monday, after two travellers caught the disease "
            "in Lagos earlier this month. The patient was isolated along with nine relatives.")
    assert place_of(text, "isolated") == "Kano"


def test_an_after_clause_place_still_carries_where_the_sentence_names_no_other():
    text = "Police detained two men after a shooting in Lagos. The men were charged on Friday."
    assert place_of(text, "charged") == "Lagos"


def test_the_paragraph_goes_on_in_the_town_not_the_country_that_holds_it():
    text = "The army said it bombed a camp near Jilib, in Somalia, on Tuesday. The strike killed four fighters."
    assert place_of(text, "killed") == "Jilib"


def test_a_region_after_a_countrys_possessive_is_a_place_of_that_country():
    text = "Troops raided a village in Somalia's Middle Juba region on Tuesday. The raid killed four fighters."
    places = layer(text)
    region = next(m for m in places.mentions if m.text == "Middle Juba region")
    assert region.locative and places.resolved(region).name == "Somalia"
    assert place_of(text, "killed") == "Middle Juba region"


def test_a_direction_and_a_name_before_a_place_word_after_a_possessive_is_a_region():
    text = "Gunmen attacked a market in Chad's East Logone province on Friday, killing nine traders."
    assert place_of(text, "attacked") == "East Logone province"


def test_a_town_whose_name_holds_a_word_of_a_demonym_is_a_town_form():
    text = "The storm came ashore near Cayo Costa, Florida, on Wednesday."
    assert place_of(text, "ashore") == "Cayo Costa, Florida"


def test_a_states_own_body_acts_across_the_state_under_a_city_dateline():
    text = ("SACRAMENTO, Calif. (AP) — Power was cut to 20,000 homes on Monday. Meanwhile, California's energy "
            "regulators are demanding answers from the utility.")
    assert place_of(text, "demanding") == "California"
    # where nothing in the sentence places it, the state the story is about (it holds the dateline's city)
    assert place_of("SACRAMENTO, Calif. (AP) — California officials said the roads were closed.", "closed") \
        == "California"
    assert place_of("SACRAMENTO, Calif. (AP) — Officials said the roads were closed.", "closed") == "Sacramento"


def test_a_demonym_before_city_of_keeps_the_name_a_place():
    text = "Jets struck a building in the northern Syrian city of Aleppo on Monday, killing six people."
    assert place_of(text, "killing") == "Aleppo"
    assert layer(text).mentions[0].locative


def test_congo_as_news_writes_it():
    names = [(m.text, m.place.country_code) for m in layer(
        "Cholera spread in the Democratic Republic of Congo and in Congo's east, not in the Republic of Congo.").mentions]
    assert names == [("Democratic Republic of Congo", "CD"), ("Congo", "CD"), ("Republic of Congo", "CG")]


def test_a_parliament_of_no_one_country_names_no_capital():
    text = "Voters in France chose members of the European Parliament. The Italian Senate met on Monday."
    found = {m.text: m.place.name for m in layer(text).mentions}
    assert found == {"France": "France", "Senate": "Rome"}


def test_across_the_country_names_the_country_last_named_else_the_datelines():
    assert place_of("ROME (AP) — Farmers blocked roads across the country on Monday.", "blocked") == "Italy"
    text = "LONDON (Reuters) - Kenya's teachers went on strike nationwide on Monday."
    assert place_of(text, "strike") == "Kenya"
    assert layer("Farmers blocked roads across the country on Monday.").mentions == []


def test_across_the_country_does_not_make_the_country_the_storys_main_place():
    text = ("DENVER (AP) — Teachers rallied in Denver. Teachers have walked out across the country.\n\n"
            "Teachers rallied across the country last spring.\n\nThe union said it would strike again.")
    assert layer(text).main.text == "Denver"


def test_the_states_body_as_subject_is_the_datelines_state():
    text = "BOISE, Idaho (AP) — The campaign began on Monday. The state's health department paid for the ads."
    assert place_of(text, "paid") == "Idaho"
    text = "BOISE, Idaho (AP) — Nurse Jo Li, who opposed the state's plan, told reporters the ads were wrong."
    assert place_of(text, "told") == "Boise"


def test_a_country_striking_by_drone_acts_where_the_story_is_filed():
    from datetime import date

    from newswire.processors.extract import extract

    text = "Odesa, Ukraine — A Russian drone struck a grain terminal on Monday, port officials said."
    [struck] = [e for e in extract(text, date(2024, 5, 13)).events if text[e.start:e.end] == "struck"]
    assert struck.location == "Odesa"


def test_across_the_state_is_the_datelines_state():
    text = "RALEIGH, N.C. (AP) — Storms knocked out power to 9,000 homes across the state on Sunday."
    assert place_of(text, "Storms") == "North Carolina"


def test_the_part_a_possessive_place_names_is_the_finer_place():
    text = "A bomb killed nine people at a market in Herat's Injil district on Friday."
    assert place_of(text, "killed") == "Injil district"
    region = next(m for m in layer(text).mentions if m.text == "Injil district")
    assert layer(text).resolved(region).country_code == "AF"


def test_a_neighbourhood_of_a_two_word_city_is_a_place():
    text = "Shells hit homes in Mexico City's Tepito neighbourhood, wounding three people."
    assert place_of(text, "wounding") == "Tepito neighbourhood"


def test_names_with_a_lower_case_arabic_article_used_as_places():
    text = "Drones struck a camp near Beit al-Faqih on Monday. Gunfire was heard in Yemen's al-Mansura overnight."
    assert place_of(text, "struck") == "Beit al-Faqih"
    assert place_of(text, "Gunfire") == "al-Mansura"
    assert layer("Ministers met Ali al-Hakim on Monday in the capital.").mentions == []


def test_a_mixed_case_dateline_with_a_known_region_is_the_default_place():
    text = "Lahaina, Hawaii — The fire destroyed 2,000 homes on Thursday, officials said."
    places = layer(text)
    assert places.dateline is not None and places.dateline.text == "Lahaina"
    assert places.dateline.place.name == "Hawaii"
    assert layer("Smith — The fire destroyed homes.").dateline is None
