"""Figure categories by the conventions of the dev set and probes-c (``processors.categories``,
``processors.figure_cues``): one happening's rising toll is ``killed``, a toll is ``deaths_total`` only where
the text says it is the whole or ties it to a war, a coup, an outbreak or a year; people who fled or stay in
evacuation centres are displaced; basis points are percent.

Every sentence here was invented for these tests.
"""

import datetime as dt

import pytest

from newswire.processors.extract import extract

PUB = dt.date(2026, 3, 12)


def _category(text: str, span: str) -> str:
    hits = [f for f in extract(text, PUB).figures if f.text == span]
    assert len(hits) == 1, [(f.text, f.category) for f in extract(text, PUB).figures]
    return hits[0].category


@pytest.mark.parametrize("text, span, category", [
    # one disaster's or incident's toll, even as it rises
    ("The provincial office said the toll from the mudslide had risen to 38, with nine still missing.", "38",
     "killed"),
    ("Divers recovered five more bodies, raising the death toll from the ferry sinking to 44.", "44", "killed"),
    ("The rebels' spokesman gave a higher toll of 19 dead, among them six police officers.", "six", "killed"),
    ("As of 3 March, the local authorities report 52 people killed and 210 injured in the quake.", "52", "killed"),
    # a toll tied to a war, a coup, an outbreak or a year is the whole's
    ("More than 4,100 civilians have been killed since the coup, a rights group said.", "More than 4,100",
     "deaths_total"),
    ("Since the fighting resumed, the cumulative toll stands at five police officers and three farmers killed.",
     "three", "deaths_total"),
    ("The ministry has logged 21,300 cases of cholera so far in 2026, including 88 deaths.", "88", "deaths_total"),
    ("As of 2 March, a total of twelve cases, including nine confirmed and three probable, and seven deaths have "
     "been reported from three districts in the Ebola outbreak.", "seven", "deaths_total"),
    # people who fled, or who stay in evacuation centres, are displaced
    ("Aid workers said about 4,600 villagers fled Dombel and nearby hamlets after the raid.", "about 4,600",
     "displaced"),
    ("Of these, 2,140 families, or 8,900 persons, are staying in 64 evacuation centres.", "2,140", "displaced"),
    ("Of these, 2,140 families, or 8,900 persons, are staying in 64 evacuation centres.", "8,900", "displaced"),
    ("Another 1,300 persons are being served outside evacuation centres, the council said.", "1,300",
     "displaced"),
    ("Police said two suspects fled the scene on a motorbike.", "two", "count_other"),
    # basis points and percentage points are percent
    ("The central bank raised its main rate by 75 basis points on Thursday.", "75", "percent"),
    ("The ruling party's share fell 4 percentage points from the last vote.", "4 percentage points", "percent"),
    # Peruvian soles are money
    ("The ministry transferred S/ 9.2 million to the regions.", "S/ 9.2 million", "money"),
    # a quoted verb or figure keeps its category
    ('The army said its soldiers had "neutralized" about 40 gunmen.', "about 40", "killed"),
    ('He said the troops had killed "at least 25" of the raiders.', "at least 25", "killed"),
    # a count after a fronted partitive shares its noun
    ("Of the confirmed deaths, 14 were in the capital and five in the port city.", "five", "killed"),
    # not casualties: a speaker, families in a subject's prepositional phrase, an adjective, a race
    ("Gunmen killed 12 villagers and wounded eight others, three local officials said.", "three", "count_other"),
    ("In the hamlet, 11 people from two families were killed when the roof fell in.", "two", "count_other"),
    ("The agency sent supplies to the three affected provinces.", "three", "count_other"),
    ("Four candidates eliminated in the first round had won 22 percent.", "Four", "count_other"),
])
def test_category(text, span, category):
    assert _category(text, span) == category


def test_a_count_of_speakers_is_the_source():
    text = "Raiders attacked the depot on Friday, killing 14 guards and wounding nine others, three police officials said."
    figures = {f.text: f for f in extract(text, PUB).figures}
    assert figures["14"].source == "three police officials"
    assert figures["nine"].source == "three police officials"
    # a count of cases is still no speaker
    text = "The outbreak has grown to eleven cases, eight confirmed and three probable, the ministry said."
    assert {f.text: f.source for f in extract(text, PUB).figures}["eleven"] == "the ministry"


def test_the_subject_not_the_means_is_the_source():
    text = ("QUITO, 4 March 2026 — The Ministry of Public Health (MSP), through the National Surveillance Directorate, "
            "reports that 3,410 cases of malaria have been registered this year.")
    assert {f.text: f.source for f in extract(text, PUB).figures}["3,410"] == "The Ministry of Public Health (MSP)"


def test_a_bare_quantifier_is_no_source():
    text = "Eight of 11 economists had expected a hike, with most forecasting a rise of 50 basis points."
    assert {f.text: f.source for f in extract(text, PUB).figures}["50"] is None
