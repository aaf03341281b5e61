"""What an office decides happens at the seat the story is filed from, a release's "Town, date" line is its
dateline, a nation's win of a vote keeps the nation, and an act told as background is not placed at this
story's scene (``processors.place_statements``, ``processors.dateline``, ``processors.place_home``)."""

from __future__ import annotations

import datetime as dt

from newswire.processors.dateline import find_dateline
from newswire.processors.extract import extract
from newswire.processors.place_home import background
from newswire.processors.places import find_places
from newswire.processors.sentences import split_sentences


def _events(text: str) -> dict[str, str | None]:
    return {e.trigger: e.location for e in extract(text, dt.date(2026, 7, 1)).events}


def test_a_release_line_of_town_and_full_date_is_its_dateline():
    line = find_dateline("Nairobi, 14 June 2026\n\nThe central bank kept its policy rate unchanged.")
    assert line is not None and line.place == "Nairobi" and line.date_text == "14 June 2026"
    line = find_dateline("Lima, June 14, 2026.\nThe ministry reported new cases.")
    assert line is not None and line.place == "Lima"


def test_a_sentence_opening_on_a_town_is_no_dateline():
    assert find_dateline("Nairobi, the capital, was calm on 14 June 2026 as talks resumed.\nMore") is None
    assert find_dateline("Nairobi, 14 June\nThe bank met.") is None   # no year: not a release's line


def test_an_office_decision_in_a_story_filed_from_its_seat_takes_the_seat():
    text = ("Nairobi, 14 June 2026\n\nThe Central Bank of Kenya decided to keep its policy rate at 9 percent.\n\n"
            "Inflation in Kenya slowed to 5.1 percent in May.")
    assert _events(text)["decided"] == "Nairobi"


def test_a_nation_winning_a_vote_keeps_the_nation():
    text = ("SKOPJE (Newswire) - North Macedonia's opposition won the most votes in Sunday's parliamentary "
            "election, the electoral commission said on Monday.")
    assert _events(text)["won"] == "North Macedonia"


def test_an_act_told_as_background_is_not_the_story():
    text = "Violence has soared since the government deployed the army against the cartels in 2006."
    assert background(text, text.index("deployed"))
    text = "The region has been unstable since 2013, when a rebel coalition ousted the president."
    assert background(text, text.index("ousted"))
    text = "The army deployed troops to the border town on Monday, the ministry said."
    assert not background(text, text.index("deployed"))


def test_a_state_act_of_the_story_background_keeps_the_country():
    text = ("CULIACAN (Newswire) - Gunmen killed six people at a checkpoint in Culiacan on Monday.\n\n"
            "Mexico has recorded thousands of killings since the government deployed the army in the fight "
            "against the cartels in 2006.")
    assert _events(text)["deployed"] == "Mexico"


def test_a_time_since_a_month_before_the_act_is_not_background():
    text = "Shares had their worst week since early May amid growing protests in the city."
    assert not background(text, text.index("protests"))


def test_a_running_tally_of_the_nation_takes_the_country_not_the_dateline_town():
    text = ("KUMASI (Newswire) - A court in Kumasi jailed three men on Monday for illegal gold mining.\n\n"
            "Ghana has lost much of its forest to the pits. Police seized 400 excavators in 2025, most of them "
            "from foreign-run sites.")
    assert _events(text)["seized"] == "Ghana"


def test_a_coup_is_the_nation_s_not_the_town_s():
    text = ("MANDALAY (Newswire) - Troops shelled three villages near Mandalay on Monday.\n\n"
            "The region has been a centre of resistance to the 2021 coup.")
    assert _events(text)["coup"] == "Myanmar"


def test_a_release_opening_on_town_and_date_closed_by_a_full_stop_has_that_dateline():
    line = find_dateline("Quito, March 3, 2026. The risk management secretariat reports new floods.")
    assert line is not None and line.place == "Quito" and line.body_start == len("Quito, March 3, 2026. ")


def test_a_hazard_affecting_a_region_takes_that_region():
    text = ("Quito, March 3, 2026. The secretariat reports the following update on the floods affecting the "
            "Manabí province, with data as of 08:00 today.")
    assert _events(text)["floods"] == "Manabí province"


def test_a_speaker_placed_before_an_aside_speaks_from_that_place():
    text = ("LOMÉ (Newswire) - Air strikes hit several villages in the north on Friday, the army said.\n\n"
            "A local official in Dapaong, speaking on condition of anonymity, told reporters that five "
            "civilians had been killed.")
    assert _events(text)["told"] == "Dapaong"


def test_a_currency_named_after_a_country_is_no_place():
    text = ("MUTARE, Zimbabwe (Newswire) - A bus crash killed nine people on Monday.\n\nThe transport minister "
            "said the state would pay 800 U.S. dollars to each family.")
    layer = find_places(text, split_sentences(text))
    assert not [pm for pm in layer.mentions if pm.text == "U.S."]
