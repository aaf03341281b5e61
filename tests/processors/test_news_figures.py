"""Figure categories of military, security and health bulletins: a participle or a compound before the
counted people, admissions counted as cases, a death count "as of" a day as a running toll."""

from __future__ import annotations

import datetime as dt

import pytest

from newswire.processors.extract import extract


def _categories(text: str) -> dict[str, str]:
    return {f.text: f.category for f in extract(text, dt.date(2026, 4, 2)).figures}


@pytest.mark.parametrize("text, figure, category", [
    ("Soldiers arrested 14 suspected arms couriers near the border.", "14", "detained"),
    ("Police detained nine suspected bandits at a roadblock.", "nine", "detained"),
    ("The navy rescued 23 abducted fishermen from an island camp.", "23", "hostages"),
    ("Troops freed 12 kidnapped travellers on the highway.", "12", "hostages"),
])
def test_what_befell_the_counted_people(text, figure, category):
    assert _categories(text)[figure] == category


def test_hospital_admissions_of_a_disease_are_cases():
    text = "The ministry logged 318 new measles hospitalisations in the past week, mostly young children."
    assert _categories(text)["318"] == "cases"


def test_admissions_outside_a_health_story_are_no_cases():
    text = "The university reported 4,200 admissions for the autumn term."
    assert _categories(text)["4,200"] != "cases"


def test_a_death_count_as_of_a_day_is_a_running_toll():
    text = "The typhoid outbreak has caused 2,150 cases and 37 deaths as of March 28, the health agency said."
    categories = _categories(text)
    assert categories["37"] == "deaths_total"
    assert categories["2,150"] == "cases"


def test_an_elliptical_count_after_votes_is_votes():
    text = ("The commission said the mayor won 51,240 votes, against 47,118, or 46 percent, for her rival. About 120,000 "
            "ballots were cast, including 3,500 by post.")
    categories = _categories(text)
    assert categories["47,118"] == "votes"
    assert categories["3,500"] == "votes"


def _sources(text: str) -> dict[str, str | None]:
    return {f.text: f.source for f in extract(text, dt.date(2026, 4, 2)).figures}


def test_a_counting_subject_yields_to_the_sentences_speaker():
    text = ("The province recorded 87 new cholera cases on Monday, the regional health bureau said.")
    assert _sources(text)["87"] == "the regional health bureau"


def test_a_reporting_subject_keeps_its_figure():
    text = "Police reported 14 arrests after the match, the city council said."
    assert _sources(text)["14"] == "Police"


def test_a_datelines_dash_is_no_part_of_the_source():
    text = "QUITO, May 2 (Newswire) - Officials said 16 people were hurt in the landslide."
    assert _sources(text)["16"] == "Officials"


def test_a_passive_power_cut_counts_the_affected():
    text = "Power was cut to about 45,000 households after the storm downed lines."
    assert _categories(text)["about 45,000"] == "affected"


def test_a_rivals_bare_count_after_votes_is_votes():
    text = "The senator took 412,300 votes against 398,150 for her challenger, the commission said."
    assert _categories(text)["398,150"] == "votes"
