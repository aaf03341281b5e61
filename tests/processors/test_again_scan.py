"""The letter-led ``place_anaphors._AGAIN_RE`` finds what its first, ``\\b``-led form found: the same spans
and groups, on place-like text and on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newswire.processors import place_anaphors

_HEADS = "|".join(place_anaphors._HEADS)
AGAIN_RE_FIRST = re.compile(r"\b(?:in|at|across|throughout|near|from|of|into|to)[ \t]+the[ \t]+(?P<same>same[ \t]+)?"
                            rf"(?P<head>{_HEADS})\b(?!['’]s|[ \t]+of\b|[ \t]+(?:as|that|where)\b)")
WORDS = ["in", "In", "at", "across", "throughout", "near", "from", "of", "into", "to", "onto", "within", "tin",
         "_in", "3at", "\u00e9in", "the", "same", "region", "province", "district", "state's", "zone", "town",
         "village", "of", "as", "that", "where", "\t", "  ", "\n", ",", "'s", "\u2019s"]
text_of_words = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=3)), max_size=30).map(
    lambda ws: "".join(w + sep for w, sep in zip(ws, [" ", " ", "\t", "", " ", ", ", "-"] * 5)))


def _spans(rx: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.group("same"), m.group("head")) for m in rx.finditer(text)]


def test_again_scan_finds_what_its_first_form_found():
    for text in ["Fighting went on in the same region and into the province; from the same district's edge",
                 "into the town as well, onto the region, within the zone, in the state of Lagos, to the zone."]:
        assert _spans(place_anaphors._AGAIN_RE, text) == _spans(AGAIN_RE_FIRST, text)


@settings(max_examples=400, deadline=None)
@given(st.one_of(text_of_words, st.text(max_size=40)))
def test_again_scan_finds_what_its_first_form_found_on_any_text(text):
    assert _spans(place_anaphors._AGAIN_RE, text) == _spans(AGAIN_RE_FIRST, text)
