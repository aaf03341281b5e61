"""The cheaper scans find what the plain regex finds: ``scan_words`` over the word starts of
``prefix_regex(literal_prefixes(rx))`` gives ``rx.finditer``'s matches, the rewritten sentence-end
number-token and clause-cut scans give the matches of their first forms, and the gated currency search finds every
currency its regex finds, on news text and on any text (long s, Kelvin sign, dotted and dotless i fold
onto ASCII letters)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newswire.processors import actor_role_words, date_claims, dates, figures, lexicon, numbers, sentences
from newswire.processors.word_scans import literal_prefixes, prefix_regex, scan_words

ODD = [
    "Three people were killed and 12 wounded; two more died in hospital since the attack, as of Monday.",
    "KILLED \u212aILLED \u017flain, \u0130NJURED \u0131njured, in custody, into custody, in  custody.",
    "So far this year, since March 3, 2024: 1,200 dead.\n\nTo date 40 missing! In September?? \"Yes.\" (No.)",
    "forty-five, Twenty two, \u017fix, ONE hundred and five, 3.5%, 1\u00a0000, x1, .5, 2.5.3, 12-15",
    "", "a", ".", "\n", "Mr. A. B. Smith said.. Then 3 a.m. local!", "in", "in ", "Since", "\u0131n March",
    "US$\n45, Rs. 12, \u20ac\u00a03bn, KSh 40, $ \n7, (USD 5), x$9, 5$",
]
WORDS = ["killed", "Killed", "KILLED", "dead", "died", "in hospital", "in the hospital", "into custody", "in custody",
         "held by the army", "to flee", "have fled", "since", "Since", "as of", "so far", "to date", "this year",
         "last year", "over the past week", "in March", "In March", "one", "twenty-one", "Three", "1,200", "3.5",
         "\u017fince", "\u212aILLED", "\u0130n", "\u0131n", "people", "the", "said", "Mr.", "U.S.", "a.m.", ".",
         "$", "US$", "Rs.", "\u20ac", "KSh", "USD", "\n", "\u00a0", "told", "reported", "Said", "that", "whoever",
         "although", "butter", ", and", ",  as", "ashore", "whereas", "; ", "\u201c", "\u00e9tat", "_but",
         "but The", "and the A", "555-0100", "555 010", "\u0661\u0662\u0663.\u0664\u0665\u0666", "12 345"]
news_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=40).map(
    lambda ws: "".join(w + sep for w, sep in zip(ws, [" ", ", ", ". ", "-", "", "\n", " ", "? "] * 6)))

# the forms these scans replace, as they were first written
END_RE_FIRST = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n")
CUT_RE_FIRST = re.compile(r"[;:\"“”]|,\s+(?:and|but|while|as|after|before|when|which|who)\b|\b(?:that|which|who|but"
                          r"|while|after|before|because|although|though|when|whereas)\b")
RIGHT_CUT_RE_FIRST = re.compile(r"[,;:\"“”]|\b(?:that|which|who|but|while|after|before|because|although|though|when"
                                r"|whereas)\b")
NEW_CLAUSE_RE_FIRST = re.compile(r"\b(?:and|but)\s+(?:the\s+)?[A-Z]|;|\bbut\b|,\s+(?:while|whereas)\b")
PHONE_CORE_RE_FIRST = re.compile(r"[0-9\u0080-\U0010ffff](?<=(?=\d{3}[\s.-]\d{3}).)")
CUTS = [(actor_role_words._CUT_RE, CUT_RE_FIRST), (actor_role_words._RIGHT_CUT_RE, RIGHT_CUT_RE_FIRST),
        (date_claims._NEW_CLAUSE_RE, NEW_CLAUSE_RE_FIRST)]
SCANNED = [(lexicon.POST_CUE_RE, lexicon.POST_CUE_CANDIDATES), (dates.ANCHOR_RE, dates.ANCHOR_STARTS),
           (lexicon.SAID_RE, lexicon.SAID_STARTS)]


def spans(matches) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]


def scans_agree(text: str) -> None:
    for start, end in [(0, len(text)), (len(text) // 3, len(text)), (0, len(text) // 2)]:
        for rx, starts in SCANNED:
            assert spans(scan_words(rx, text, start, end, starts)) == spans(rx.finditer(text, start, end))
        for rx, first in CUTS:   # the clause cuts led by one character class
            assert spans(rx.finditer(text, start, end)) == spans(first.finditer(text, start, end))
        phone = figures._PHONE_CORE_RE.search(text, start, end)
        first_phone = PHONE_CORE_RE_FIRST.search(text, start, end)
        assert (phone and phone.start()) == (first_phone and first_phone.start())   # the first one's start
    assert [(m.span(), m.group(0)) for m in sentences._END_RE.finditer(text)] == \
        [(m.span(), m.group(0)) for m in END_RE_FIRST.finditer(text)]
    assert [(m.span(), m.group("digits")) for m in scan_words(numbers.TOKEN_RE, text, 0, len(text),
                                                                numbers._TOKEN_STARTS)] == \
        [(m.span(), m.group("digits")) for m in numbers.TOKEN_RE.finditer(text)]
    for tok in numbers.find_numbers(text):   # a currency before a number is read wherever its regex finds one
        if not tok.is_word:
            before = numbers._CURRENCY_BEFORE.search(text, max(0, tok.num_start - 6), tok.num_start)
            assert tok.start == (before.start() if before else tok.num_start)


def test_scans_find_what_the_plain_regexes_find():
    for text in ODD + [" ".join(WORDS), " ".join(WORDS).upper()]:
        scans_agree(text)


@settings(max_examples=300, deadline=None)
@given(news_text)
def test_scans_find_what_the_plain_regexes_find_on_any_text(text):
    scans_agree(text)


def test_literal_prefixes_read_groups_alternatives_and_optional_parts():
    rx = re.compile(r"\b(?:kill(?:ed|ing)|(?:to )?flee|[Aa]s of|in(?:to)? custody|dies?)\b", re.IGNORECASE)
    assert literal_prefixes(rx) == {"kil", "to ", "fle", "as ", "in ", "int", "die"}
    assert literal_prefixes(rx, 2) == {"ki", "to", "fl", "as", "in", "di"}


@pytest.mark.parametrize("pattern", [r"\w+ed", r"(?:killed|\d+)", r"x?", r"(?:a|.)b"])
def test_literal_prefixes_refuse_a_regex_that_can_start_anywhere(pattern):
    with pytest.raises(ValueError):
        literal_prefixes(re.compile(pattern))


@pytest.mark.parametrize("text, starts", [
    ("Killed, \u212aILLED and \u017flain; skilled", [0, 8, 19]),   # case folds; never inside a word
    ("\u0130n \u0131n in IN on", [0, 3, 6, 9]),
    ("41 killed", [0, 3]),
])
def test_prefix_regex_finds_word_starts_in_any_case(text, starts):
    rx = prefix_regex(frozenset({"kill", "slain", "in"}), any_digit=True)
    assert [m.start() for m in rx.finditer(text)] == starts
