"""Years told from the last one named: "in April of that year", "the following year"."""

from __future__ import annotations

import datetime as dt

from newswire.processors.date_years import resolve_times
from newswire.processors.document import Document
from tests.processors.test_events import event

NOV = dt.date(2026, 11, 20)


def test_a_month_of_that_year_takes_the_year_last_named():
    text = ("The dispute over grazing land flared in 2021. In October of that year, the army launched an offensive "
            "in the hills.")
    assert event(text, "launched an offensive", NOV).date == "2021-10"


def test_two_months_of_that_year_give_the_year():
    text = "A drought hit the plains in 2023. Nine farmers were killed in clashes over wells in May and June of that year."
    assert event(text, "killed", NOV).date == "2023"


def test_the_following_year_is_the_next_one():
    text = "A dam burst upstream in May 2019. The province built a new levee along the river the following year."
    doc = Document(text, NOV)
    values = [e.value for exprs in resolve_times(text, doc.times, doc.sentences) for e in exprs]
    assert values == ["2019-05", "2020"]


def test_a_comparison_base_is_no_year_anaphor():
    text = "Exports reached $4 billion in 2025. Imports were up 9% on the previous year."
    doc = Document(text, NOV)
    assert resolve_times(text, doc.times, doc.sentences) == doc.times


def test_without_a_year_named_a_month_of_that_year_is_left_alone():
    text = "In April of that year, the council met."
    doc = Document(text, NOV)
    assert resolve_times(text, doc.times, doc.sentences) == doc.times
