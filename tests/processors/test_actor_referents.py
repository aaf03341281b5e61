"""Agents named by reference (processors.actor_referents): a described armed group, a noun event's "by" phrase,
a leader's aside, the body reporting its own arrests, and a state's body named by its demonym."""

from newswire.processors.actor_referents import body_label, state_name
from newswire.processors.actor_roles import event_actors
from newswire.processors.actors import find_actors
from newswire.processors.sentences import split_sentences
from tests.processors.test_actors import actors_of


def kind_actors(text, trigger, kind):
    """The actors of the one-sentence ``text``'s event ``trigger`` of type ``kind``."""
    found = find_actors(text)
    at = text.index(trigger)
    sent = split_sentences(text)[0]
    return [(a.name, a.relation) for a in event_actors(text, found, [a.start for a in found], sent.start, sent.end,
                                                       at, at + len(trigger), kind=kind)]


def test_described_group_is_the_group_named_last():
    text = ("ISWAP militants overran an outpost near the river on Monday. "
            "The fighters burned three trucks before withdrawing.")
    assert actors_of(text, "burned")[0] == ("ISWAP", "agent")


def test_the_group_is_the_group_named_last():
    text = ("Boko Haram has stepped up raids this year. The group launched an offensive in the north in June, "
            "local officials said.")
    assert actors_of(text, "launched")[0] == ("Boko Haram", "agent")


def test_noun_event_agent_after_by():
    text = "The market town has been cut off by a siege by armed bandits for two months."
    assert actors_of(text, "siege")[0] == ("armed bandits", "agent")


def test_leader_aside_is_not_the_subject():
    text = "The Civic Renewal Party led by Ana Ruiz won 31 seats in the vote on Sunday."
    assert actors_of(text, "won")[0] == ("Civic Renewal Party", "agent")


def test_body_reporting_its_own_arrests_made_them():
    text = "Nine suspected poachers were arrested near the park overnight, the Kenya Wildlife Service said."
    assert ("Kenya Wildlife Service", "agent") in kind_actors(text, "arrested", "arrest")


def test_speaker_is_no_agent_of_a_killing():
    text = "Eleven villagers were killed near the park overnight, the Kenya Wildlife Service said."
    assert ("Kenya Wildlife Service", "agent") not in kind_actors(text, "killed", "casualties")


def test_state_body_keeps_its_words_and_its_state():
    names = {a.name for a in find_actors("The Nigerien army said it had repelled the assault. Kenyan police fired.")}
    assert "Nigerien army (Niger)" in names and "Kenyan police (Kenya)" in names
    assert body_label("Russian drones", "Russia") == "Russia"   # a weapon stands for the state
    assert state_name("Kenyan police (Kenya)") == "Kenya" and state_name("Kenya") == "Kenya"


def test_capitals_at_the_head_are_a_dateline_not_an_actor():
    text = "PORTO NOVO, Benin - The ruling party's candidate, Jean Houessou, claimed victory on Monday."
    assert actors_of(text, "claimed", statement=True)[0] == ("Jean Houessou", "agent")


def test_people_opening_the_sentence_did_the_noun_event_their_clause_acted_in():
    text = "Armed herders shot nine farmers in an ambush on the road to the market, officials said."
    assert actors_of(text, "ambush")[0] == ("armed herders", "agent")


def test_description_before_a_relative_pronoun_is_the_subject():
    text = "The council that banned the march last year has now lifted the order."
    assert actors_of(text, "banned")[0] == ("council", "agent")


def test_the_party_in_a_reported_clause_is_the_party_named_before():
    text = ("The Green Future Party lost ground, and its chairman, Ivo Petrov, said the party had lodged "
            "an appeal with the court.")
    assert actors_of(text, "lodged")[0] == ("Green Future Party", "agent")


def test_an_alliance_described_by_its_kind_is_the_subject():
    text = "The war began in 2014, when a largely northern rebel alliance seized the capital."
    assert actors_of(text, "seized")[0] == ("largely northern rebel alliance", "agent")


def test_a_capitalised_government_opening_the_sentence_is_the_second_verbs_subject():
    text = "The Government declared a state of emergency on Monday and requested help from its neighbours."
    assert actors_of(text, "requested")[0] == ("Government", "agent")
