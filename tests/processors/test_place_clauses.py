"""Which clause a place is in: the tests ``processors.places`` reads between an event's word and a place."""

from __future__ import annotations

from newswire.processors.place_clauses import about_something_else, armed_forces, goes_on, next_clause_between


def span(text, word):
    at = text.index(word)
    return at, at + len(word)


def test_a_participle_phrase_goes_on_with_the_act():
    text = "Israel ended the truce, which lasted a month, on May 2, launching raids in Gaza."
    _, end = span(text, "ended")
    assert goes_on(text, end, text.index("Gaza"))
    text = "Israel ended the truce, which lasted a month in Gaza."
    assert not goes_on(text, span(text, "ended")[1], text.index("Gaza"))
    text = "Israel ended the truce; raids went on in Gaza."
    assert not goes_on(text, span(text, "ended")[1], text.index("Gaza"))


def test_a_clause_about_someone_or_something_else():
    text = "Police detained the singer, who lives in Paris, at the airport."
    start, end = span(text, "detained")
    at = text.index("Paris")
    assert about_something_else(text, 0, start, end, at, at + 5)
    text = "Although she was born in Lyon, the court convicted her."
    start, end = span(text, "convicted")
    at = text.index("Lyon")
    assert about_something_else(text, 0, start, end, at, at + 4)
    text = "Two men were killed when a bomb exploded in Kabul."
    start, end = span(text, "killed")
    at = text.index("Kabul")
    assert not about_something_else(text, 0, start, end, at, at + 5)


def test_a_new_clause_between_the_act_and_a_place():
    text = "Stocks in Tokyo fell on Monday, while markets in London rose."
    assert next_clause_between(text, span(text, "fell")[1], text.index("London"))
    text = "Officials in Tokyo confirmed cases in Osaka."
    assert not next_clause_between(text, span(text, "confirmed")[1], text.index("Osaka"))


def test_a_countrys_armed_forces():
    text = "American forces launched a raid. U.S. troops left. Kenyan officials spoke."
    assert armed_forces(text, *span(text, "American forces"))
    assert armed_forces(text, *span(text, "U.S."))
    assert not armed_forces(text, *span(text, "Kenyan"))


def test_what_armed_forces_strike_with_stands_for_them_too():
    text = "A Russian drone struck a substation and Iranian missiles hit the port."
    assert armed_forces(text, text.index("Russian"), text.index("Russian") + 7)
    assert armed_forces(text, text.index("Iranian"), text.index("Iranian") + 7)
    assert not armed_forces("Russian officials said.", 0, 7)
