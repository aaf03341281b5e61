"""Actors of security and disaster copy: a sentence's first word before a crew's plural is no name, and
the usual unnamed bodies of such copy (inspectors, coalition forces, border guards) act."""

from __future__ import annotations

import datetime as dt

import pytest

from newswire.processors.extract import extract


def _actors(text: str, trigger: str) -> tuple[str, ...]:
    return next(e.actors for e in extract(text, dt.date(2026, 2, 2)).events if e.trigger == trigger)


@pytest.mark.parametrize("text, trigger, actor", [
    ("Coalition forces boarded a fishing boat and seized 20 boxes of rifles.", "seized", "coalition forces"),
    ("Border guards detained 11 migrants near the river crossing.", "detained", "border guards"),
    ("Inspectors fined the owners of six bakeries for hygiene lapses.", "fined", "inspectors"),
])
def test_unnamed_bodies_act(text, trigger, actor):
    assert actor in _actors(text, trigger)


def test_a_sentence_initial_modifier_of_a_crew_is_no_name():
    text = "Relief teams evacuated 300 residents from the flooded district."
    assert "Relief" not in _actors(text, "evacuated")


def test_coordinated_demonyms_before_a_state_noun_are_both_states():
    actors = _actors("Kenyan and Ugandan police arrested six smugglers at the border post.", "arrested")
    assert "Kenya" in actors and "Ugandan police (Uganda)" in actors


def test_a_forces_media_wing_or_press_service_speaks():
    text = "Troops killed four gunmen in a raid on Sunday, the army's media wing said."
    assert _actors(text, "said") == ("army's media wing",)
    assert _actors("The presidential press service said the talks went well.", "said") == (
        "presidential press service",)
