"""Who did it across the clause structures of news English: a speaker named after the verb, subjects set off
by asides and coordinated, a relative pronoun without its comma, a pronoun subject, a possessive before an
event's noun, a people noun as a modifier, an unnamed spokesperson, an owner before the one it owns, a
description of a group or a country named before."""

import datetime as dt

import pytest

from newswire.processors.actors import find_actors
from newswire.processors.extract import extract

MONDAY = dt.date(2026, 3, 9)


def event(text, trigger):
    hits = [e for e in extract(text, MONDAY).events if e.trigger == trigger]
    assert len(hits) == 1, [(e.trigger, e.actors) for e in extract(text, MONDAY).events]
    return hits[0]


def agents(text, trigger):
    return [a.name for a in event(text, trigger).actor_details if a.relation != "patient"]


@pytest.mark.parametrize("text, speaker", [
    ("Troops shelled three villages near the river, said the Ministry of Defence on Sunday.", "Ministry of Defence"),
    ('"The convoy was hit twice," said a senior Hezbollah official.', "Hezbollah"),
    ("Floods destroyed 300 homes across Malawi, reports Reuters.", "Reuters"),
])
def test_the_one_named_right_after_an_inverted_saying_verb_said_it(text, speaker):
    assert agents(text, event_trigger(text)) == [speaker]


def event_trigger(text):
    return next(w for w in ("said", "reports") if f" {w} " in text)


def test_a_named_speaker_keeps_the_statement_when_a_place_follows_the_verb():
    text = "Ana Ruiz, the mayor's lawyer, said in an email to the Associated Press that the vote was fair."
    assert agents(text, "said") == ["Ana Ruiz"]


def test_told_is_not_inverted():
    text = "Omar Haddad, a senior analyst at Corvell, told Reuters the fighting would go on."
    assert event(text, "told").actors[0] == "Omar Haddad"


def test_subjects_each_set_off_by_an_aside_are_one_group():
    text = ("Later, Tom Askew, a former envoy to Kyiv, and Mary Pole, another top aide, testified before the "
            "committee.")
    assert agents(text, "testified") == ["Tom Askew", "Mary Pole"]


def test_a_party_tag_set_off_after_a_lawmaker_is_not_the_subject():
    text = "In October, Rep. Dana Hill, R-Ohio, visited the flooded towns."
    assert agents(text, "visited") == ["Rep. Dana Hill"]


def test_a_name_continued_after_a_comma_is_no_aside():
    text = "Jo Park, head of sales for Brennic, Inc., says the recall is over."
    assert agents(text, "says") == ["Jo Park"]


def test_who_without_a_comma_refers_to_the_name_before_it():
    text = "The three leaders of the National Unity Party who led a protest march were arrested."
    assert agents(text, "protest") == ["National Unity Party"]


def test_it_after_a_saying_verb_is_the_speaker():
    text = "The Health Ministry said on March 3 that it had deployed 40 teams to the region."
    assert agents(text, "deployed") == ["Health Ministry"]


def test_it_elsewhere_is_the_body_named_last_in_the_paragraph():
    text = "Residents fled as the Vandor Mining Company expanded the pit, which it acquired in 2017."
    assert "Vandor Mining Company" in agents(text, "acquired")


@pytest.mark.parametrize("text, trigger, who", [
    ("Jonas Pike was convicted in May. His sentencing is set for June.", "sentencing", "Jonas Pike"),
    ("The National Unity Party lost two seats. Their protest drew 3,000 people.", "protest",
     "National Unity Party"),
])
def test_a_possessive_before_an_events_noun_is_the_one_named_last(text, trigger, who):
    assert event(text, trigger).actors == (who,)


def test_a_possessive_before_a_verb_phrase_is_no_owner():
    text = "Engineers from Norway joined the study. The researchers believe their investment has paid off."
    assert "Norway" not in event(text, "paid").actors


