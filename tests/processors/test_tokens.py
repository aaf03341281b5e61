"""The token layer: word starts, and the lexicon scans over them give what the character scans give."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from newswire.processors.dates import find_time_expressions
from newswire.processors.event_triggers import find_triggers
from newswire.processors.sentences import attributions
from newswire.processors.tokens import word_starts

MONDAY = dt.date(2025, 5, 12)

ODD = [
    "Rebels attacked the town on Sunday, officials said.",
    "The Kelvin sign \u212aILLED nothing; \u017fince March, \u0130n May and \u0661\u0662 days ago.",
    "ATTACKS on 3 May 2024 at 10:30 GMT; in2020, ex-attacker, re-attacked, _attack, attack_",
    "said,said;SAID--saysaid \u201cwe will strike next week\u201d, told reporters yesterday's",
    "x" * 5 + "in March" + "\u00a0" * 3 + "last year's floods killed 12, the agency reported.",
    "", "a", "In", "In M", "Jan. 5", "5", "early-March clashes", "Mid-2019 talks resumed",
]

WORDS = ["attacked", "Attack", "ATTACK", "said", "Said", "told", "reported", "on", "in", "In", "March", "May",
         "Monday", "last", "week", "yesterday", "2024", "12", "3:30", "p.m.", "the", "ceasefire", "talks",
         "killed", "bomb", "blast", "\u017fince", "\u212aill", "\u0130n", "\u0661", "strike", "since", "ago",
         "two days ago", "early", "mid", "of", "by", "from", "at", "Hamas", "Israel", "clashes", "rose"]
news_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=40).map(
    lambda ws: "".join(w + sep for w, sep in zip(ws, [" ", ", ", ". ", "-", "", "\n", " "] * 6)))


def test_word_starts_are_where_words_start():
    text = "Gaza's 2,720 dead -- since March."
    assert [text[i] for i in word_starts(text)] == ["G", "s", "2", "7", "d", "s", "M"]
    assert word_starts("") == [] and word_starts("...") == []


def scans_agree(text: str) -> None:
    tokens = word_starts(text)
    for start, end in [(0, len(text)), (len(text) // 3, len(text)), (0, len(text) // 2)]:
        inside = [t for t in tokens if start <= t < end]
        assert find_time_expressions(text, start, end, MONDAY, inside) == find_time_expressions(text, start, end,
                                                                                               MONDAY)
        by_tokens = [(m.span(), m.lastgroup) for m in find_triggers(text, start, end, inside)]
        assert by_tokens == [(m.span(), m.lastgroup) for m in find_triggers(text, start, end)]
        assert attributions(text, start, end, inside) == attributions(text, start, end)


def test_scans_over_tokens_equal_the_character_scans_on_odd_text():
    for text in ODD:
        scans_agree(text)


@settings(max_examples=300, deadline=None)
@given(news_text)
def test_scans_over_tokens_equal_the_character_scans(text):
    scans_agree(text)
