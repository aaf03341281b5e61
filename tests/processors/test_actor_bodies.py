"""A body named by its common noun right before the verb is its subject, and "the army" of a state whose soldiers
the story named is that state's army (processors.actor_bodies)."""

from newswire.processors.extract import extract


def _actors(text: str, trigger: str) -> list[tuple[str, str]]:
    at = text.index(trigger)
    [event] = [e for e in extract(text, None).events if e.start == at]
    return [(a.name, a.relation) for a in event.actor_details]


def test_the_body_right_before_the_verb_is_its_subject_not_the_state_named_earlier():
    text = "Ruritania has seen 9,000 murders since the government deployed troops against the cartels in 2011."
    assert _actors(text, "deployed")[0][0] == "government"


def test_the_army_of_a_state_whose_soldiers_were_named_is_that_states_army():
    text = ("Three Lebanese soldiers were wounded in a clash on Monday. "
            "Gunmen fired on a checkpoint, and the army sent reinforcements to the town.")
    assert _actors(text, "sent")[0][0] == "Lebanese army (Lebanon)"


def test_a_body_of_a_named_organisation_is_named_with_it():
    from newswire.processors.actors import find_actors
    text = "The Monetary Affairs Committee of the National Reserve Bank of Ruritania has decided to hold its main rate."
    assert [a.name for a in find_actors(text)] == ["Monetary Affairs Committee of the National Reserve Bank of Ruritania"]


def test_a_passive_judicial_act_is_the_courts_named_right_after_it():
    text = "Four men were sentenced on Friday in the Northern Appeals Court to ten years in prison for fraud."
    assert _actors(text, "sentenced")[0] == ("Northern Appeals Court", "agent")


def test_arrests_reported_by_a_titled_spokesman_are_his_bodys():
    text = "Army spokesman Col. Ana Ruiz said 14 suspects were arrested near the border on Monday."
    assert _actors(text, "arrested")[0] == ("army", "agent")


def test_a_community_of_states_is_one_body_not_two_people():
    from newswire.processors.actors import find_actors
    text = "Monitors from the Economic Community of Southern Ruritanian States said the count was orderly."
    assert [(a.name, a.kind) for a in find_actors(text)] == [   # its monitors (processors.actor_members)
        ("Economic Community of Southern Ruritanian States monitors", "organisation")]
