"""Event dates of "when" clauses, pairs of days, past-week windows, present perfects past the lead, dates
between a subject and its verb, and a wire lead told in its second paragraph. Every sentence is invented."""

from newswire.processors.dates import find_time_expressions
from tests.processors.test_events import MONDAY, event


def test_a_when_clause_after_since_takes_that_time():
    text = ("The envoys talked for the first time since February, when they met in Oslo to discuss "
            "prisoners held since 2021.")
    assert event(text, "met").date == "2025-02"


def test_a_later_date_inside_the_when_clause_stays_subordinate():
    text = ("The raid was the fourth on the valley since March, when the militia launched an offensive "
            "that undid the gains won in 2019.")
    assert event(text, "launched an offensive").date == "2025-03"
    assert event(text, "won").date == "2019"


def test_two_days_before_a_month_are_that_month():
    [e] = find_time_expressions("Teams were sent on 8 and 9 May.", published=MONDAY)
    assert e.value == "2025-05"
    [e] = find_time_expressions("Teams were sent on 9 May.", published=MONDAY)
    assert e.value == "2025-05-09"


def test_the_past_week_is_a_window_not_a_day():
    [e] = find_time_expressions("Police detained 40 people over the past week.", published=MONDAY)
    assert e.vague and e.value is None
    [e] = find_time_expressions("Two more deaths were recorded in the past 24 hours.", published=MONDAY)
    assert e.vague and e.value is None


def test_a_present_perfect_past_the_lead_takes_no_earlier_incidents_date():
    text = ("Gunmen attacked a bus station in the north on Saturday, killing four people, police said.\n\n"
            "The army said it was hunting the attackers.\n\n"
            "About 600 residents have been evacuated from nearby streets.")
    assert event(text, "attacked").date == "2025-05-10"
    assert event(text, "evacuated").date is None


def test_a_date_between_a_subject_and_its_verb_dates_both():
    text = "A bombing at a market in the east in March killed 17 traders, the governor said."
    assert event(text, "bombing").date == "2025-03"
    assert event(text, "killed").date == "2025-03"


def test_a_saying_verb_after_the_date_keeps_it():
    text = "A rebel spokesman on Sunday accused the army of shelling villages."
    assert event(text, "shelling").date is None


def test_a_wire_lead_takes_the_day_its_second_paragraph_tells():
    text = ("RIVERTON (AFP) - Gunmen killed at least 12 villagers in a raid on a hill town, "
            "officials said Monday.\n\n"
            "The attackers stormed the town late Saturday, burning houses and a clinic.")
    assert event(text, "raid").date == "2025-05-10"


def test_since_the_start_of_the_month_is_this_month_not_a_starting_point():
    [e] = find_time_expressions("since the start of the month", published=MONDAY)
    assert e.value == "2025-05"
    [e] = find_time_expressions("since the beginning of this year", published=MONDAY)
    assert e.value == "2025"
    text = "An official said 900 people had fled the hamlets since the start of the month."
    assert event(text, "fled").date == "2025-05"


def test_retaking_a_post_shares_the_day_of_the_fight_for_it():
    text = ("Rebels overran a border post on Saturday, killing six guards, officials said. "
            "An officer said soldiers had retaken the post with air support.")
    assert event(text, "retaken").date == "2025-05-10"
