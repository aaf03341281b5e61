"""Relative clauses and the time expressions inside them."""

import datetime as dt

from newswire.processors.dates import find_time_expressions
from newswire.processors.relative_clauses import described, outside, relative_clauses

MONDAY = dt.date(2025, 5, 12)


def _bound(text):
    exprs = find_time_expressions(text, 0, None, MONDAY)
    return exprs, relative_clauses(text, 0, len(text), exprs)


def test_a_which_clause_holds_its_date():
    text = "The firm closed the mill, which it bought in 2016."
    exprs, bound = _bound(text)
    assert list(bound) == [0]
    (start, end, antecedent), = bound[0]
    assert text[start:end] == "which it bought in 2016."   # to the sentence's end
    assert text[:antecedent].endswith("mill")
    # "closed" is neither in the clause nor its antecedent: the year is barred to it
    at = text.index("closed")
    assert outside(bound, at, at + len("closed")) == {0: -1}


def test_a_participle_with_its_agent_is_a_reduced_clause_but_not_after_an_auxiliary():
    assert list(_bound("They condemned the law passed by the assembly in March.")[1]) == [0]
    assert _bound("The law was passed by the assembly in March.")[1] == {}
    assert _bound("The label was sold to a fund owned by two bankers in March.")[1] == {}   # a state


def test_a_clause_about_the_trigger_gives_it_its_date():
    text = "The blast, which ripped through the depot on Saturday, was heard."
    exprs, bound = _bound(text)
    assert described(bound, exprs, text.index("blast") + 5).value == "2025-05-10"
    assert described(bound, exprs, text.index("heard")) is None
