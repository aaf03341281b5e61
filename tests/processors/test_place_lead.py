"""The lede's wide place made exact by the next sentence, and names the place layer used to miss: hyphenated
Persian-style names, a place "above" something, Indonesian regencies, communes, and "US$" (a currency)."""

from __future__ import annotations

import datetime as dt

from newswire.processors.extract import extract
from newswire.processors.places import find_places
from newswire.processors.sentences import split_sentences


def _events(text: str) -> dict[str, str | None]:
    return {e.trigger: e.location for e in extract(text, dt.date(2026, 7, 1)).events}


def _names(text: str) -> list[str]:
    """The places the text uses as places (not only as a modifier: "the Ohio company")."""
    return [m.text for m in find_places(text, split_sentences(text)).mentions if m.locative]


def test_a_lede_attack_in_a_country_takes_the_village_the_next_sentence_names():
    text = ("NIAMEY (Newswire) - Gunmen attacked an army post in western Niger on Monday, killing nine soldiers, "
            "officials said.\n\nThe fighters came from the border toward the town of Zorbak and struck the post "
            "near the village of Tillakaret, the officials said.")
    assert _events(text)["attacked"] == "Tillakaret"


def test_a_lede_quake_keeps_its_region():
    text = ("ANKARA (Newswire) - A strong earthquake struck eastern Turkey on Monday, killing six people.\n\n"
            "Most of the dead were in Karakocan, where two buildings fell.")
    assert _events(text)["earthquake"] == "Turkey"


def test_a_later_sentence_does_not_refine_a_lede_it_does_not_follow():
    text = ("NIAMEY (Newswire) - Gunmen attacked an army post in western Niger on Monday.\n\nThe president was "
            "in Paris.\n\nA market opened in the village of Tillakaret.")
    assert _events(text)["attacked"] == "Niger"


def test_hyphenated_names_and_a_sentence_opening_in_are_places():
    assert "Pul-e-Khumri" in _names("Aid arrived on Monday. In Pul-e-Khumri, nine homes collapsed.")
    assert "Dasht-i-Nawar" in _names("Teams were sent to the clinic in Dasht-i-Nawar, which is full.")


def test_regencies_communes_and_above_are_places():
    found = _names("Rain loosened a slope above Karangtengah village in Sumberlor regency on Monday.")
    assert found == ["Karangtengah village", "Sumberlor regency"]
    assert "Fondwa" in _names("The gang stormed Fondwa, a commune in Léogâne district, on Friday.")


def test_a_currency_prefix_is_no_place():
    assert _names("The agency released US$ 400 000 and NZ$20,000 for the clinics.") == []


def test_a_national_election_is_the_countrys_not_its_capitals():
    text = ("DAKAR (Newswire) - The electoral board on Monday named Awa Diop the winner of Sunday's presidential "
            "election, with 51 percent of the vote.")
    assert _events(text)["election"] == "Senegal"
    local = "DAKAR (Newswire) - Turnout was low in Sunday's municipal election, the board said."
    assert _events(local)["election"] == "Dakar"
