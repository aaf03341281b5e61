"""A regex split by the character its match starts with (``first_char.by_first_char``) matches what the whole
regex matches, at every place of news-like and hostile text (long s, Kelvin sign, dotted and dotless i fold
onto ASCII letters under IGNORECASE; lone surrogates, NULs); ``scan_words`` and the time expressions are the
same with and without it; and the scans' look-ups go by the regex object, never by its hash."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newswire.processors import dates, first_char, word_scans
from newswire.processors.first_char import by_first_char
from newswire.processors.word_scans import prefix_regex, scan_words

# alternatives of every form the split reads: named and plain groups, flags on and off, lookarounds before
# the first character, optional and repeated openings, one that can match nothing, a back reference
SPLIT_FORMS = [
    re.compile(r"(?<!\w)(?=\w)(?:(?P<a>\d+)|(?P<b>(?i:kilo|sit))|(?P<c>[A-Z]\w+)|(?P<d>(?:early |late )?may)"
               r"|(?P<e>\b(?<=\s)in (?:the )?\w+)|(?P<f>x?y*z)|(?P<g>(?i:\u212a\w*|\u017fix)))"),
    re.compile(r"(?P<one>(?i:\u0130stanbul|\u0131n))|(?P<two>(q)\1)|(?P<three>(?=\w)[^\W\d]+)|(?P<four>a|)"
               r"|(?P<five>(?:(?:b)?){0,2}c)|(?P<six>(?>de|d)f)|(?P<seven>.)", re.IGNORECASE),
    re.compile(r"\b(?:(?P<w>w\w*)|(?P<num>[0-3]?\d(?:st|nd)?)|(?P<s>(?-i:S)\w+)|(?P<t>t(?:he)?)"
               r"|(?P<u>(?!un)\w+))", re.IGNORECASE),
    dates.TIME_RE,
]
ODD = [
    "On Monday, March 3, 2024, at 3:32 a.m. GMT, 12 people died; in the past week, KILO sites, \u212aILO \u017fix.",
    "\u0130stanbul \u0131n qq qqq bbc bc c def df yesterday's Today TONIGHT two days later, the day before the vote.",
    "\ud800 1,200\x00 in March\udfff, mid-March, in-March, early May, may, MAY 5th, 5th of May \u00e9t\u00e9 _x 3x",
    "", "a", "\n", "1", "in", "in ", "the", "x", "\x00", "\u212a", "\u017f", "\u0131", "\u0130",
]
WORDS = ["Monday", "monday", "March", "Mar.", "may", "May", "in", "In", "since", "Since", "the", "The", "past",
         "week", "yesterday", "Yesterday's", "ago", "two", "days", "3", "12", "2024", "3:32", "a.m.", "GMT", "of",
         "kilo", "\u212aILO", "\u017fix", "\u0130stanbul", "\u0131n", "qq", "bbc", "def", "un", "w", "Sites", "_",
         "\u00e9", "\u0663", "\ud800", "\x00", "-", "'s", "\u00a0", "this", "next", "last", "overnight", "day"]
news_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=40).map(
    lambda ws: "".join(w + sep for w, sep in zip(ws, [" ", ", ", ". ", "-", "", "\n", " ", "? "] * 6)))


def _signature(m: re.Match[str] | None) -> tuple | None:
    return None if m is None else (m.span(), m.lastgroup, m.lastindex, m.regs)


def _same_matches(text: str) -> None:
    for rx in SPLIT_FORMS:
        variants = by_first_char(rx)
        assert variants, rx.pattern[:40]
        for pos in range(len(text)):
            for end in (len(text), min(len(text), pos + 3)):
                assert _signature(variants.get(text[pos], rx).match(text, pos, end)) == \
                    _signature(rx.match(text, pos, end)), (rx.pattern[:40], pos, end)


def test_a_split_regex_matches_what_the_whole_one_matches():
    for text in ODD + [" ".join(ODD)]:
        _same_matches(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(news_text, st.text(max_size=40)))
def test_a_split_regex_matches_what_the_whole_one_matches_on_any_text(text):
    _same_matches(text)


def test_the_split_shuts_alternatives_and_leaves_other_regexes_whole():
    variants = by_first_char(dates.TIME_RE)
    assert variants["7"] is not variants["M"] and variants["7"] is not dates.TIME_RE
    assert by_first_char(re.compile(r"(?:said|says|told)\b", re.IGNORECASE)) == {}   # the engine skips these itself
    assert by_first_char(re.compile(r"(?P<a>a)|(?P<b>b)")) == {}   # too few to pay for the look-up
    assert "\x00" not in variants and "\u00e9" not in variants   # never split on NUL; beyond ASCII: the whole regex


@settings(max_examples=200, deadline=None)
@given(st.one_of(news_text, st.text(max_size=60)))
def test_time_expressions_are_the_same_without_the_split(text):
    day = dt.date(2026, 12, 7)

    def found() -> list:
        scans = [[_signature(m) for m in scan_words(dates.TIME_RE, text, start, len(text), dates._CANDIDATES)]
                 for start in (0, len(text) // 2)]
        return scans + [dates.find_time_expressions(text, start, len(text), day) for start in (0, len(text) // 2)]

    split = found()
    saved = first_char._SPLITS.copy()
    try:
        first_char._SPLITS[id(dates.TIME_RE)] = (dates.TIME_RE, {})
        dates._resolve.cache_clear()
        assert found() == split
    finally:
        first_char._SPLITS.clear()
        first_char._SPLITS.update(saved)


def test_the_lower_twin_is_found_by_the_regex_itself():
    """The twins are keyed by the regex object: a pattern's hash is taken over its whole compiled code."""
    rx = prefix_regex(frozenset({"killed", "kidnapped", "said"}))
    twin = word_scans._lower_twin(rx)
    assert twin is not None and [m.start() for m in twin.finditer("police said two were killed")] == [7, 21]
    other = re.compile(rx.pattern + "|(?!)")   # another regex, never registered
    assert word_scans._lower_twin(other) is None
    assert all(word_scans._lower_twin(written) is folded for written, folded in word_scans._LOWER_TWINS.values())
