"""A body's observers, monitors or volunteers are named by the body and the noun (processors.actor_members):
"Union of Lakeshore States (ULS) observers" pairs with "ULS observers" and with the body alone."""

from newswire.processors.extract import extract


def _actors(text: str, trigger: str) -> tuple[str, ...]:
    at = text.index(trigger)
    return next(e for e in extract(text, None).events if e.start <= at < e.end).actors


def test_observers_from_a_body_are_its_observers():
    text = ("Observers from the Union of Lakeshore States (ULS), who deployed 80 monitors, said on Sunday "
            "that voting had been orderly.")
    assert _actors(text, "said") == ("Union of Lakeshore States (ULS) observers",)


def test_a_bodys_volunteers_are_named_with_it():
    text = ("The Lakeshore Red Crescent Society said on Sunday that it had sent teams to the coast. "
            "LRCS volunteers distributed food to 4,000 families on Monday.")
    assert _actors(text, "distributed")[0] == "Lakeshore Red Crescent Society (LRCS) volunteers"


def test_an_adjective_before_observers_from_a_body_is_no_body():
    text = "Electoral observers from the Lakeshore Union praised the vote as calm."
    assert _actors(text, "praised") == ("Lakeshore Union observers",)


def test_an_office_before_its_holder_in_commas_is_the_holders_title():
    text = "The Minister of Water, Dr Ana Banda, visited the flooded district on Monday."
    assert _actors(text, "visited") == ("Dr Ana Banda",)


def test_the_minister_said_is_the_holder_named_before_in_commas():
    text = ("The Minister of Water, Ana Banda, toured the flooded district on Monday. "
            "Speaking in Mzuzu, the minister said the dykes had held.")
    assert _actors(text, "said") == ("Ana Banda",)


def test_a_currencys_country_is_no_actor():
    text = ("Dr Ana Banda visited the camp on Monday, where she handed over supplies worth US$ 78,000 "
            "and met village chiefs.")
    assert "United States" not in _actors(text, "met")
