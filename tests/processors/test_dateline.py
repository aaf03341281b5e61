"""Datelines at the head of wire copy: the default place of an article, and the date some of them carry."""

from __future__ import annotations

import datetime as dt

import pytest

from newswire.processors.dateline import dateline_date, find_dateline


@pytest.mark.parametrize("text, place, region, agency, date", [
    ("KHAN YUNIS (AFP) - Rescuers searched the rubble.", "Khan Yunis", None, "AFP", None),
    ("BOSTON (AP) — The city council voted on Tuesday.", "Boston", None, "AP", None),
    ("MADRID, March 3 (Reuters) - Spain's economy grew.", "Madrid", None, "Reuters", "March 3"),
    ("KANDAHAR, Afghanistan — A roadside bomb went off.", "Kandahar", "Afghanistan", None, None),
    ("Lagos, Nigeria (AFP) -- Floods cut the main road.", "Lagos", "Nigeria", "AFP", None),
    ("SPRINGFIELD, Ill. (AP) — Lawmakers met late.", "Springfield", "Ill.", "AP", None),
    ("Denver – Hundreds of nurses walked out.", "Denver", None, None, None),
    ("Tokyo (CNN Business) Markets opened lower.", "Tokyo", None, "CNN Business", None),
    ("  PARIS, 14 July (AFP) - Crowds gathered.", "Paris", None, "AFP", "14 July"),
    ("FRANKFURT—The central bank held rates.", "Frankfurt", None, None, None),   # a long dash, no spaces
])
def test_datelines(text, place, region, agency, date):
    line = find_dateline(text)
    assert (line.place_name, line.region, line.agency, line.date_text) == (place, region, agency, date)
    assert text[line.start:line.end].lower() == place.lower()
    assert text[line.body_start].isupper()   # the story starts right after it


@pytest.mark.parametrize("text", [
    "The mayor of Lyon said on Monday that the bridge would reopen.",
    "BREAKING: a strong earthquake has hit the coast.",
    "Officials - speaking on condition of anonymity - said so.",
    "",
    "UN",
])
def test_texts_without_a_dateline(text):
    assert find_dateline(text) is None


def test_the_dateline_date_takes_its_year_from_publication():
    assert dateline_date("MADRID, March 3 (Reuters) - Shares fell.", dt.date(2024, 3, 4)) == "2024-03-03"
    # written on Dec 31, published Jan 2: last year's date
    assert dateline_date("OSLO, Dec 31 (Reuters) - Fireworks.", dt.datetime(2025, 1, 2, 8)) == "2024-12-31"
    assert dateline_date("ROME, 5 May 2019 (AFP) - Rain.", None) == "2019-05-05"
    assert dateline_date("ROME, May 5 (AFP) - Rain.", None) is None          # no year to be had
    assert dateline_date("ROME (AFP) - Rain.", dt.date(2024, 1, 1)) is None  # no date written
    assert dateline_date("ROME, Feb 30 (AFP) - Rain.", dt.date(2024, 3, 1)) is None
    assert dateline_date("No dateline here.", dt.date(2024, 1, 1)) is None


@pytest.mark.parametrize("text, place, date", [
    ("FORT HOOD, Texas (Oct. 2, 2024) -- Soldiers of the brigade returned.", "Fort Hood", "Oct. 2, 2024"),
    ("MOSUL, Iraq (2 October 2024) – Engineers cleared the road.", "Mosul", "2 October 2024"),
    ("DENVER (Oct. 2, 2024) The county opened a shelter.", "Denver", "Oct. 2, 2024"),
    ("ATLANTA — (Wednesday, Oct. 2, 2024) The agency confirmed two cases.", "Atlanta", "Oct. 2, 2024"),
])
def test_a_release_s_date_in_brackets(text, place, date):
    line = find_dateline(text)
    assert (line.place_name, line.date_text) == (place, date)
    assert text[line.body_start:].startswith(("Soldiers", "Engineers", "The"))
    assert dateline_date(text, dt.date(2024, 10, 4)) == "2024-10-02"


@pytest.mark.parametrize("text", [
    "Oct. 2, 2024 -- The agency confirmed two cases.",
    "Wednesday, October 2, 2024 - The county opened a shelter.",
    "FOR IMMEDIATE RELEASE\nWednesday, October 2, 2024\nThe county opened a shelter.",
    "For Immediate Release: Oct. 2, 2024 Contact: the press office",
    "October 2, 2024 DENVER - The county opened a shelter.",
])
def test_a_date_alone_opening_a_release_is_its_date(text):
    assert find_dateline(text) is None or find_dateline(text).place_name == "Denver"
    assert dateline_date(text, dt.date(2024, 10, 4)) == "2024-10-02"


def test_a_weekday_or_a_month_is_no_dateline_place():
    assert find_dateline("Wednesday, October 2, 2024 - The county opened a shelter.") is None
    assert find_dateline("MARCH - Ten thousand people walked.") is None
    # a date that opens a sentence is no dateline
    assert dateline_date("October 2, 2024 was the wettest day of the year.", dt.date(2024, 10, 4)) is None


def test_a_region_of_several_words_with_of_stays_in_the_dateline():
    line = find_dateline("BUKAVU, Democratic Republic of Congo, Feb 9 (Reuters) - Rebels advanced on the town.")
    assert (line.place, line.region, line.agency, line.date_text) == (
        "BUKAVU", "Democratic Republic of Congo", "Reuters", "Feb 9")


def test_a_release_heading_line_comes_before_its_dateline():
    line = find_dateline("MINISTRY OF HEALTH PRESS RELEASE\n\nLILONGWE - The ministry confirmed 12 new cases.")
    assert line.place == "LILONGWE" and line.body_start == len("MINISTRY OF HEALTH PRESS RELEASE\n\nLILONGWE - ")
    line = find_dateline("Flood Situation Report No. 3 - Southern Region\n\nBLANTYRE, 4 March 2026 - Rivers rose.")
    assert (line.place, line.date_text) == ("BLANTYRE", "4 March 2026")
    # a first paragraph that is a sentence is no heading
    assert find_dateline("Rivers rose again on Monday.\n\nBLANTYRE - Crews worked.") is None
