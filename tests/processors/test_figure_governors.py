"""Figure categories and sources by the frame that governs the number (``processors.figure_governors`` and its
hooks in ``processors.categories``, ``processors.figure_sources``): bulletin labels, a verb with a fronted place
before its object, interceptions and surrenders, sheltered people, partitives past a share, patients needing
hospital care, calendar-year and since-a-year tallies, counts compared with a running total, a disaster's toll
in a report that speaks of disease, named currencies, short percentage points, and a speaker before a clause.

Every sentence here was invented for these tests.
"""

import datetime as dt

import pytest

from newswire.processors.extract import extract

PUB = dt.date(2026, 11, 30)


def _figure(text: str, span: str):
    hits = [f for f in extract(text, PUB).figures if f.text == span]
    assert len(hits) == 1, [(f.text, f.category) for f in extract(text, PUB).figures]
    return hits[0]


@pytest.mark.parametrize("text, span, category", [
    ("Flood bulletin No. 4\n\n- Deceased: 6 persons\n- Houses damaged: 120\n", "6", "killed"),
    ("Flood bulletin No. 4\n\n- Deceased: 6 persons\n- Houses damaged: 120\n", "120", "count_other"),
    ("Army units arrested, in raids carried out in the southern provinces, 28 drug smugglers and seized weapons.",
     "28", "detained"),
    ("Border guards intercepted 120 migrants near the coast on Friday.", "120", "detained"),
    ("Some 45 migrants were intercepted in the desert, officials said.", "Some 45", "detained"),
    ("Two fighters surrendered to the army in the north, the ministry said.", "Two", "detained"),
    ("Troops arrested 9 support elements of armed groups during the week, the ministry said.", "9", "detained"),
    ("Officers arrested the company's director and three supervisors on Monday.", "three", "detained"),
    ("Some 9,000 people are staying in 40 collective centres after the floods.", "Some 9,000", "displaced"),
    ("A further 3,000 people are estimated to be staying with host families.", "3,000", "displaced"),
    ("The floods left 50,000 people without piped water.", "50,000", "affected"),
    ("A security source put the death toll at nine, saying the figure included five policemen.", "five", "killed"),
    ("The clinic treated 14 people for gunshot wounds since Wednesday, the health office said.", "14", "injured"),
    ("About 2,000 patients required hospitalisation during the measles outbreak.", "About 2,000", "cases"),
    ("As of 3 May, 52 (31%) of the cholera cases had been reported from the coast.", "52", "cases"),
    ("The districts with the most cholera cases are Kara (120) and Lome municipality (64).", "64", "cases"),
    ("The country executed at least 40 prisoners in the first half of the year, a rights group said.",
     "at least 40", "deaths_total"),
    ("Police recorded 87 murders since January, down from 119 in the same period last year.", "119", "deaths_total"),
    ("The island recorded 612 murders in 2024, the lowest in a decade.", "612", "deaths_total"),
    ("The country has recorded more than 300,000 homicides since the government sent troops into the streets "
     "in 2007.", "more than 300,000", "deaths_total"),
    ("Cyclone Idai killed more than 600 people in Mozambique in 2019.", "more than 600", "killed"),
    ("Health officials warned of cholera and other disease risks in the flooded areas.\n\nAs of 3 May, the agency "
     "reports 14 deaths, 9 missing people and 31 injured.", "14", "killed"),
    ("That brings the number of cholera deaths since January to 14.", "14", "deaths_total"),
    ("\"We aim to neutralise 40 terrorists,\" he said.", "40", "killed"),
    ("The ministry allocated 4.5 billion CFA francs to the programme.", "4.5 billion", "money"),
    ("The corridor stays at +/- 1 p.p. around the rate.", "1", "percent"),
    ("As of 3 May, 52 (31%) of the cholera cases had been reported from the coast and 40 (24%) from the capital.",
     "40", "cases"),
    ("One additional armed rebel operative was also killed during the raid.", "One", "killed"),
    ("The other two contractors caught pneumonic plague, officials said.", "two", "cases"),
    ("In one facility, a cell meant for 35 held 155 adult males, the report said.", "155", "detained"),
    ("\"It was senseless,\" a relative of one of the victims told reporters.", "one", "count_other"),
    ("One of the wounded later died in hospital.", "One", "killed"),
    ("The new levy would shrink payrolls, eliminating 48,300 full-time-equivalent jobs.", "48,300", "count_other"),
    ("Of the 57 people hospitalised after the crash, 12 are in intensive care.", "12", "injured"),
    ("The health office reported 8 deaths in the past week and 51 deaths since the start of the season.", "8",
     "killed"),
    ("The health office reported 8 deaths in the past week and 51 deaths since the start of the season.", "51",
     "deaths_total"),
])
def test_governing_frame_category(text: str, span: str, category: str) -> None:
    assert _figure(text, span).category == category


@pytest.mark.parametrize("text, span, source", [
    ("Police Commissioner Ann Smith told reporters the force had made progress. He said the division had recorded 87 murders "
     "since January.", "87", "Police Commissioner Ann Smith"),
    ("Chile recorded 673 murders in 2025, the lowest in two decades, according to police data.", "673", "police data"),
    ("According to preliminary estimates of the Statistics Office, GDP grew by 5.4% in January-October.", "5.4%",
     "preliminary estimates of the Statistics Office"),
    ("- Deceased: 3 persons, confirmed by the Forensic Service.", "3", "the Forensic Service"),
    ("An AFP correspondent counted at least 15 bodies in the village on Sunday.", "at least 15",
     "An AFP correspondent"),
    ("The Sunni militant group Ansar al-Din (Helpers of Faith) claimed responsibility for the ambush, saying its "
     "fighters had killed \"more than 20\" soldiers.", "more than 20", "Ansar al-Din"),
    ("The Movement for the Liberation of the North (MLN) claimed responsibility for the raid in a statement, saying "
     "it had killed \"14 soldiers\".", "14", "MLN"),
])
def test_governing_frame_source(text: str, span: str, source: str) -> None:
    assert _figure(text, span).source == source
