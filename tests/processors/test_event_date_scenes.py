"""Event dates carried from the scene a sentence sets, periods of days, "since Tuesday", coordinated verbs
(``processors.date_scenes`` through ``processors.event_dates``). Every sentence here is invented."""

import datetime as dt

from newswire.processors.date_scenes import period_of_days
from newswire.processors.dates import find_time_expressions

from tests.processors.test_events import MONDAY, event


def test_a_day_no_trigger_took_dates_the_next_sentences_incidents():
    text = ("Hundreds of farmers gathered outside the district office on Saturday night. Police said they "
            "detained nine people after scuffles.")
    assert event(text, "detained").date == "2025-05-10"
    assert event(text, "scuffles").date == "2025-05-10"


def test_a_scene_does_not_reach_another_case_or_a_later_act():
    other = ("On Saturday night, a patrol boat stopped a fishing vessel off the cape. In another case, the crew "
             "detained four smugglers.")
    assert event(other, "detained").date is None
    later = "Customs found the shipment at the port on Saturday night. Officers later raided 12 warehouses."
    assert event(later, "raided").date is None


def test_a_scene_stays_in_its_paragraph():
    text = "Hundreds of farmers gathered outside the district office on Saturday night.\n\nPolice detained nine people."
    assert event(text, "detained").date is None


def test_since_a_weekday_is_the_day_it_began():
    assert event("About 800 villagers have fled toward the coast since Friday.", "fled").date == "2025-05-09"
    assert event("About 800 villagers have fled toward the coast since March.", "fled").date is None


def test_a_while_clause_has_its_own_time():
    text = ("A farmer drowned in a canal yesterday afternoon, while a girl was swept away by the current near "
            "the bridge on Saturday evening.")
    assert event(text, "swept away").date == "2025-05-10"


def test_a_stretch_of_days_is_its_month_or_nothing():
    assert period_of_days("after three days of heavy fighting", 26, "2025-05-09") == "2025-05"
    assert period_of_days("after three days of heavy fighting", 26, "2025-05-30") is None
    assert period_of_days("after the fighting", 10, "2025-05-30") == "2025-05-30"
    text = "At least 20 people were killed in three days of fighting that began on Saturday night, medics said."
    assert event(text, "fighting", dt.date(2025, 6, 2)).date is None   # May 31 to June 2


def test_the_end_of_a_counts_window_dates_no_lead():
    text = "The health ministry has urged farmers to seek early care, with 900 cases in the four weeks to 10 May."
    assert event(text, "urged").date is None


def test_a_span_between_parts_of_months_is_vague():
    [e] = find_time_expressions("The boats were stopped between mid-March and late April.", published=MONDAY)
    assert (e.kind, e.value) == ("span", None)


def test_a_claim_takes_the_date_after_its_object():
    text = "The challenger claimed victory on Sunday after results gave him a narrow lead."
    assert event(text, "claimed").date == "2025-05-11"


def test_a_verb_joined_by_and_shares_the_date_before_the_first():
    text = "The government on Friday condemned the border raid and summoned the neighbouring country's envoy."
    assert event(text, "summoned").date == "2025-05-09"


def test_what_happened_since_then_has_no_one_day():
    text = "Rebels left the town on Friday, and soldiers have detained dozens of young men since then."
    assert event(text, "detained").date is None
    assert event("Soldiers detained dozens of young men on Friday.", "detained").date == "2025-05-09"


def test_the_cause_of_a_present_state_takes_no_earlier_day():
    text = ("A cyclone struck the coast on Friday, destroying 3,000 homes. The highway to the capital remains "
            "blocked by landslides, officials said.")
    assert event(text, "landslides").date is None


def test_the_past_day_is_a_window_across_two_days():
    text = ("Troops captured a village in the east on Sunday. The general staff said its forces had repelled 37 "
            "assaults over the past day.")
    assert event(text, "repelled").date is None
