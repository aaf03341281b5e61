"""Sources that the grammar of a sentence gives a figure (``processors.figure_givers``, ``processors.figure_lists``,
the long "according to" of ``processors.sentences``) and running tolls, ballots cast and elliptical counts
(``processors.figure_periods``, ``processors.figure_breakdowns``).

Every sentence here was invented for these tests.
"""

import datetime as dt

import pytest

from newswire.processors.extract import extract

PUB = dt.date(2026, 11, 30)


def _figure(text: str, span: str):
    hits = [f for f in extract(text, PUB).figures if f.text == span]
    assert len(hits) == 1, [(f.text, f.category, f.source) for f in extract(text, PUB).figures]
    return hits[0]


@pytest.mark.parametrize("text, span, source", [
    # whoever puts a value on the count gives it, even after another clause's source
    ("Rebels overran a base on Monday, three local officials said, while the navy put its own losses at 14.",
     "14", "the navy"),
    ("The regional health office had given a toll of nine dead by Tuesday evening.", "nine",
     "The regional health office"),
    ("County officials gave a higher toll of 31 dead, among them six police officers.", "six", "County officials"),
    ("On Friday the agency had put the toll at 52, up from 40 a day earlier.", "52", "the agency"),
    ("Chile's National Seismological Centre put the magnitude at 6.2.", "6.2", "Chile's National Seismological Centre"),
    ("The government estimates that some 1.4 million people have been affected by the drought.", "some 1.4 million",
     "The government"),
    ("Agriculture: The farm ministry estimates crop losses at 2.1 billion pesos.", "2.1 billion pesos",
     "The farm ministry"),
    # a body speaking of what its own people confirmed
    ("The African Union mission said on Monday that its troops had confirmed 16 deaths in the raid.", "16",
     "The African Union mission"),
    # a subject before a relative clause says it
    ("The Yemen Health Network, which monitors clinics across the south, said 14 patients died of cholera.", "14",
     "The Yemen Health Network"),
    # a long "according to" that ends on the name behind the tally
    ("Some 230 people have been killed since 2021, according to a tally by the Sahel Security and Conflict "
     "Monitoring Group (SSCMG).", "Some 230", "a tally by the Sahel Security and Conflict Monitoring Group (SSCMG)"),
    # "He/She said" after a named subject who spoke through ", saying"
    ("The minister's office said 12 people had been held. Electoral board spokesman Tomas Ruiz dismissed the "
     "complaint, saying every ballot was checked. He said 3,410 ballots were spoiled.", "3,410",
     "Electoral board spokesman Tomas Ruiz"),
])
def test_grammatical_sources(text: str, span: str, source: str) -> None:
    assert _figure(text, span).source == source


def test_list_items_take_the_lead_in_source() -> None:
    text = ("According to reports received from the provincial emergency teams, the damage is as follows:\n\n"
            "- Deaths: 17 people\n- Injured: 44 people\n- Houses destroyed: 210\n")
    for span in ("17", "44", "210"):
        assert _figure(text, span).source == "reports received from the provincial emergency teams"


@pytest.mark.parametrize("text, span", [
    # a place that counted is where the count was made, not who gave it
    ("In 2024, the country reported 88 confirmed cases of the disease.", "88"),
    ("Peru has recorded more than 9,000 murders since 2018.", "more than 9,000"),
    ("Kilifi district alone has reported 640 cases since the outbreak began.", "640"),
    # a diagnostic method is how a case was confirmed
    ("Of the 300 suspected cases, 120 were confirmed by rapid diagnostic test.", "120"),
    # a passive estimate names nobody
    ("Damage to roads is estimated at 4 billion shillings.", "4 billion shillings"),
])
def test_no_source(text: str, span: str) -> None:
    assert _figure(text, span).source is None


@pytest.mark.parametrize("text, span, category", [
    ("More than 700 people, most of them farmers, have been killed in the region since the start of 2023.",
     "More than 700", "deaths_total"),
    ("More than 200 soldiers have been killed since 2019, along with at least 60 police officers.",
     "at least 60", "deaths_total"),
    ("Since the beginning of this year, troops have raided 80 camps across the north, killing 65 fighters.",
     "65", "deaths_total"),
    ("During the same period of 2024, 58 deaths were recorded.", "58", "deaths_total"),
    ("The insurgency, which began in 2012, has killed more than 30,000 people.", "more than 30,000",
     "deaths_total"),
    # a ranking points back to one happening
    ("The storm was the deadliest since March 2021, when a cyclone left 19 people dead.", "19", "killed"),
    # ballots cast by part of the electorate
    ("Turnout was 61 percent, with 3,204,118 of the 5.2 million registered voters casting ballots.", "3,204,118",
     "votes"),
    # a bare count after "and" shares the noun before it
    ("The province has reported 2,310 cholera cases since October and 415 in the past week.", "415", "cases"),
    ("Of these, 600 cases were confirmed by rapid test and 95 by culture.", "95", "cases"),
])
def test_categories(text: str, span: str, category: str) -> None:
    assert _figure(text, span).category == category


def test_outbreak_toll_with_attacks_in_a_later_clause() -> None:
    text = ("The cholera outbreak has spread to nine provinces. Niassa province has reported 730 cases and 15 "
            "deaths, mostly in camps where people displaced by armed attacks live.")
    assert _figure(text, "15").category == "deaths_total"


@pytest.mark.parametrize("text, span", [
    ("The ministry will pay families 80,000 soms each.", "80,000 soms"),
    ("The district received Frw 45 million for repairs.", "Frw 45 million"),
])
def test_currencies(text: str, span: str) -> None:
    assert _figure(text, span).category == "money"


@pytest.mark.parametrize("text, span, category", [
    # a singular "-man" noun names a person as its plural "-men" does
    ("Protesters threw stones and one policeman was slightly injured.", "one", "injured"),
    ("One fisherman is still missing after the boat capsized.", "One", "missing"),
])
def test_singular_man_nouns(text: str, span: str, category: str) -> None:
    assert _figure(text, span).category == category


@pytest.mark.parametrize("text, word, kind", [
    # money in a named currency given, and goods handed out in the passive or flown in
    ("The cabinet said it had allocated 2.5 billion CFA francs to rebuild the schools.", "allocated", "funding"),
    ("The regional government has set aside 8 million kina for relief.", "set aside", "funding"),
    ("The agency allocated Frw 60 million to the affected districts.", "allocated", "funding"),
    ("About 4,200 food rations have been distributed to shelters.", "distributed", "aid"),
    ("Air force planes have flown in 20 tonnes of relief items.", "flown in", "aid"),
])
def test_relief_triggers(text: str, word: str, kind: str) -> None:
    assert (word, kind) in [(e.trigger, e.type) for e in extract(text, PUB).events]


def test_set_aside_without_money_is_no_funding() -> None:
    events = [(e.trigger, e.type) for e in extract("The court set aside the verdict on Sunday.", PUB).events]
    assert ("set aside", "funding") not in events
