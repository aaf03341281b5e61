"""Event dates in wire copy, health updates and military releases: the dateline's own date, the day a
count is taken, and a date standing between a noun trigger and a verb."""

from __future__ import annotations

import datetime as dt

from newswire.processors.extract import extract


def _dates(text: str, published: dt.date) -> dict[str, str | None]:
    return {e.trigger: e.date for e in extract(text, published).events}


def test_a_dated_dateline_leaves_the_lead_its_own_weekday():
    text = ("HARARE, May 6 (Newswire) - Gunmen raided a border post in the east of the country on Monday, "
            "police said.")
    assert _dates(text, dt.date(2026, 5, 6))["raided"] == "2026-05-04"


def test_an_undated_lead_still_takes_the_datelines_date():
    text = "HARARE, May 6 (Newswire) - Gunmen raided a border post in the east of the country, police said."
    assert _dates(text, dt.date(2026, 5, 6))["raided"] == "2026-05-06"


def test_the_day_a_count_is_taken_dates_no_event():
    text = ("The measles outbreak in the northern districts has reached 912 cases as of March 2, the regional "
            "health office said on Thursday.")
    dates = _dates(text, dt.date(2026, 3, 5))
    assert dates["outbreak"] is None
    assert dates["said"] == "2026-03-05"


def test_the_end_of_a_state_is_no_events_day():
    text = "Heavy snow shut the mountain pass. The road was closed until Friday, the transport agency said."
    assert _dates(text, dt.date(2026, 1, 14))["closed"] is None


def test_a_date_between_a_noun_trigger_and_a_verb_is_the_nouns():
    text = "The spokesman said a drone strike on Tuesday destroyed an arms depot outside the town."
    dates = _dates(text, dt.date(2026, 9, 10))
    assert dates["drone strike"] == "2026-09-08"
    assert dates["said"] is None


def test_a_date_right_before_a_verb_still_dates_the_verb():
    text = "A militia leader on Sunday accused the army of shelling villages in the valley."
    dates = _dates(text, dt.date(2026, 9, 15))
    assert dates["accused"] == "2026-09-13"


def test_an_undated_lead_incident_on_the_datelines_day_carries_to_the_next_sentence():
    text = ("DONETSK, Aug 12 (Newswire) - Artillery shelled the district overnight, local officials said.\n\n"
            "Air defence units shot down six drones over the city, the army said.")
    dates = _dates(text, dt.date(2026, 8, 12))
    assert dates["shelled"] == "2026-08-12"
    assert dates["shot down"] == "2026-08-12"


def test_a_clock_time_before_a_bracketed_time_zone_ends_no_sentence():
    from newswire.processors.sentences import split_sentences
    text = "On June 3, between 8 p.m. and 10 p.m. (Kyiv time), navy jets struck two radar sites. It was calm."
    assert len(split_sentences(text)) == 2
    assert _dates(text, dt.date(2026, 6, 4))["struck"] == "2026-06-03"
    assert len(split_sentences("Polls closed at 8 p.m. Counting began at once.")) == 2


def test_a_second_verb_of_one_subject_shares_its_date():
    text = "The governor toured the flooded towns on Friday and announced emergency funds for farmers."
    assert _dates(text, dt.date(2026, 8, 10))["announced"] == "2026-08-07"


def test_an_act_during_a_dated_happening_shares_its_date():
    text = "Dozens of students were detained during Saturday's march on the parliament, officials said."
    dates = _dates(text, dt.date(2026, 8, 10))
    assert dates["detained"] == "2026-08-08"


def test_rate_decisions_and_easing_prices_are_events():
    text = ("The central bank cut its main refinancing rate by half a point on Thursday. Inflation eased to "
            "3 percent in May.")
    events = {e.trigger: e.type for e in extract(text, dt.date(2026, 6, 12)).events}
    assert events.get("cut") == "decision"
    assert events.get("eased") == "change"


def test_overnight_is_the_release_day_or_the_day_just_named():
    dates = _dates("Overnight, air defences downed 12 drones over the capital, the ministry said.", dt.date(2026, 3, 16))
    assert dates["downed"] == "2026-03-16"
    text = "The army said on Sunday that soldiers had arrested nine suspects in overnight raids."
    dates = _dates(text, dt.date(2026, 3, 16))
    assert dates["raids"] == "2026-03-15"
    assert dates["arrested"] == "2026-03-15"


def test_a_day_after_clause_counts_from_the_main_clauses_day():
    text = "Riot police dispersed the crowd on Friday, a day after the election commission declared the results."
    dates = _dates(text, dt.date(2026, 3, 14))
    assert dates["dispersed"] == "2026-03-13"
    assert dates["declared"] == "2026-03-12"
    own = _dates("Riot police dispersed protesters on Friday, a day after judges annulled the March 1 vote.",
                 dt.date(2026, 3, 14))
    assert own["vote"] == "2026-03-01"
