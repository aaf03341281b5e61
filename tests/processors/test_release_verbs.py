"""Release language of many senses (``processors.event_release_phrases``): money allocated, goods handed out,
people held, troops crossing, statistics shown, election rounds, crowds rallying, named operations; and
the lexicon's own phrases widened ("found <name>, <age>, guilty", "reported missing", "pulled out alive").
Every sentence here is invented."""

import datetime as dt

import pytest

from newswire.processors.extract import extract

FRIDAY = dt.date(2026, 3, 6)


def found(text: str) -> list[tuple[str, str]]:
    return [(e.trigger, e.type) for e in extract(text, FRIDAY).events]


def triggers(text: str) -> list[str]:
    return [t for t, _ in found(text)]


@pytest.mark.parametrize("text, word", [
    ("The regional relief fund allocated $4 million on Thursday.", "allocated"),
    ("The agency has channelled RM3.1 million to the flooded districts.", "channelled"),
    ("The ministry has distributed 1.2 million doses of antibiotics to clinics.", "distributed"),
    ("The charity shipped surgical equipment to the two districts.", "shipped"),
    ("Gunmen held four aid workers for several hours before letting them go.", "held"),
    ("The two reporters were held for questioning at the airport.", "held"),
    ("About 40 armed soldiers crossed the river at dawn.", "crossed"),
    ("The navy reinforced its bases on the coast with 300 additional troops.", "reinforced"),
    ("Exports rose 9% in May, official data showed on Monday.", "showed"),
    ("In the first round on May 3, the mayor won 44 percent of the vote.", "first round"),
    ("The ruling party accepted the results on Tuesday.", "accepted"),
    ("Around 3,000 people rallied outside parliament on Sunday.", "rallied"),
    ("Supporters of the senator gathered outside the court on Monday.", "gathered"),
    ("The army said it had killed 20 fighters in a week-long operation to clear the hills.", "operation"),
    ("Border guards responded with artillery fire on Tuesday.", "responded"),
    ("The cutter's crew offloaded 9,000 pounds of cocaine at the port.", "offloaded"),
    ("The agency assesses the risk as moderate at the regional level.", "assesses"),
    ("Power interruptions were reported in 12 towns.", "Power interruptions"),
    ("Three men were jailed for a 2024 armoured-van heist.", "heist"),
    ("The ministry calls on both sides to stop firing.", "calls on"),
    ("A convoy of nine trucks carrying food reached the camp on Monday.", "reached"),
    ("The first patient developed symptoms on 2 March.", "developed"),
    ("Nine people were injured in weather-related accidents on Monday.", "weather-related accidents"),
    ("Customs officers announced the confiscation of three lorries.", "confiscation"),
])
def test_release_verbs_name_happenings(text, word):
    assert word in triggers(text), found(text)


@pytest.mark.parametrize("text, word", [
    ("They held talks for several hours on Monday.", "held"),               # a meeting, not a detention
    ("The school allocated seats to the pupils.", "allocated"),             # no money, no supplies
    ("The video showed a crowded street.", "showed"),                       # not statistics
    ("She lost in the first round on Sunday, 6-3, 6-4.", "first round"),    # a tournament, no votes counted
    ("The patient had an operation to remove a tumour.", "operation"),      # surgery, not a military operation
    ("The road crossed the river twice.", "crossed"),                       # no force crossing
])
def test_their_other_senses_are_no_events(text, word):
    assert word not in triggers(text), found(text)


def test_a_verdict_with_a_named_defendant_and_age_is_the_conviction():
    spans = triggers("The judge found Kofi Mensah-Boateng, 61, guilty on nine counts.")
    assert any("guilty" in t for t in spans), spans


def test_reported_missing_is_the_disappearance_not_a_statement():
    assert ("reported missing", "disappearance") in found("Divers are searching for a boatman reported missing on Monday.")


def test_pulled_out_alive_is_a_rescue():
    assert "pulled" in triggers("Firefighters pulled two children out alive on Tuesday morning.")


def test_dragged_to_court_spans_a_name_with_commas():
    spans = triggers("Three lawmakers have dragged the police chief, Musa Bello, to court.")
    assert any(t.startswith("dragged") and t.endswith("to court") for t in spans), spans


@pytest.mark.parametrize("text, trigger", [
    ("The rebels said in a statement that they had taken the town.", "said in a statement"),
    ("The embassy issued a brief statement on Monday.", "issued a brief statement"),
])
def test_a_saying_and_the_statement_it_spoke_through_are_one_event(text, trigger):
    # annotators mark the verb or the noun: one event spanning both, never two
    spans = triggers(text)
    assert trigger in spans and "statement" not in spans, spans


def test_an_order_gives_way_to_the_act_it_orders():
    # "ordered the confiscation": one event, the confiscation's, over both words (annotators mark either)
    assert ("ordered the confiscation", "capture") in found("The court ordered the confiscation of three farms.")
