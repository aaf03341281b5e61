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


@pytest.mark.parametrize("text, members", [
    ("Democratic lawmakers questioned the envoy.", "Democrats"),
    ("Republican senators blocked the bill.", "Republicans"),
    ("Conservative MPs voted against the budget.", "Conservatives"),
])
def test_a_partys_adjective_before_its_members_is_the_party(text, members):
    assert names(text)[0] == (members, "group")


def test_a_partys_own_name_stays():
    assert names("The Democratic Party won the seat.") == [("Democratic Party", "organisation")]


def test_a_hyphenated_title_makes_a_person_with_that_role():
    [head] = find_actors("WHO Director-General Ana Ruiz Ferreira said the outbreak was over.")
    assert (head.name, head.kind, head.role) == ("Ana Ruiz Ferreira", "person", "who director-general")


@pytest.mark.parametrize("text, group", [
    ("The Islamic State group claimed the bombing.", "Islamic State"),
    ("Boko Haram fighters raided the village.", "Boko Haram"),
])
def test_armed_groups_are_groups(text, group):
    assert (group, "group") in names(text)


def test_the_dateline_names_no_actor():
    text = "KABUL, Afghanistan (AP) — Gunmen attacked a checkpoint in Kunduz on Friday."
    assert "Afghanistan" not in [n for n, _ in names(text)]


def test_an_adjective_that_starts_a_sentence_is_no_name():
    assert names("Heavy rains triggered landslides in the hills.") == []


def test_a_company_that_starts_a_sentence_before_its_staff_stays_a_name():
    assert ("Zelkora", "organisation") in names("Zelkora employees have waited weeks for the notice.")


@pytest.mark.parametrize("text, body", [
    ("California's utilities regulators are demanding answers.", "California's utilities regulators"),
    ("The disaster management agency said 40 houses collapsed.", "disaster management agency"),
])
def test_a_regulator_or_a_relief_body_described_is_an_organisation(text, body):
    assert (body, "organisation") in names(text)


@pytest.mark.parametrize("text, body", [
    ("Marines of the 26th Marine Expeditionary Unit evacuated the port.", "26th Marine Expeditionary Unit"),
    ("On Monday, Big Harbour Records issued a statement.", "Big Harbour Records"),
])
def test_a_bodys_name_keeps_its_first_word(text, body):
    assert (body, "organisation") in names(text)


def test_a_geological_survey_is_an_organisation():
    assert ("U.S. Geological Survey", "organisation") in names("The quake was recorded by the U.S. Geological Survey.")


@pytest.mark.parametrize("text, office", [
    ("The ministry of health said two patients died.", "ministry of health"),
    ("The department of the interior closed the park.", "department of the interior"),
])
def test_an_office_written_in_lower_case_keeps_its_field(text, office):
    assert names(text) == [(office, "organisation")]


def test_a_capitalised_office_of_a_country_stays_one_actor():
    text = "Jobs rose, the Bureau of Labor Statistics of the U.S. Department of Labor reported today."
    assert [n for n, _ in names(text)] == ["Bureau of Labor Statistics of the U.S. Department of Labor"]


@pytest.mark.parametrize("text, country", [
    ("Authorities in Peru said the road was closed.", "Peru"),
    ("Officials in northern Ghana reported two deaths.", "Ghana"),
    ("The government in Chile imposed a curfew.", "Chile"),
])
def test_authorities_placed_in_a_country_are_the_country(text, country):
    assert (country, "country") in names(text)


def test_authorities_placed_in_a_town_stay_authorities():
    assert ("Authorities", "organisation") in names("Authorities in Lyon said the road was closed.")


@pytest.mark.parametrize("text, person", [
    ("The plan will fail, said Lucia de Moraes, an economist at the bank.", "Lucia de Moraes"),
    ("Prices will rise, Pieter van der Berg told reporters.", "Pieter van der Berg"),
    ("Jürgen Müller said the talks had failed.", "Jürgen Müller"),
])
def test_a_persons_name_with_particles_or_accents_is_one_person(text, person):
    assert (person, "person") in names(text)


def test_a_paragraph_break_is_no_part_of_an_institutions_name():
    found = find_actors("The storm passed.\n\nAuthorities closed two roads on Friday.")
    assert [(a.start, a.written, a.kind) for a in found] == [(19, "Authorities", "organisation")]


@pytest.mark.parametrize("text, name", [
    ("Zenvia cut 400 jobs on Thursday.", "Zenvia"),
    ("Korvex sold its shipping arm in May.", "Korvex"),
])
def test_a_one_word_name_before_an_irregular_past_is_a_subject(text, name):
    assert (name, "organisation") in names(text)


def test_a_groups_word_at_the_head_of_a_capitalised_name_is_no_group():
    found = names("Farmers Without Frontiers said the harvest failed. Farmers blocked the road.")
    assert found.count(("farmers", "group")) == 1


def test_a_name_with_an_arabic_article_is_one_person():
    assert ("Samir al-Hakim", "person") in names("The agency's spokesman, Samir al-Hakim, said 20 people died.")


def test_an_owners_name_and_an_arabic_article_stay_apart():
    assert not any("’s al-" in n for n, _ in names("Jordan’s al-Karama crossing reopened on Monday."))


def test_a_number_spelled_at_the_head_is_no_name():
    assert names("Fourteen patients have died.") == []
