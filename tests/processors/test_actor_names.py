"""Names of actors as news English writes them: an office whose fields are listed ("Ministry of Health,
Labour and Welfare"), a place's name before a title, an adverb before a name, a country's government."""

import pytest

from newswire.processors.actors import find_actors


def names(text):
    return [(a.name, a.kind) for a in find_actors(text)]


@pytest.mark.parametrize("text, office", [
    ("The Ministry of Health, Labour and Welfare said two patients died.", "Ministry of Health, Labour and Welfare"),
    ("The Ministry of Agriculture, Forestry and Fisheries banned imports.",
     "Ministry of Agriculture, Forestry and Fisheries"),
    ("Staff at the Department of Housing, Planning and Local Government left early.",
     "Department of Housing, Planning and Local Government"),
])
def test_an_office_whose_fields_are_listed_is_one_name(text, office):
    assert names(text) == [(office, "organisation")]


def test_a_list_of_bodies_after_an_office_stays_apart():
    found = [n for n, _ in names("The Ministry of Health, Police and Army sent teams.")]
    assert "Ministry of Health" in found
    assert not any("Army" in n and "Ministry" in n for n in found)


def test_a_place_before_a_title_is_part_of_the_role():
    [noem] = find_actors("North Dakota Gov. Jane Ferris signed the bill.")
    assert (noem.name, noem.kind, noem.role) == ("Jane Ferris", "person", "north dakota gov")


def test_a_country_whose_name_starts_with_a_direction_keeps_it():
    assert names("North Korea's army fired three shells.") == [("North Korea", "country")]


@pytest.mark.parametrize("text", ["Now Okonjo faces five charges.", "Separately Okonjo faces five charges."])
def test_a_sentence_adverb_is_not_part_of_the_name(text):
    assert [a.written for a in find_actors(text)] == ["Okonjo"]


@pytest.mark.parametrize("text, country", [
    ("The US government on Monday extended the licence.", "United States"),
    ("Kenya's health officials confirmed the outbreak.", "Kenya"),
])
def test_a_countrys_government_or_officials_are_the_country(text, country):
    assert names(text) == [(country, "country")]


def test_a_named_office_of_a_country_keeps_its_words():
    assert names("Kenya's health ministry confirmed the outbreak.") == [("Kenya's health ministry", "organisation")]


@pytest.mark.parametrize("text, body", [
    ("Soldiers of the 3rd Infantry Division crossed the river.", "3rd Infantry Division"),
    ("The 1st Battalion returned home.", "1st Battalion"),
    ("Ukraine's General Staff reported the attack.", "General Staff"),
    ("The Centers for Disease Control and Prevention issued a warning.", "Centers for Disease Control and Prevention"),
    ("The World Food Programme halted deliveries.", "World Food Programme"),
])
def test_military_units_and_relief_bodies_are_organisations(text, body):
    assert (body, "organisation") in names(text)


def test_a_title_before_a_units_word_is_still_a_person():
    [sergeant] = find_actors("Staff Sgt. Lee Moran was wounded.")
    assert (sergeant.name, sergeant.kind) == ("Lee Moran", "person")
