"""Trigger recall in wire, release and conflict copy (issue 11): constructions that name a happening and
were missed, and their look-alikes that name none. Every sentence is invented."""

import datetime as dt

import pytest

from newswire.processors.extract import extract

MONDAY = dt.date(2026, 3, 9)


def found(text: str) -> list[tuple[str, str]]:
    return [(e.trigger, e.type) for e in extract(text, MONDAY).events]


def triggers(text: str) -> list[str]:
    return [t for t, _ in found(text)]


@pytest.mark.parametrize("text, trigger, kind", [
    # a noun after "to" and an article: "to" is a preposition, the truce is agreed and in force
    ("By nightfall both militias had agreed to a truce.", "agreed to a truce", "ceasefire"),
    # an attack that was repelled took place: one event over both words, typed as the attack
    ("Marines repelled an attack on the harbour overnight.", "repelled an attack", "attack"),
    # a long object between the verb and the rubble
    ("Volunteers pulled an elderly shopkeeper, his niece and two neighbours out of the ruins.", "pulled", "release"),
    ("Twelve pilgrims were admitted to a field trauma unit.", "admitted", "hospitalization"),
    ("Nine were admitted to the provincial hospital's isolation ward.", "admitted", "hospitalization"),
    ("Electricity was cut across the northern suburbs.", "cut", "outage"),
    ("Drone strikes cut power to the eastern districts.", "cut", "outage"),
    ("The monetary authority cut its seven-day lending rate to 4 percent.", "cut", "decision"),
    ("The clinic logged 60 new malaria admissions.", "logged", "statement"),
    ("Observers recorded 40 incidents of intimidation.", "recorded", "statement"),
    ("Ever since the conflict started, the port has been shut.", "conflict started", "start"),
    ("Crop losses since the monsoon began are heavy.", "monsoon began", "start"),
    ("The tribunal handed down a life sentence.", "handed down", "ruling"),
    ("Police recovered six pistols and a grenade in the raid.", "recovered", "capture"),
    ("By dawn Lola had weakened into a tropical storm.", "weakened", "storm"),
    ("Bread prices peaked in February.", "peaked", "change"),
    ("Dozens of mourners gathered at the cemetery gates.", "gathered", "gathering"),
    ("Police dispersed students who gathered at the gate.", "gathered", "gathering"),
    ("Fans poured into the streets after the result.", "poured into the streets", "protest"),
    ("A rocket slammed into an apartment block.", "slammed into", "strike_hit"),
    ("A mortar round landed near the market.", "landed", "strike_hit"),
    ("The helicopter went down in the mountains.", "went down", "accident"),
    ("The president fired his finance minister.", "fired", "dismissal"),
    ("Rescuers found 14 bodies in the river.", "found", "recovery"),
    ("Reported cases doubled in a week.", "doubled", "change"),
    ("Nurses walked off the job over unpaid wages.", "walked off the job", "strike"),
    ("Troops dislodged the insurgents from their camp.", "dislodged", "offensive"),
    ("The navy sent warships to the strait.", "sent", "mobilization"),
    ("The airline grounded its fleet after the crash.", "grounded", "restriction"),
    ("Border posts in the north have been alerted.", "alerted", "statement"),
    ("The pamphlet was later taken down from the ministry's site.", "taken down", "censorship"),  # adverb in a passive
    ("The union took the port authority to court.", "took the port authority to court", "lawsuit"),
    ("The currency touched a record low on Friday.", "touched a record low", "change"),
    ("The profit warning sent its shares tumbling.", "sent", "change"),
    # verbs of their type's happening in every news use
    ("Parliament repealed the emergency law on Tuesday.", "repealed", "decision"),
    ("Customs officers impounded 40 vehicles.", "impounded", "capture"),
    ("The documentary premiered at the festival.", "premiered", "launch"),
    ("The lender defaulted on its bonds.", "defaulted", "bankruptcy"),
    ("The fund invested $3 million in the port.", "invested", "transaction"),
])
def test_news_constructions_are_triggers(text, trigger, kind):
    assert (trigger, kind) in found(text), found(text)


def test_a_participle_after_a_comma_or_an_auxiliary_is_a_verb():
    # a year or an adverb before it would otherwise read it as an adjective ("three confirmed cases")
    assert "signed" in triggers("The mayor, in office until 2019, signed contracts with two builders.")
    assert "seized" in triggers("The militia has already seized farms near the river.")
    assert "confirmed" not in triggers("There are now 12 confirmed cases in the district.")


@pytest.mark.parametrize("text, word, kind", [
    ("The minister slammed the decision as reckless.", "slammed", "strike_hit"),   # criticism stays criticism
    ("Investigators gathered evidence at the scene.", "gathered", "gathering"),   # no crowd: no gathering
    ("The team landed at the airport on Sunday.", "landed", "strike_hit"),        # no projectile
    ("Prices went down in March.", "went down", "accident"),                      # no craft
    ("The government cut its budget by 5 percent.", "cut", "outage"),             # no supply named: no outage
    ("The region was alerted to the risk of floods.", "alerted", "statement"),
    ("The sides agreed to a prisoner exchange next month.", "exchange", "exchange"),   # only a truce is in force
])
def test_look_alikes_are_no_new_events(text, word, kind):
    assert (word, kind) not in found(text), found(text)
