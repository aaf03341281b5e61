"""Time anaphors: a day told from the last one named."""

import datetime as dt

from newswire.processors.dates import find_time_expressions, sentence_times
from newswire.processors.sentences import split_sentences
from newswire.processors.time_anaphors import anaphor_offset, resolve_anaphors

MONDAY = dt.date(2025, 5, 12)


def _resolved(text, published=MONDAY):
    times = sentence_times(text, split_sentences(text), published)
    return [(e.text, e.value) for exprs in resolve_anaphors(text, times) for e in exprs]


def test_a_day_told_from_the_last_one_named():
    text = ("Floods hit the valley on Thursday. The day before, the dam had cracked. "
            "Two days later the army arrived, and that night the rain stopped.")
    assert _resolved(text) == [("on Thursday", "2025-05-08"), ("The day before", "2025-05-07"),
                               ("Two days later", "2025-05-09"), ("that night", "2025-05-09")]


def test_with_no_day_named_before_an_anaphor_names_none():
    assert _resolved("The next morning, the rain stopped.") == [("The next morning", None)]


def test_a_date_before_a_noun_is_no_day_of_the_story():
    text = "The inquiry opened on May 2 into the March 30 shooting. The following day, the chief resigned."
    assert _resolved(text)[-1] == ("The following day", "2025-05-03")


def test_a_day_before_an_event_is_no_anaphor():
    assert find_time_expressions("the day before the vote", 0, None, MONDAY) == []
    assert find_time_expressions("two days after its launch", 0, None, MONDAY) == []


def test_offsets():
    assert [anaphor_offset(t) for t in ("the day before", "three days earlier", "the previous night",
                                        "a day later", "the next morning", "later that day", "the same day")] \
        == [-1, -3, -1, 1, 1, 0, 0]


def test_text_without_anaphors_is_returned_as_is():
    text = "Troops left on Sunday."
    times = sentence_times(text, split_sentences(text), MONDAY)
    assert resolve_anaphors(text, times) is times
