"""Who did it, read from the structure of the sentence: a demonym before a state's act, the agent of a
passive without its "be", a subject set off by an appositive, a name set off by commas before its verb."""

import datetime as dt

import pytest

from newswire.processors.actors import find_actors
from newswire.processors.extract import extract

FRIDAY = dt.date(2026, 3, 6)


def actors_of(text, trigger):
    hits = [e for e in extract(text, FRIDAY).events if e.trigger == trigger]
    assert len(hits) == 1, [(e.trigger, e.actors) for e in extract(text, FRIDAY).events]
    return hits[0]


@pytest.mark.parametrize("text, country, demonym", [
    ("The Norwegian inquiry was closed in 2022.", "Norway", "Norwegian"),
    ("Overnight, Russian shelling hit the port.", "Russia", "Russian"),
    ("New Chinese tariffs took effect on Monday.", "China", "Chinese"),
])
def test_a_demonym_before_a_state_act_is_the_state(text, country, demonym):
    found = find_actors(text)
    assert [(a.name, a.kind) for a in found] == [(country, "country")]
    assert text[found[0].start:found[0].end] == demonym   # the demonym only: the act may be the trigger


def test_the_state_of_a_state_act_is_the_agent_of_its_passive():
    event = actors_of("The Norwegian inquiry was closed in 2022.", "closed")
    assert event.actors == ("Norway",)


def test_a_passive_without_be_takes_the_agent_after_by():
    event = actors_of("Teachers criticised the spending plan approved by Democrats in May.", "approved")
    assert [(a.name, a.relation) for a in event.actor_details] == [("democrats", "agent")]


def test_a_subject_set_off_by_appositives_is_the_agent():
    text = ("Col. Dana Whitfield, a spokeswoman for the task force, the coalition's air wing in the region, "
            "told reporters the convoy was safe.")
    assert actors_of(text, "told").actors[0] == "Col. Dana Whitfield"


def test_a_subject_set_off_by_dashes_is_the_agent():
    text = "The Arctic Council - which meets twice a year in Tromso - rejected the proposal."
    assert actors_of(text, "rejected").actors == ("Arctic Council",)


def test_a_name_set_off_by_commas_before_the_verb_is_the_agent():
    text = "The firm that owns the stadium, Harbor Leisure, announced a sale on Tuesday."
    assert actors_of(text, "announced").actors == ("Harbor Leisure",)


def test_an_acronym_takes_the_name_the_text_defines_later():
    text = ("On Monday, NTSB said the pilot had reported icing. The National Transportation Safety Board "
            "(NTSB) will publish its findings next year.")
    assert actors_of(text, "said").actors == ("National Transportation Safety Board (NTSB)",)


def test_an_acronym_defined_after_a_name_with_commas():
    text = ("The Ministry of Lands, Housing and Water (MLHW) approved the plan on Monday. "
            "Later, MLHW said the work would start in May.")
    assert actors_of(text, "said").actors == ("Ministry of Lands, Housing and Water (MLHW)",)


def test_a_tag_in_parentheses_is_no_actor():
    text = "Rep. Ada Lind (D-Ore.) visited the plant on Tuesday."
    assert actors_of(text, "visited").actors == ("Rep. Ada Lind",)


def test_a_source_after_according_to_the_is_no_actor():
    text = "Mayor Ines Dorado, according to the city council, made a surprise trip to the dam."
    assert actors_of(text, "trip").actors == ("Mayor Ines Dorado",)


@pytest.mark.parametrize("text, trigger, mover, country", [
    ("Copper prices fell on Friday.", "fell", "Copper prices", None),
    ("Brazil's Bovespa index .BVSP declined 1.2%.", "declined", "Bovespa", "BR"),
    ("The Hang Seng Index (HSI) rose 0.8%, traders said.", "rose", "Hang Seng Index", None),
])
def test_what_moved_is_the_phrase_before_the_verb(text, trigger, mover, country):
    event = actors_of(text, trigger)
    assert event.actors == (mover,)
    assert event.actor_details[0].country_code == country


def test_a_description_of_a_body_right_before_said_is_the_speaker_not_the_sentence_subject():
    text = "Rescuers pulled two men from the lake, the coast guard office said."
    assert actors_of(text, "said").actors == ("coast guard office",)
    assert actors_of("The coast guard office said it would help.", "said").actors == ("coast guard office",)
    assert actors_of("Rebels seized the port, the army said.", "said").actors != ("Rebels",)


def test_a_description_takes_the_body_named_before():
    text = ("The Veltra Safety Commission opened an inquiry on Monday. Divers pulled two men from the lake, "
            "the commission said.")
    assert actors_of(text, "said").actors == ("Veltra Safety Commission",)


def test_a_pronoun_or_a_function_word_is_not_what_moved():
    assert actors_of("He fell from the ladder.", "fell").actors != ("He",)
    assert actors_of("Costs climbed as revenue fell in May.", "fell").actors == ("revenue",)


def test_an_acronym_long_form_ends_at_its_last_name_word():
    text = ("The Bureau of Mines and, for a time, the army ran the site. "
            "BM said on Monday that the site was safe.")
    assert "," not in actors_of(text, "said").actors[0]


def test_a_name_set_off_at_the_head_of_the_sentence_is_the_agent():
    text = "Fisheries and Oceans Canada, part of the federal cabinet, did not approve the quota."
    assert actors_of(text, "did not approve").actors == ("Fisheries and Oceans Canada",)
    # a date or a preposition at the head is no name: the body described before the aside speaks
    assert actors_of("On Monday, the ministry, citing new data, said the rate fell.", "said").actors == ("ministry",)


def test_a_second_verb_of_the_subject_takes_the_subject():
    text = "Minister Lea Brandt met the striking nurses and paid a visit to the ward."
    assert actors_of(text, "paid a visit").actors[0] == "Minister Lea Brandt"


def test_a_place_at_the_head_of_the_sentence_is_not_its_subject():
    text = "At the Town Hall, Mayor Ivo Sand spoke briefly and praised the volunteers."
    assert "Town Hall" not in actors_of(text, "praised").actors
