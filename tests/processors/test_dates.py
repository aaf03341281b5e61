"""Time expressions resolved against the publication date."""

import datetime as dt

import pytest

from newswire.processors.dates import find_time_expressions

MONDAY = dt.date(2025, 5, 12)


def resolve(text, published=MONDAY):
    found = find_time_expressions(text, 0, None, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, expected", [
    ("officials said on Sunday", "2025-05-11"),
    ("the raid on Monday", "2025-05-12"),            # the publication day itself
    ("talks last Monday", "2025-05-05"),
    ("clashes on Thursday afternoon", "2025-05-08"),
    ("late on Friday", "2025-05-09"),
    ("yesterday's attacks", "2025-05-11"),
    ("Yesterday, troops advanced", "2025-05-11"),
    ("today", "2025-05-12"),
    ("last night", "2025-05-11"),
    ("tomorrow", "2025-05-13"),
    ("two days ago", "2025-05-10"),
    ("on March 18", "2025-03-18"),
    ("on April 18 it rejected", "2025-04-18"),
    ("began on August 10", "2024-08-10"),            # most recent past occurrence
    ("the October 7, 2023 attack", "2023-10-07"),
    ("on 7 October 2023", "2023-10-07"),
    ("on Sept. 30", "2024-09-30"),
    ("2025-05-01", "2025-05-01"),
    ("in March", "2025-03"),
    ("in mid-March", "2025-03"),
    ("in March 2024", "2024-03"),
    ("last month", "2025-04"),
    ("earlier this month", "2025-05"),
    ("at 3:32 a.m. local time", "2025-05-12"),        # a clock time alone: the publication day
])
def test_resolution(text, expected):
    assert resolve(text).value == expected


@pytest.mark.parametrize("text, expected", [
    ("the talks will resume on Friday", "2025-05-16"),
    ("elections will be held on June 5", "2025-06-05"),
    ("a vote next Monday", "2025-05-19"),
])
def test_future_when_the_sentence_speaks_of_it(text, expected):
    assert resolve(text).value == expected


@pytest.mark.parametrize("text", ["in recent days", "recently", "over the weekend", "in the coming weeks",
                                  "several days ago", "since 2014"])
def test_vague_expressions_have_no_value(text):
    expr = resolve(text)
    assert expr.vague and expr.value is None


@pytest.mark.parametrize("text", ["on Sunday", "yesterday", "March 18", "in March", "last month"])
def test_relative_expressions_need_a_publication_date(text):
    assert resolve(text, None).value is None


def test_absolute_dates_do_not_need_one():
    assert resolve("on October 7, 2023", None).value == "2023-10-07"


def test_datetime_publication_is_accepted():
    assert resolve("on Sunday", dt.datetime(2025, 5, 12, 23, 59)).value == "2025-05-11"


def test_impossible_dates_resolve_to_none():
    assert resolve("on February 30, 2023").value is None


def test_offsets_point_into_the_text():
    text = "Troops withdrew on Sunday and returned on March 18."
    found = find_time_expressions(text, 0, None, MONDAY)
    assert [text[e.start:e.end] for e in found] == ["on Sunday", "March 18"]
