"""A trigger's clause, object and use (``processors.event_senses``): modal, planned and negated acts,
other senses of a trigger word, generic nouns. Each case has a twin that stays an event."""

import datetime as dt

import pytest

from newswire.processors.extract import extract

FRIDAY = dt.date(2026, 3, 6)


def triggers(text):
    return [e.trigger for e in extract(text, FRIDAY).events]


@pytest.mark.parametrize("text, absent", [
    ("The pact would allow both leaders to claim an easy victory.", "victory"),
    ("The ministry plans to hold fresh elections in the spring.", "elections"),
    ("Brokers were not expecting a broad rally this week.", "rally"),
    ("Nobody was hurt in the blaze.", "hurt"),
    ("The senator threatened to impose sanctions on the port.", "sanctions"),
    ("The governor may soon order an evacuation of the coast.", "evacuation"),
    ("The firm hopes to announce layoffs in June.", "layoffs"),
])
def test_an_act_under_a_modal_a_plan_or_a_negation_is_no_event(text, absent):
    assert absent not in triggers(text)


@pytest.mark.parametrize("text, kept", [
    ("Police will investigate the shooting near the stadium.", "shooting"),   # a definite noun: it happened
    ("No group has claimed the bombing of the bridge.", "bombing"),
    ("Officials did not say how many people were killed.", "killed"),         # "how" opens a new clause
    ("The storm could not be stopped, and it flooded the town.", "flooded"),  # "and" opens a new clause
    ("The utility was set to begin power cuts on Wednesday.", "power cuts"),   # a scheduled act is reported
])
def test_an_act_outside_the_negated_or_modal_clause_stays(text, kept):
    assert kept in triggers(text)


@pytest.mark.parametrize("text, absent", [
    ("The senator raised concerns about the budget.", "raised"),
    ("Quarterly revenue fell short of forecasts.", "fell"),
    ("Residents reported hearing gunfire near the depot.", "hearing"),
    ("The reform hit a snag in the upper house.", "hit"),
    ("Envoys urged a political settlement of the conflict.", "settlement"),
    ("The band's new album was released on Friday.", "released"),
    ("The inmate hanged himself in his cell.", "hanged"),
    ("The council pledged to step up its fight against corruption.", "fight"),
    ("Doctors found a condition called sarcoidosis.", "called"),
    ("The sedan has a stiffer rear suspension.", "suspension"),
    ("The laptop brings back a physical escape key.", "escape"),
    ("The retired coach died of a heart attack at his farm.", "attack"),
    ("She had an asthma attack during the race.", "attack"),
])
def test_another_sense_of_the_trigger_word_is_no_event(text, absent):
    assert absent not in triggers(text)


@pytest.mark.parametrize("text, kept", [
    ("The charity raised $2 million for the victims.", "raised"),
    ("Shares fell 3 percent in early trade.", "fell"),
    ("The court scheduled a hearing for Monday.", "hearing"),
    ("The insurer reached a settlement with the families.", "reached"),
    ("The rebels released two hostages on Sunday.", "released"),
    ("The minister called the decision a disgrace.", "called"),
    ("The league announced a two-game suspension for the striker.", "suspension"),
])
def test_the_happening_sense_of_the_same_words_stays(text, kept):
    assert kept in triggers(text)


@pytest.mark.parametrize("text, absent", [
    ("Violence is a problem in many border towns.", "Violence"),
    ("Floods are common in the delta.", "Floods"),
    ("The law makes it a crime to make threats against judges.", "threats"),
    ("Landslides often block the mountain road in the rainy season.", "Landslides"),
])
def test_a_generic_noun_is_no_event(text, absent):
    assert absent not in triggers(text)


def test_a_specific_happening_with_a_copula_stays():
    assert "hearings" in triggers("The impeachment hearings are the first since 1998.")
    assert "investigations" in triggers("Two investigations are under way.")
