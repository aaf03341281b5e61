"""Event dates (``processors.event_dates``, ``processors.date_claims``, ``processors.dates``): which
time word dates which happening. Every sentence here is invented."""

import datetime as dt

import pytest

from newswire.processors.dateline import dateline_date, find_dateline
from newswire.processors.dates import find_time_expressions

from tests.processors.test_events import MONDAY, event


def expr(text, published=MONDAY):
    [e] = find_time_expressions(text, published=published)
    return e


def test_a_dateline_region_may_be_a_country_with_small_words_in_its_name():
    text = "BUKAVU, Democratic Republic of Congo, May 12 (Reuters) - Clashes that broke out on Friday have killed 9."
    line = find_dateline(text)
    assert (line.place, line.region, line.date_text) == ("BUKAVU", "Democratic Republic of Congo", "May 12")
    assert dateline_date(text, MONDAY) == "2025-05-12"
    assert event(text, "Clashes").date == "2025-05-09"   # the line's date is the release's, not the clash's


@pytest.mark.parametrize("text, published, value", [
    ("Some 3,000 families fled over the weekend.", MONDAY, "2025-05"),
    ("The ministers will meet at the weekend.", MONDAY, "2025-05"),   # the next one: May 17-18
    ("Some 3,000 families fled over the weekend.", dt.date(2025, 6, 2), None),   # May 31 - June 1
])
def test_a_weekend_is_its_month(text, published, value):
    found = [e for e in find_time_expressions(text, published=published) if "weekend" in e.text]
    assert [e.value for e in found] == [value]


def test_a_weekend_dates_an_event_by_its_month():
    assert event("About 2,000 families fled over the weekend.", "fled").date == "2025-05"


@pytest.mark.parametrize("text, value", [
    ("The agency paid the firm this fall.", "2019"),
    ("Rains flooded the valley last summer.", "2019"),
    ("The dam will open next spring.", "2020"),
    ("Snow cut the pass last winter.", None),   # a winter straddles two years
])
def test_a_season_is_its_year(text, value):
    assert expr(text, dt.date(2019, 11, 19)).value == value


def test_a_span_of_months_is_vague():
    e = expr("Prices rose between January and June.")
    assert (e.kind, e.value, e.vague) == ("span", None, True)
    assert expr("They ran the office from 2017 to 2020.").value is None


def test_a_span_dates_no_event_even_beside_a_dated_clause():
    text = "A mayor was shot dead in March, and monitors recorded 40 killings of activists between January and April."
    assert event(text, "killings").date is None


def test_overnight_is_the_night_into_the_day_the_sentence_names():
    text = "Russia fired 80 drones overnight, the air force said on Sunday."
    assert [e.value for e in find_time_expressions(text, published=MONDAY)] == ["2025-05-11", "2025-05-11"]
    assert expr("Russia fired 80 drones overnight.").value == "2025-05-12"


def test_of_two_coordinated_verbs_each_takes_the_date_after_it():
    text = "The patient fell ill on 3 May and died at home on 9 May."
    assert event(text, "died").date == "2025-05-09"


def test_a_semicolon_parts_a_date_from_the_next_clause():
    assert event("The farmer died on 9 May; he was buried without a ceremony.", "buried").date is None


def test_a_court_act_keeps_the_day_of_the_verdict():
    text = ("A court on Friday sentenced a former mayor to ten years in prison. The judge also fined him 2 million "
            "pesos. Two aides were jailed for three years, while a third was acquitted.")
    assert [event(text, t).date for t in ("sentenced", "fined", "jailed", "acquitted")] == ["2025-05-09"] * 4


def test_an_economic_change_keeps_the_period_of_the_last_one():
    text = "Inflation eased to 3.1 percent in April. Food prices rose 4 percent."
    assert event(text, "eased").date == "2025-04"
    assert event(text, "rose").date == "2025-04"


def test_a_background_clause_after_a_saying_is_undated():
    text = ("Shelling killed 12 people on Sunday, officials said on Monday, as rebels pressed their offensive "
            "on the city.")
    assert event(text, "offensive").date is None
    assert event(text, "Shelling").date == "2025-05-11"


def test_a_possessive_date_is_its_nouns():
    text = "Police arrested the organiser of last week's anti-government protest on Saturday."
    assert event(text, "arrested").date == "2025-05-10"
    assert event(text, "protest").date == "2025-05"


def test_a_habitual_month_dates_nothing():
    text = "Health officials warned that the outbreak, which usually peaks in August, could overwhelm clinics."
    assert event(text, "outbreak").date is None
    assert event(text, "warned").date is None


def test_a_date_after_a_reported_verb_is_that_verbs():
    text = "Health officials said the boy died on Tuesday."
    assert event(text, "died").date == "2025-05-06"
    assert event(text, "said").date is None


def test_a_saying_does_not_take_a_date_past_that():
    text = "Officials confirmed that the attack happened on Monday."
    assert event(text, "confirmed").date is None
    assert event(text, "attack").date == "2025-05-12"


def test_a_relative_clause_dates_its_noun_first():
    text = "Last month officials called off the hearings, which are now scheduled to resume in February."
    assert event(text, "hearings").date == "2026-02"


def test_a_date_inside_an_aside_is_the_asides():
    text = "The rebels, who seized the town on Monday, killed 12 villagers."
    assert event(text, "killed").date is None


def test_a_present_perfect_lead_takes_the_day_its_story_names():
    text = "Prosecutors have dropped the case against the singer. The decision was announced on Friday, a spokesman said."
    assert event(text, "dropped").date == "2025-05-09"
