"""A noun event that is the object of a light verb was done by the verb's subject (processors.actor_light_verbs)."""

from newswire.processors.extract import extract


def _actors(text: str, trigger: str) -> list[tuple[str, str]]:
    at = text.index(trigger)
    [event] = [e for e in extract(text, None).events if e.start == at]
    return [(a.name, a.relation) for a in event.actor_details]


def test_the_subject_of_a_light_verb_did_the_noun_event():
    text = "In March, insurgents enforced a two-week blockade of the highway into the valley."
    assert ("insurgents", "agent") in _actors(text, "blockade")


def test_a_reported_light_verb_keeps_its_subject():
    text = "The statement said militiamen had mounted an ambush on a convoy near the river."
    assert _actors(text, "ambush")[0] == ("militiamen", "agent")
