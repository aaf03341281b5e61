"""Years told from the last one named, and a saying dated at the end of its own clause."""

from __future__ import annotations

import datetime as dt

from newswire.processors.date_years import resolve_times
from newswire.processors.document import Document
from tests.processors.test_events import event

NOV = dt.date(2026, 11, 20)


def test_a_month_of_that_year_takes_the_year_last_named():
    text = ("Raids on the border began in 2022. In April of that year, the government declared an emergency in "
            "the province.")
    assert event(text, "declared", NOV).date == "2022-04"


def test_two_months_of_that_year_give_the_year():
    text = "Riots broke out in 2024. At least 40 people were killed during protests in June and July of that year."
    assert event(text, "killed", NOV).date == "2024"


def test_the_following_year_is_the_next_one():
    text = "In March 2025, gunmen killed nine in an ambush. Ministers imposed a curfew on the district the following year."
    doc = Document(text, NOV)
    values = [e.value for exprs in resolve_times(text, doc.times, doc.sentences) for e in exprs]
    assert values == ["2025-03", "2026"]


def test_a_comparison_base_is_no_year_anaphor():
    text = "Exports reached $4 billion in 2025. Imports were up 9% on the previous year."
    doc = Document(text, NOV)
    assert resolve_times(text, doc.times, doc.sentences) == doc.times


def test_without_a_year_named_a_month_of_that_year_is_left_alone():
    text = "In April of that year, the council met."
    doc = Document(text, NOV)
    assert resolve_times(text, doc.times, doc.sentences) == doc.times


def test_a_saying_is_dated_at_the_end_of_its_audience_and_place():
    text = "\"We have won,\" the candidate told cheering supporters at the party's offices in the capital late on Sunday."
    assert event(text, "told", NOV).date == "2026-11-15"
    text = "The minister told reporters the army would pull its troops out of the northern region on Sunday."
    assert event(text, "told", NOV).date is None
    text = "The weather office forecast heavy rain in the upper catchments of the two rivers from Thursday to Sunday."
    assert event(text, "forecast", NOV).date is None