def test_a_people_noun_as_a_modifier_did_it():
    assert agents("Other teacher protests were held last year in three states.", "protests") == ["teachers"]


@pytest.mark.parametrize("text", [
    "The Ministry of Water did not accept the offer. A spokesperson who declined to be named said it had no funds.",
    "The Ministry of Water did not accept the offer. A ministry spokesman said it had no funds.",
])
def test_an_unnamed_spokesperson_speaks_for_the_body_named_before(text):
    assert agents(text, "said") == ["Ministry of Water"]


def test_the_bodys_own_spokesman_speaks_for_it():
    text = "The Health Ministry confirmed the deaths on Friday. The ministry's spokesman said two more died."
    assert agents(text, "said") == ["Health Ministry"]


def test_an_owner_before_the_one_it_owns_is_no_actor():
    text = "The agency hired Ann Vole's Lunar Freight for the mission."
    actors = event(text, "hired").actors
    assert "Lunar Freight" in actors and "Ann Vole" not in actors


def test_the_owned_after_by_is_the_agent_of_a_passive():
    text = "Austria says it was the first victim, having been annexed by Hitler's Germany in 1938."
    assert [a.name for a in event(text, "annexed").actor_details if a.relation == "agent"] == ["Germany"]


def test_was_before_an_ing_verb_is_no_passive():
    text = "Acme Holdings announced that it was withdrawing its filing."
    assert [(a.name, a.relation) for a in event(text, "withdrawing").actor_details] == [("Acme Holdings", "agent")]


def test_a_leadership_noun_does_not_break_a_pair():
    text = "Direct talks have taken place in Doha between the Hamas leadership and the United States."
    assert set(event(text, "talks").actors) >= {"Hamas", "United States"}


def test_a_described_group_is_the_group_named_before():
    text = "Hamas freed two captives on Friday. Officials from the Palestinian militant group told AFP more would follow."
    assert event(text, "told").actors[0] == "Hamas"


def test_the_countrys_military_is_the_country_named_before():
    found = find_actors("Peru closed the border. The country's military was placed on high alert.")
    assert [(a.name, a.kind) for a in found] == [("Peru", "country"), ("Peru", "country")]


def test_the_countrys_other_nouns_name_no_actor():
    found = find_actors("Syrians fled to Jordan when the country's civil war began.")
    assert [(a.name, a.start) for a in found] == [("Syrians", 0), ("Jordan", 16)]


def test_the_speaker_before_a_passive_had_nothing_done_to_it():
    text = "The Disaster Management Authority said 45 people were killed in the floods."
    assert "Disaster Management Authority" not in event(text, "killed").actors


def test_the_speaker_right_before_said_is_not_joined_to_the_clause_before_it():
    text = "Drones struck a camp near Jilib against al-Shabaab militants, the Joint Task Force said in a statement."
    assert agents(text, "said in a statement") == ["Joint Task Force"]


def test_a_country_list_still_speaks_together():
    text = "Israel, Egypt and Qatar said the talks would resume."
    assert agents(text, "said") == ["Israel", "Egypt", "Qatar"]


def test_an_object_that_only_looks_like_a_people_noun_is_no_actor():
    text = "The regulators are demanding answers from the utility."
    assert "answers" not in event(text, "demanding").actors


def test_a_participle_after_a_comma_has_the_sentences_subject():
    text = "Separately, Iraqi security forces raided a hideout of the Islamic State group, detaining four suspects."
    assert agents(text, "detaining") == ["Iraqi security forces (Iraq)"]


@pytest.mark.parametrize("text, speaker", [
    ("U.S. Central Command forces struck a camp in Syria, killing a commander of the group, the command said.",
     "U.S. Central Command"),
    ("Israeli troops raided a camp in Jenin overnight, the army said.", "Israeli army (Israel)"),
])
def test_the_command_or_the_army_that_speaks_is_the_one_named_before(text, speaker):
    assert agents(text, "said") == [speaker]


