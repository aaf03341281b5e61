"""Event dates of periods written as two ends, of a report's weekly window, of a day counted back from a
clause's main day, and of an election told by its voting day. Every sentence is invented."""

import datetime as dt

import pytest

from newswire.processors.dates import find_time_expressions
from tests.processors.test_events import event

WED = dt.date(2026, 12, 2)     # a Wednesday
SAT = dt.date(2026, 11, 28)    # a Saturday


@pytest.mark.parametrize("text, trigger, date", [
    # two days of one month: the month
    ("Air strikes carried out on Friday and Saturday destroyed two depots in the hills.", "Air strikes", "2026-11"),
    ("Rains that fell on the night of Thursday 26 to Friday 27 November 2026 caused floods in the valley.",
     "floods", "2026-11"),
    # ends in two months or two years: no one month
    ("Soldiers raided hideouts in an offensive carried out between 29 November and 1 December in the hills.",
     "offensive", None),
    ("Heavy rains in August and September caused flooding along the river.", "flooding", None),
    ("The last large outbreak in the region, in 2015-2016, killed dozens.", "outbreak", None),
])
def test_a_period_is_dated_by_what_its_ends_share(text, trigger, date):
    assert event(text, trigger, WED).date == date


def test_the_ends_stay_apart_for_the_time_layer():
    # a figure's anchor reads each end; only the events read the pair as one period
    assert len(find_time_expressions("Heavy rains fell on Friday and Saturday.", published=WED)) == 2


def test_two_weekdays_are_one_stretch_ending_on_the_second():
    # in a Thursday story, "on Thursday and Friday" are last week's, not today and last Friday
    text = "Some 600 people were evacuated on Thursday and Friday from the river banks."
    assert event(text, "evacuated", dt.date(2026, 12, 3)).date == "2026-11"


@pytest.mark.parametrize("text, trigger", [
    ("Two new deaths were recorded during the week in the northern district.", "deaths"),
    ("Troops arrested 14 smugglers over the past week near the border, the ministry said.", "arrested"),
])
def test_a_weekly_window_is_the_month_of_the_week_gone(text, trigger):
    # Wednesday 2 December: the week gone is 23-29 November
    assert event("The ministry issued its weekly bulletin.\n\n" + text, trigger, WED).date == "2026-11"


def test_a_numbered_week_is_that_weeks_month():
    text = "The ministry issued its weekly bulletin.\n\nIn week 48, 300 new cholera cases were reported from the port."
    assert event(text, "reported", dt.date(2026, 12, 4)).date == "2026-11"


def test_a_releases_lead_statement_keeps_its_own_day_not_the_counted_week():
    text = "LUANDA, 4 December 2026 - The health ministry reported 300 new cholera cases in week 48 in the port."
    assert event(text, "reported", dt.date(2026, 12, 4)).date == "2026-12-04"


def test_a_day_counted_before_a_clause_of_its_own_goes_back():
    text = ("Military jets entered the country's airspace on Saturday, the defence ministry said.\n\n"
            "The incursion came three days after Latvia expelled a diplomat.")
    assert event(text, "expelled", dt.date(2026, 12, 6)).date == "2026-12-02"


def test_the_lead_election_takes_the_voting_day_named_further_down():
    text = ("NAIROBI, Nov 28 (Reuters) - A ruling-party candidate won a parliamentary by-election in the east, "
            "the electoral commission said.\n\n"
            "Turnout in Thursday's vote was 41 percent, the commission said.")
    assert event(text, "by-election", SAT).date == "2026-11-26"


def test_another_election_keeps_its_own_time():
    text = ("A ruling-party candidate won a parliamentary by-election in the east, the commission said.\n\n"
            "Turnout in Thursday's vote was 41 percent, down from 60 percent in the 2022 election.")
    assert event(text, "election", SAT).date == "2022"


def test_a_statement_takes_the_day_of_its_opening_occasion():
    text = ("Gunmen attacked a border post on Thursday.\n\n"
            "In a statement read on state radio late on Friday, the army command confirmed the attack.")
    assert event(text, "confirmed", SAT).date == "2026-11-27"
    text = "In a separate statement on Friday, the interior ministry said the roads had reopened."
    assert event(text, "said", SAT).date == "2026-11-27"


@pytest.mark.parametrize("sentence, trigger", [
    ("The regional 600 index lost 0.4% by the close.", "lost"),
    ("In Asia, the Shanghai Composite slumped 0.3% in thin trade.", "slumped"),
])
def test_an_index_named_by_its_size_or_as_a_composite_moves_on_the_reports_day(sentence, trigger):
    text = "Traders were cautious ahead of the trade talks.\n\n" + sentence
    assert event(text, trigger, dt.date(2019, 11, 19)).date == "2019-11-19"


def test_an_undated_win_in_an_election_story_is_of_the_voting_day():
    text = ("NAIROBI, Nov 28 (Reuters) - A ruling-party candidate won a parliamentary by-election in the east, "
            "the electoral commission said.\n\n"
            "Turnout in Thursday's vote was 41 percent, the commission said.")
    assert event(text, "won", SAT).date == "2026-11-26"
