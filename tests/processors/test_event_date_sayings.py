"""Event dates of sayings and of what a story tells past its background (``processors.date_claims``,
``processors.date_scenes`` through ``processors.event_dates``). Every sentence here is invented."""

import datetime as dt

from tests.processors.test_events import event


def test_a_name_joined_by_and_is_no_second_clause():
    text = ("On 3 May 2025, the Ministry of Water and Rural Development notified the commission of a rise in "
            "cholera cases.")
    assert event(text, "notified").date == "2025-05-03"


def test_a_saying_keeps_its_date_past_its_audience_and_place():
    text = ('"The count was fair," the candidate told reporters at a hotel in the old quarter of Lagos on Saturday.')
    assert event(text, "told").date == "2025-05-10"


def test_a_long_gap_with_a_modal_is_what_was_said():
    text = "The minister said the army would complete the operation in the border districts on Saturday."
    assert event(text, "said").date is None


def test_overrunning_a_post_is_dated_with_the_attack():
    text = ("Gunmen killed nine soldiers in an attack on a border post on Saturday, officials said.\n\n"
            "The gunmen overran the post and held it until dusk.")
    assert event(text, "overran").date == "2025-05-10"


def test_a_background_month_stays_in_its_paragraph():
    text = ("Gunmen killed nine soldiers in an attack on a border post on Saturday, officials said.\n\n"
            "The group carried out an ambush near the town in March that killed 12 soldiers.\n\n"
            "Witnesses said the gunmen set fire to the market before leaving.")
    assert event(text, "set fire to").date != "2025-03"


def test_the_occasion_of_a_saying_takes_its_date():
    text = "The prime minister said in a speech last week that the economy had turned the corner."
    assert event(text, "speech").date == "2025-05"


def test_what_happened_in_a_stretch_of_days_crossing_a_month_has_no_day():
    text = "Troops arrested 11 suspects on Wednesday in a four-day operation in the hills."
    assert event(text, "arrested", published=dt.date(2025, 5, 2)).date is None
    assert event(text, "arrested", published=dt.date(2025, 5, 22)).date == "2025-05"


def test_a_win_is_dated_by_its_results():
    text = ("The Farmers' Party won the most seats in the general election, according to final results published "
            "by the commission on Saturday.")
    assert event(text, "won").date == "2025-05-10"


def test_police_dispersing_a_crowd_take_the_day_of_the_gathering():
    text = ("Hundreds of traders gathered outside the town hall on Saturday morning. Police fired tear gas to "
            "disperse them.")
    assert event(text, "fired").date == "2025-05-10"


def test_an_undated_saying_of_wire_copy_is_undated_but_a_release_speaks_on_its_date():
    wire = "KAMPALA, May 12 (Reuters) - Gunmen killed four herders in the north on Sunday, police sources said."
    assert event(wire, "said").date is None
    release = "KAMPALA, 12 May 2025 - The Ministry of Defence said troops repelled an attack on a border post."
    assert event(release, "said").date == "2025-05-12"


def test_the_courts_orders_share_its_verdicts_day_through_the_story():
    text = ("A court in the capital on Friday sentenced three former customs officers to ten years in prison. "
            "The officers had taken bribes over four years. Prosecutors had sought longer terms. "
            "Their lawyers said they would appeal. Their families wept in the gallery. "
            "The court ordered the confiscation of two houses.")
    assert event(text, "ordered the confiscation").date == "2025-05-09"