def test_the_army_after_a_group_named_before_stays_a_description():
    text = "Hamas fired rockets at a town in the south, the army said."
    assert agents(text, "said") == ["army"]


def test_the_state_in_a_demonym_trigger_did_it():
    text = "Israeli air strikes hit the camp on Saturday."
    assert event(text, "air strikes").actors == ("Israel",)


def test_speakers_joined_before_a_relative_clause_speak_together():
    text = "Qatar and Egypt, which have mediated between the two sides, said talks would resume next week."
    assert agents(text, "said") == ["Qatar", "Egypt"]


def test_the_state_whose_missile_it_was_is_the_agent_of_the_passive():
    text = "The hospital was hit by a Russian missile, officials said."
    assert [a.name for a in event(text, "hit").actor_details if a.relation == "agent"] == ["Russia"]


def test_objects_joined_across_an_aside_are_all_patients():
    text = ("Democratic lawmakers questioned Tom Askew, a Ukraine specialist at the council, and Mary Pole, an aide "
            "to the vice president.")
    patients = [a.name for a in event(text, "questioned").actor_details if a.relation == "patient"]
    assert patients == ["Tom Askew", "Mary Pole"]


def test_the_agent_of_a_passive_can_own_the_one_after_by():
    text = "The label, which was bought out by a company owned by Ana Ruiz Ferreira, released the album."
    assert [a.name for a in event(text, "bought out").actor_details if a.relation == "agent"] == ["Ana Ruiz Ferreira"]


def test_a_participle_that_opens_the_sentence_has_the_main_clauses_subject():
    text = "Having carried out a compulsory purchase of the farm, Austria will invite architects to submit plans."
    assert agents(text, "purchase") == ["Austria"]


def test_a_temporal_opening_phrase_does_not_lend_the_main_subject():
    text = "During a search of the garage on Monday, Ana Ruiz Ferreira found two rifles."
    assert "Ana Ruiz Ferreira" not in event(text, "search").actors


def test_his_at_the_head_of_a_paragraph_is_the_person_named_before_it():
    text = ("Tom Askew agreed a deal with the club on Tuesday.\n\n"
            "The 56-year-old said after his appointment that he was excited.")
    assert event(text, "appointment").actors == ("Tom Askew",)


def test_it_done_to_is_no_body():
    text = "The Health Ministry tracks the plague. It was detected in two villages last week."
    assert "Health Ministry" not in event(text, "detected").actors


def test_an_inverted_speaker_is_not_replaced_by_a_name_before_the_last_comma():
    text = ("Security forces fired on crowds in 20 cities across Iran, which had risen over fuel prices, said Amnesty "
            "International on Tuesday.")
    assert agents(text, "said") == ["Amnesty International"]


def test_an_unnamed_spokesperson_speaks_for_a_body_named_with_and():
    text = ("Customs and Border Protection did not accept the offer. A spokesperson who declined to be named said the "
            "agency had no funds.")
    assert agents(text, "said") == ["Customs and Border Protection"]


@pytest.mark.parametrize("text, trigger, body", [
    ("Rockets hit a town in the north, the army said.", "said", "army"),
    ("The deportees landed at 6am, an airport official said.", "said", "airport official"),
    ("The army shelled the town on Monday.", "shelled", "army"),
])
def test_a_body_no_name_was_given_for_is_its_description(text, trigger, body):
    assert agents(text, trigger) == [body]


def test_a_verb_after_but_shares_the_sentences_subject():
    text = "The Norwegian inquiry had been shelved in 2017 but was reopened this year."
    assert event(text, "reopened").actors == ("Norway",)


def test_a_description_that_opens_the_sentence_is_the_person_named_before():
    text = "Jonas Pike left the embassy in April. The 48-year-old Australian was evicted in April and sentenced to a year."
    assert event(text, "sentenced").actors == ("Jonas Pike",)
