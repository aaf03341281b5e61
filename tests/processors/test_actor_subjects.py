"""Subjects described by their kind or by whom they belong to, with no name."""

from __future__ import annotations

from newswire.processors.actor_roles import event_actors
from newswire.processors.actors import find_actors
from newswire.processors.sentences import split_sentences


def agents(text: str, trigger: str) -> list[str]:
    found = find_actors(text)
    at = text.index(trigger)
    sent = next(s for s in split_sentences(text) if s.start <= at < s.end)
    return [a.name for a in event_actors(text, found, [a.start for a in found], sent.start, sent.end, at,
                                         at + len(trigger)) if a.relation == "agent"]


def test_a_body_named_by_its_kind_is_the_subject():
    assert agents("The ruling party won a clear majority in the assembly vote.", "won") == ["ruling party"]
    assert agents("The main opposition party boycotted the runoff.", "boycotted") == ["main opposition party"]
    assert agents("A court in Lagos sentenced the two men to life in prison.", "sentenced") == ["court in Lagos"]   # named with its seat (actor_courts)
    assert agents("The coast guard suspended the search for the missing divers.", "suspended") == ["coast guard"]


def test_an_aside_between_the_body_and_its_verb():
    assert agents("The opposition candidate, a former mayor, conceded defeat on Sunday.", "conceded") == [
        "opposition candidate"]


def test_people_of_someone_are_the_people():
    assert agents("Supporters of the jailed senator blocked the main road.", "blocked") == ["supporters"]


def test_a_title_of_several_words_ends_in_the_person():
    [person] = [a for a in find_actors("Navy Chief of Staff Adm. Lena Marsh toured the shipyard.")]
    assert (person.name, person.kind) == ("Lena Marsh", "person")
    # a first name that is also a town's name ("Austin") does not unmake the person
    [secretary] = find_actors("Secretary of Energy Austin Belford met the board.")
    assert (secretary.name, secretary.kind, secretary.role) == ("Austin Belford", "person", "secretary of energy")


def test_it_after_said_in_a_statement_is_the_speaker():
    assert agents("The army said in a statement it had repelled an attack by bandits on a base.",
                  "repelled") == ["army"]


def test_a_capitalised_modifier_of_an_unnamed_body():
    assert agents("The Republican candidate conceded the race on Wednesday.", "conceded") == ["Republican candidate"]


def test_teams_and_crews_are_people_that_act():
    assert agents("Search and rescue teams recovered four bodies from the river.", "recovered") == ["teams"]
