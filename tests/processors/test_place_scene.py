"""The follow-up acts of a fight that name no place of their own happen at the scene the lede gives."""

from __future__ import annotations

import datetime as dt

from newswire.processors.extract import extract


def _events(text: str) -> dict[str, str | None]:
    return {e.trigger: e.location for e in extract(text, dt.date(2026, 7, 1)).events}


def test_a_capture_with_no_place_of_its_own_is_at_the_ledes_province():
    text = ("NIAMEY (Newswire) - Niger's army said on Monday it had killed 30 fighters in a sweep of rebel camps "
            "in the Tillaberi region.\n\nThe army also captured nine others and seized weapons, a spokesman "
            "told state television.")
    assert _events(text)["captured"] in ("Tillaberi", "Tillaberi region")


def test_a_lede_that_names_only_the_country_takes_the_town_of_the_next_sentence():
    text = ("NIAMEY (Newswire) - Gunmen killed 12 people in an attack on a town in western Niger, officials "
            "said on Monday.\n\nThe assault on Ayorou began at dawn, the officials said.\n\n"
            "Soldiers later clashed with the gunmen for several hours.")
    assert _events(text)["clashed"] == "Ayorou"


def test_a_statement_stays_at_the_dateline():
    text = ("NIAMEY (Newswire) - Niger's army said on Monday it had killed 30 fighters in a sweep of rebel camps "
            "in the Tillaberi region.\n\nThe government condemned the violence, a spokesman said.")
    assert _events(text)["condemned"] != "Tillaberi region"


def test_a_scene_in_another_country_than_the_datelines_is_not_carried():
    text = ("GENEVA (Newswire) - Fighting near Goma in Congo killed 20 people, the UN said on Monday.\n\n"
            "Troops later captured 15 fighters and seized weapons, officials told the agency.")
    assert _events(text)["captured"] != "Goma"
