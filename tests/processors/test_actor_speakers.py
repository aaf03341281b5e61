"""Unnamed speakers of wire copy: sources, witnesses, spokespeople named by their body, listeners."""

from __future__ import annotations

from tests.processors.test_actors import actors_of as _actors_of


def actors_of(text: str, trigger: str, statement: bool = True) -> list[tuple[str, str]]:
    return _actors_of(text, trigger, statement)


def test_what_was_said_holds_no_actor_of_the_saying():
    assert actors_of("Witnesses said soldiers fired into the crowd near the market.", "said") == [
        ("witnesses", "agent")]
    assert actors_of("Police said the gunman escaped on foot.", "said") == [("police", "agent")]


def test_a_saying_phrase_keeps_its_names():
    # "said in a statement to X": not what was said, so X stays with the saying
    names = [n for n, _ in actors_of("Dr. Mira Osei said in a speech to the Regional Health Council that cases fell.",
                                     "said")]
    assert names[0] == "Dr. Mira Osei" and len(names) == 2


def test_the_one_told_is_no_speaker():
    assert actors_of("Rebels took the pass after days of fighting, a local official told Reuters.", "told")[0] == (
        "local official", "agent")


def test_unnamed_sources_speak():
    assert actors_of("Gunmen burned the clinic in the village, security sources said.", "said") == [
        ("security sources", "agent")]


def test_a_spokesperson_named_by_the_body_speaks_for_it_not_for_the_last_name():
    assert actors_of("Bandits kidnapped nine traders on the highway, a police spokesman said.", "said") == [
        ("police spokesman", "agent")]
    text = "The Ruritanian National Police raided a warehouse. A police spokeswoman said 12 suspects were held."
    assert actors_of(text, "said") == [("Ruritanian National Police", "agent")]


def test_a_company_spokesperson_still_stands_for_the_company_named_before():
    text = "The Baltic Shipping Company closed its yard on Monday. A company spokesperson said the workers were safe."
    assert actors_of(text, "said") == [("Baltic Shipping Company", "agent")]


def test_a_capitalised_body_before_said_and_the_unnamed_monitors_and_staff():
    assert actors_of("Troops cleared the ridge at Camp Verin, the Army said in a release.", "said") == [
        ("Army", "agent")]
    assert actors_of("Government forces shelled the hills overnight, a war monitor said.", "said") == [
        ("war monitor", "agent")]
    assert actors_of("Our units repelled an assault near the river, the general staff said.", "said") == [
        ("general staff", "agent")]
