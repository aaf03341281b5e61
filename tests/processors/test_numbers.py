"""Number reading: digits, separators, decimals, scales, currencies, words, hyphenated units, ranges."""

import pytest

from newswire.processors.numbers import find_numbers, parse_number, parse_range


@pytest.mark.parametrize("expression, value", [
    ("7", 7),
    ("2,720", 2720),
    ("52,829", 52829),
    ("1,250,000", 1_250_000),
    ("3.9", 3.9),
    ("0.25", 0.25),
    ("1\u00a0000", 1000),
    ("1.5 million", 1_500_000),
    ("2 billion", 2_000_000_000),
    ("4.5 trillion", 4.5e12),
    ("$2bn", 2e9),
    ("$5m", 5e6),
    ("€300m", 3e8),
    ("£1.2bn", 1.2e9),
    ("US$40 million", 4e7),
    ("Rs 500 crore", 5e9),
    ("3 lakh", 3e5),
    ("three", 3),
    ("Ten", 10),
    ("forty-five", 45),
    ("two hundred and fifty", 250),
    ("two million", 2_000_000),
    ("45-day", 45),
    ("11-year", 11),
    ("6.3-magnitude", 6.3),
    ("12%", 12),
    ("3.5 percent", 3.5),
])
def test_parse_number(expression, value):
    assert parse_number(expression) == pytest.approx(value)


def test_parse_number_of_nothing():
    assert parse_number("no number here") is None
    assert parse_number("") is None


@pytest.mark.parametrize("expression, low, high", [
    ("between 125 and 149", 125, 149),
    ("from 125 to 149", 125, 149),
    ("3.9 percent to 4.1 percent", 3.9, 4.1),
    ("10-15", 10, 15),
    ("between two and three million", 2, 3_000_000),
])
def test_parse_range(expression, low, high):
    assert parse_range(expression) == (pytest.approx(low), pytest.approx(high))


def test_parse_range_rejects_a_single_number():
    assert parse_range("125 people") is None


def test_attachments_are_reported():
    text = "The fund lost $1.5 billion, or 12 per cent, over a 45-day period."
    money, percent, days = find_numbers(text)
    assert (money.currency, money.scaled, text[money.start:money.end]) == ("dollars", True, "$1.5 billion")
    assert percent.percent and text[percent.start:percent.end] == "12 per cent"
    assert days.hyphen_unit == "day" and text[days.start:days.end] == "45"


def test_currency_word_after_number():
    (token,) = find_numbers("They paid 20 million euros in fines.")
    assert token.currency == "euros" and token.value == 20_000_000


def test_single_letter_scale_needs_a_currency():
    (token,) = find_numbers("The wall is 5m high.")
    assert not token.scaled and token.value == 5


def test_words_inside_other_words_are_not_numbers():
    assert find_numbers("Someone often tends to attend.") == []


def test_what_follows_a_number_is_read_after_any_character_it_can_start_with():
    # the scale, percent, currency and unit regexes are tried only after a character they can start with:
    # the Kelvin sign is a "k" to IGNORECASE, a no-break space a space
    (grant,) = find_numbers("a grant of $5\u212a for each school")
    assert grant.scaled and grant.value == 5000
    (share,) = find_numbers("a share of 12\u00a0percent")
    assert share.percent and share.end == len("a share of 12\u00a0percent")
    (fine,) = find_numbers("a fine of 300\u00a0euros")
    assert fine.currency == "euros"
    (span,) = find_numbers("a 30-day-old truce")
    assert (span.hyphen_unit, span.hyphen_unit2) == ("day", "old")
    (plain,) = find_numbers("about 40 people")
    assert not (plain.scaled or plain.percent or plain.currency or plain.hyphen_unit)
