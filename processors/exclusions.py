"""What is not a figure: the number tokens ``find_figures`` drops before reading anything else.

``why_excluded`` names the reason a token is not a figure (a year, date, clock time, age, ordinal,
identifier such as "flight 370" or "AK-47", distance, fraction, version, or an idiom like "no one"),
or returns None for a figure. Dates, clock times and phone numbers are found by the caller, which
passes ``in_dates``; ranges such as "10-15" are left to ``processors.candidates.join_ranges``.
"""

from __future__ import annotations

from newswire.processors import lexicon as lx
from newswire.processors.numbers import NumberToken
from newswire.processors.sentences import Sentence


def _word_before(text: str, pos: int) -> str:
    """The word right before ``pos`` when only spaces separate them, else ""."""
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == pos:
        return ""
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "_'’.-"):
        j -= 1
    word = text[j:i]
    return word if word[:1].isalpha() else ""


def why_excluded(text: str, tok: NumberToken, sent: Sentence, in_dates, prev_ident: bool) -> str | None:
    """Why a token is not a figure, or None."""
    n = len(text)
    a, b = tok.num_start, tok.num_end
    if in_dates(a):
        return "date"
    if (a >= 2 and text[a - 1] in "-–/" and (text[a - 2].isalpha() or text[a - 1] == "/")
            and not text[max(0, a - 10):a - 1].lower().endswith(("magnitude", "richter"))):
        return "identifier"
    after = text[tok.end:tok.end + 2]
    if not (tok.scaled or tok.percent or tok.currency) and after[:1].isalpha():
        return "ordinal_or_code"
    if after[:1] in ("/", ":") and after[1:2].isdigit():
        return "fraction_or_time"
    if after[:1] == "." and after[1:2].isdigit():
        return "version"
    if tok.end < n and text[tok.end] == "-" and tok.end + 1 < n and text[tok.end + 1].isdigit():
        return None  # "10-15": decided with ranges
    before = text[max(sent.start, a - 30):a]
    if lx.ends_with(lx.AGE_BEFORE_RE, lx.AGE_GATE, before) or (tok.hyphen_unit in ("year", "years", "month", "week", "day")
                                           and tok.hyphen_unit2 == "old"):
        return "age"
    bare_int = not (tok.percent or tok.currency or tok.scaled or tok.is_word) and text[a:b].isdigit()
    if lx.AGE_AFTER_RE.match(text, tok.end) or (
            bare_int and tok.value < 120 and before[-3:].strip()[-1:] in (",", "(") and lx.NAME_AGE_RE.search(before) and text[tok.end:tok.end + 1] in ",)"):
        return "age"
    if lx.DISTANCE_RE.match(text, tok.end):
        return "distance"
    if lx.ERA_RE.match(text, tok.end):
        return "year"
    if tok.hyphen_unit in lx.FRACTIONS:
        return "fraction"
    word = _word_before(text, tok.start)
    low = word.lower()
    if low in lx.ID_NOUNS or before.rstrip().endswith(("#", "No.", "no.")):
        return "identifier"
    if prev_ident and lx.ID_CHAIN_RE.search(before):
        return "identifier"
    if (word[:1].isupper() and not word.endswith(("'s", "’s", "s'", "s’")) and low not in lx.COMMON_WORDS
            and low not in lx.MAGNITUDE_WORDS and tok.start - len(word) - 1 > sent.start
            and low.rstrip(".") not in lx.MONTH_WORDS and low not in lx.TIME_WORDS_BEFORE):
        return "identifier"
    if (not tok.is_word and not tok.scaled and not tok.currency and not tok.percent and "," not in text[a:b]
            and "." not in text[a:b] and 1800 <= tok.value <= 2100 and b - a == 4):
        noun = lx.NEXT_WORD_RE.match(text, tok.end)
        if not (noun and noun.group(1).lower() in lx.PERSON_NOUNS) and not lx.ends_with(lx.QUAL_RE, lx.QUAL_GATE, before):
            return "year"
    if tok.is_word:
        phrase = text[a:b].lower()
        nxt = lx.NEXT_WORD_RE.match(text, b)
        nxt_word = nxt.group(1).lower() if nxt else ""
        if b < n and text[b] == "-" and nxt_word in lx.ONE_HYPHEN_IDIOMS:
            return "idiom"   # "one-sided", "two-way"
        if phrase == "one":
            if lx.ends_with(lx.WORD_IDIOM_BEFORE_RE, lx.IDIOM_GATE, before):
                return "idiom"   # "no one", "the one", "at one point"
            if lx.ends_with(lx.QUAL_RE, lx.QUAL_GATE, before):
                return None
            if nxt_word == "of":
                return None if lx.ONE_OF_RE.match(text, b) else "idiom"
            if lx.ONE_CASUALTY_RE.match(text, b):
                return None  # "two were killed and one was wounded"
            if (not nxt_word or nxt_word in lx.NOT_COUNTED_AFTER_ONE or nxt_word.endswith(("ing", "ed", "ly"))
                    or text[b:b + 1] in ",.;:!?\"”)"):
                return "idiom"
    return None
