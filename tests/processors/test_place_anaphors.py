"""Places a sentence gives without "in": a place named again by its head noun ("in the same province", "in
the regency") is the place named before, and a town the sentence names is the event's before the dateline."""

from __future__ import annotations

import datetime as dt

from newswire.processors.extract import extract


def _events(text: str) -> dict[str, str | None]:
    return {e.trigger: e.location for e in extract(text, dt.date(2026, 7, 1)).events}


def test_the_same_region_is_the_region_named_before():
    text = ("LIMA (Newswire) - Floods have cut roads in northern Peru, officials said on Monday.\n\n"
            "The Tumbes region has been the worst hit this year. A landslide in the same region in March "
            "killed 12 people.")
    assert _events(text)["landslide"] == "Tumbes region"


def test_the_same_city_is_the_city_of_its_name():
    text = ("RABAT (Newswire) - A house fell in the old Moroccan city of Meknes on Monday, officials said.\n\n"
            "Old houses often fall in the country. Last year, a collapse in the same city killed four people.")
    assert _events(text)["collapse"] == "Meknes"


def test_in_the_regency_is_the_regency_named_before():
    text = ("JAKARTA (Newswire) - Floods hit Garut regency in West Java on Monday, officials said.\n\n"
            "About 900 residents have been evacuated from homes in the regency.")
    assert _events(text)["evacuated"] in ("Garut", "Garut regency")


def test_in_the_region_without_same_is_left_alone():
    text = ("LIMA (Newswire) - Floods have cut roads in northern Peru, officials said on Monday.\n\n"
            "The Tumbes region was hit hardest. About 900 residents have been evacuated from homes in the region.")
    assert _events(text)["evacuated"] != "Tumbes region"


def test_a_town_the_sentence_names_outside_a_locative_beats_the_dateline():
    text = ("NIAMEY (Newswire) - Gunmen attacked an army post near Agadez in Niger on Monday, officials said.\n\n"
            "Aid groups are worried. Agadez has been under a blockade by armed groups for two years, aid workers say.")
    assert _events(text)["blockade"] == "Agadez"


def test_a_town_of_another_country_than_the_datelines_is_not_taken():
    text = ("NIAMEY (Newswire) - Gunmen attacked an army post near Agadez in Niger on Monday, officials said.\n\n"
            "Aid groups are worried. Lagos has been under a blockade by armed groups for two years, aid workers say.")
    assert _events(text)["blockade"] != "Lagos"
