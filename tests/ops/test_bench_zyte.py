"""The cleaning's body text on the Zyte article-extraction benchmark stays at trafilatura's own F1 or better.

The 181 pages and their ground truth are read where they lie (``NEWSWIRE_TEST_ZYTE_DIR``, else
the shared corpus's ``corpus/html/zyte``, ``tests.shared``); nothing is copied.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newswire.app.bench.zyte import TARGET_F1, body_f1, load_pages, measure_cleaning, newswire_body, page_counts, shingles
from tests.shared import shared_path



def zyte_dir() -> Path:
    if os.environ.get("NEWSWIRE_TEST_ZYTE_DIR"):
        return Path(os.environ["NEWSWIRE_TEST_ZYTE_DIR"])
    return shared_path("corpus", "html", "zyte")


def test_shingles_are_runs_of_four_words_counted():
    assert shingles("One, two; three four five") == {("One", "two", "three", "four"): 1,
                                                      ("two", "three", "four", "five"): 1}
    assert shingles("just three words") == {("just", "three", "words"): 1}
    assert shingles("a b c d a b c d") == {("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1,
                                           ("c", "d", "a", "b"): 1, ("d", "a", "b", "c"): 1}


def test_page_counts_and_f1_follow_the_benchmark():
    # shingles abcd, bcde against abcd, bcdx: one shared, one extra, one missing (a third each)
    assert page_counts("a b c d e", "a b c d x") == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert page_counts("", "") == (0.0, 0.0, 0.0)
    perfect, half = page_counts("a b c d e", "a b c d e"), page_counts("a b c d e", "a b c d x")
    scores = body_f1([perfect, half])  # precision and recall: means of 1.0 and 0.5
    assert scores["precision"] == pytest.approx(0.75) and scores["recall"] == pytest.approx(0.75)
    assert scores["f1"] == pytest.approx(0.75)
    nothing = body_f1([page_counts("a b c d e", "")])  # nothing predicted: no precision term, recall 0
    assert nothing["recall"] == 0.0 and nothing["f1"] == 0.0


def test_cleaning_keeps_the_zyte_body_f1():
    pages = load_pages(zyte_dir())
    assert len(pages) == 181
    result = measure_cleaning(pages, newswire_body)
    assert result["failed"] == 0, result
    assert result["f1"] >= TARGET_F1, result
