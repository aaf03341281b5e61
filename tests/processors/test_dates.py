"""Time expressions resolved against the publication date."""

import datetime as dt

import pytest

from newswire.processors.dateline import dateline_date
from newswire.processors.dates import find_time_expressions, sentence_times
from newswire.processors.sentences import split_sentences

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


@pytest.mark.parametrize("text", ["in recent days", "recently", "in the coming weeks",
                                  "several days ago"])
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


@pytest.mark.parametrize("text, expected", [
    ("In 1998, a cyclone struck the coast", "1998"),
    ("the 2004 floods", "2004"),
    ("the rebels' 2019 offensive on the town", "2019"),
    ("since 2014", "2014"),
    ("in early 2021", "2021"),
    ("last year", "2024"),
    ("this year", "2025"),
    ("last week", "2025-05"),        # a week is no day, but its month is known (5-11 May)
    ("earlier this week", "2025-05"),
    ("this past May", "2025-05"),
    ("this morning", "2025-05-12"),
    ("In October, the envoy", "2024-10"),        # a capitalised lead word
    ("During April the", "2025-04"),
    ("in June last year", "2024-06"),
    ("June this year", "2025-06"),
    ("a year ago", "2024-05"),
    ("Two months ago", "2025-03"),
    ("his 2016 campaign", "2016"),
    ("a 2008 report", "2008"),
    ("late this evening", "2025-05-12"),
    ("on June 2-4", "2024-06-02"),   # a range dates from its first day
    ("from June 2 to 4, 2023", "2023-06-02"),
])
def test_years_weeks_and_ranges(text, expected):
    assert resolve(text).value == expected


def test_a_range_keeps_the_number_after_it_out_of_the_date():
    (expr,) = find_time_expressions("on June 2 and 5 people died", 0, None, MONDAY)
    assert expr.text == "June 2"


def test_numbers_that_only_look_like_years_are_no_years():
    assert find_time_expressions("some 2,019 people and 2010 homes", 0, None, MONDAY) == []


@pytest.mark.parametrize("text, expected", [
    ("LIMA, March 4 (Reuters) - Peru's congress voted", "2025-03-04"),
    ("OTTAWA, Ontario, April 30, 2025 /Newswire/ -- The agency said", "2025-04-30"),
    ("NAIROBI, 3 May 2025 - Aid groups warned", "2025-05-03"),
    ("BERLIN (dpa) - The chancellor met", None),
    ("Rain fell on Sunday - and more came", None),
])
def test_dateline_date(text, expected):
    assert dateline_date(text, MONDAY) == expected


def test_relative_dates_resolve_against_the_dateline_of_an_older_release():
    text = "QUITO, May 2 (Reuters) - The ministry said on Thursday that the count was done."
    sents = split_sentences(text)
    (exprs,) = sentence_times(text, sents, MONDAY)
    assert [e.value for e in exprs] == ["2025-05-02", "2025-05-01"]


def test_a_week_is_its_month_only_when_it_lies_in_one():
    assert resolve("last week", dt.date(2025, 6, 3)).value is None                 # 26 May - 1 June
    assert resolve("next week", dt.date(2025, 6, 3)).value == "2025-06"            # 9-15 June


@pytest.mark.parametrize("text, expected", [
    ("the hearing of Nov. 18 was delayed", [("Nov. 18", "2024-11-18")]),   # no bare month cut at the dot
    ("the plant closed in Sept. 2021", [("Sept. 2021", "2021-09")]),
    ("in Jan. the council met", [("in Jan", "2025-01")]),                    # a month alone keeps its dot
    ("Last Friday, the mayor resigned", [("Last Friday", "2025-05-09")]),
    ("this past Saturday the polls closed", [("this past Saturday", "2025-05-10")]),
    ("This past Monday the polls closed", [("This past Monday", "2025-05-05")]),   # not the day itself
    ("the bridge fell a week ago", [("a week ago", "2025-05")]),            # 5-11 May
    ("troops left three weeks ago", [("three weeks ago", "2025-04")]),      # 21-27 April
    ("troops left two weeks ago", [("two weeks ago", None)]),               # 28 April - 4 May: no one month
])
def test_abbreviated_months_qualified_weekdays_and_weeks_ago(text, expected):
    assert [(e.text, e.value) for e in find_time_expressions(text, 0, None, MONDAY)] == expected


@pytest.mark.parametrize("text, expected", [
    ("the general was born in 1889, in a village", [("in 1889", "1889")]),
    ("the bridge was built in 1865 by the army", [("in 1865", "1865")]),
    ("in 1500 homes the power failed", []),                    # a count before its noun
    ("troops seized the hills in the 1967 Six-Day War", [("1967", "1967")]),
])
def test_older_years_and_a_year_before_a_name(text, expected):
    assert [(e.text, e.value) for e in find_time_expressions(text, 0, None, MONDAY)] == expected


@pytest.mark.parametrize("text, expected", [
    # the future marker is in the expression's own clause, however far before it
    ("A judge turned down the request to delay the trial, which is scheduled to open at the district court "
     "in the capital in February.", "2026-02"),
    ("The council will vote on the budget in March.", "2026-03"),
    ("The council will vote on the budget in May.", "2025-05"),       # this month
    # a future marker in another clause does not make a date future
    ("Talks will resume, officials said on Sunday.", "2025-05-11"),
    ("The vote was scheduled for Friday.", "2025-05-09"),
])
def test_the_future_is_read_in_the_expression_s_own_clause(text, expected):
    assert [e.value for e in find_time_expressions(text, 0, None, MONDAY)] == [expected]
