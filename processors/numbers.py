"""Number recognition: find every number-like token in a text and read its value.

A token is digits (``2,720``, ``3.9``, ``1 000`` with a no-break space), or English number words
(``three``, ``forty-five``, ``two hundred and fifty``, read with ``text_to_num``), optionally with a
scale (``1.5 million``, ``$2bn``, ``5 crore``), a currency (``$``, ``US$``, ``€``, ``dollars``), a
percent sign or word, or a hyphenated unit (``45-day``, ``6.3-magnitude``). Whether a token is a
*figure* (not a year, date, age, identifier...) is decided in ``processors.exclusions``; this module only
reads numbers.

``parse_number`` and ``parse_range`` read a whole expression (``"$2bn"``, ``"between 125 and 149"``)
and are what tests and callers use for single strings.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from newswire.processors.word_scans import prefix_regex, scan_words, trie_pattern

UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_SCALES = ("hundred", "thousand", "million", "billion", "trillion")

SCALES = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}

CURRENCY_WORDS = {
    "dollar": "dollars", "dollars": "dollars", "euro": "euros", "euros": "euros", "pound": "pounds",
    "pounds": "pounds", "sterling": "pounds", "yen": "yen", "yuan": "yuan", "renminbi": "yuan",
    "rupee": "rupees", "rupees": "rupees", "ruble": "rubles", "rubles": "rubles", "rouble": "rubles",
    "roubles": "rubles", "franc": "francs", "francs": "francs", "shekel": "shekels", "shekels": "shekels",
    "naira": "naira", "rand": "rand", "peso": "pesos", "pesos": "pesos", "dirham": "dirhams",
    "dirhams": "dirhams", "riyal": "riyals", "riyals": "riyals", "lira": "lira", "liras": "lira",
    "dinar": "dinars", "dinars": "dinars", "usd": "dollars", "eur": "euros", "gbp": "pounds",
    "hryvnia": "hryvnias", "hryvnias": "hryvnias", "baht": "baht", "rupiah": "rupiah", "ringgit": "ringgit",
    "krona": "kronor", "kronor": "kronor", "krone": "kroner", "kroner": "kroner", "zloty": "zloty",
    "zlotys": "zloty", "forint": "forint", "forints": "forint", "shilling": "shillings", "shillings": "shillings",
    "cedi": "cedis", "cedis": "cedis", "kwacha": "kwacha", "birr": "birr", "taka": "taka", "kyat": "kyat",
    "dong": "dong", "reais": "reais", "real": "reais", "lei": "lei", "leu": "lei", "tenge": "tenge",
    "manat": "manat", "lari": "lari", "afghanis": "afghanis", "rials": "rials", "rial": "rials",
    "chf": "francs", "inr": "rupees", "cny": "yuan", "rmb": "yuan", "jpy": "yen", "aud": "dollars",
    "cad": "dollars",
    # the rest of the world's currencies by name: a release gives its own ("4 billion guaraníes")
    "guarani": "guaranies", "guaranis": "guaranies", "guaranies": "guaranies", "guaraníes": "guaranies",
    "somoni": "somoni", "quetzal": "quetzales", "quetzales": "quetzales", "quetzals": "quetzales",
    "lempira": "lempiras", "lempiras": "lempiras", "colones": "colones", "colón": "colones",
    "cordoba": "cordobas", "cordobas": "cordobas", "córdobas": "cordobas", "boliviano": "bolivianos",
    "bolivianos": "bolivianos", "soles": "soles", "bolivar": "bolivares", "bolivars": "bolivares",
    "bolívares": "bolivares", "bolivares": "bolivares", "kip": "kip", "riel": "riels", "riels": "riels",
    "tugrik": "tugriks", "tugriks": "tugriks", "leones": "leones", "ariary": "ariary", "dalasi": "dalasis",
    "dalasis": "dalasis", "kwanza": "kwanzas", "kwanzas": "kwanzas", "meticais": "meticais",
    "metical": "meticais", "pula": "pula", "maloti": "maloti", "loti": "maloti", "emalangeni": "emalangeni",
    "lilangeni": "emalangeni", "nakfa": "nakfa", "ouguiya": "ouguiya", "ouguiyas": "ouguiya",
    "rufiyaa": "rufiyaa", "ngultrum": "ngultrum", "kina": "kina", "vatu": "vatu", "tala": "tala",
    "denar": "denars", "denars": "denars", "denari": "denars", "leke": "leke", "lek": "leke", "kuna": "kuna",
    "leva": "leva", "lev": "leva", "koruna": "korunas", "korunas": "korunas", "hryvnya": "hryvnias",
    "drams": "drams", "afghani": "afghanis", "som": "soms", "soms": "soms", "leone": "leones"
}
CURRENCY_SYMBOLS = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen", "₹": "rupees", "₩": "won",
                    "₽": "rubles", "₪": "shekels", "₦": "naira", "rs": "rupees", "usd": "dollars",
                    "eur": "euros", "gbp": "pounds", "chf": "francs", "inr": "rupees", "cny": "yuan",
                    "rmb": "yuan", "jpy": "yen", "ksh": "shillings", "sh": "shillings", "rp": "rupiah",
                    "r$": "reais", "₺": "lira", "₱": "pesos", "₴": "hryvnias", "₫": "dong", "tk": "taka",
                    "s/": "soles", "frw": "francs", "rwf": "francs"}

_NUM_WORD = trie_pattern(UNITS + TENS)
_WORD_PHRASE = rf"{_NUM_WORD}(?:(?:[- ]|\s+and\s+)(?:{_NUM_WORD}|{trie_pattern(_WORD_SCALES)}))*"
# one pass over the text finds digit groups and number-word phrases
TOKEN_RE = re.compile(
    r"(?<![\w.])(?=[0-9A-Za-z])(?:"  # only at word starts
    r"(?P<digits>(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
    r"|(?<![\w.])\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?![\d])"
    r"|(?<![\w.])\d+(?:\.\d+)?(?![\d]))"
    rf"|(?P<words>{_WORD_PHRASE}\b))",
    re.IGNORECASE,
)
# where a token can start: a digit or a number word's start (``TOKEN_RE`` tried at every character costs more)
_TOKEN_STARTS = prefix_regex(frozenset(UNITS + TENS), any_digit=True)
_SCALE_AFTER = re.compile(
    r"(?:[ \u00a0-]?(?P<long>thousand|millions?|billion|trillion|lakhs?|crores?)\b"
    r"|[ \u00a0]?(?P<short>bn|mn|mln|bln|tn|trn)\b|(?P<letter>[kmb])\b)", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(
    r"(?P<cur>(?:US|U\.S\.|A|AU|C|CA|NZ|HK|S|NT|R)?\$|€|£|¥|₹|₩|₽|₪|₦|₺|₱|₴|₫|\bRs\.?|\bUSD|\bEUR|\bGBP|\bCHF"
    r"|\bINR|\bCNY|\bRMB|\bJPY|\bKSh|\bSh|\bRp|\bTk|\bS/|\bFrw|\bRWF)[ \u00a0]?$")
# the last character of every currency ``_CURRENCY_BEFORE`` knows: the search runs only after one of them
_CURRENCY_LAST = frozenset("$€£¥₹₩₽₪₦₺₱₴₫.sDRPFYBhpk/w")
_CURRENCY_AFTER = re.compile(r"[ \u00a0](?:(?:US|U\.S\.|Hong Kong|[A-Z][a-z]+)\s)?"
                             r"(?P<cur>[^\W\d_]+)\b")
_SPACE_GROUPS_RE = re.compile(r"(?: \d{3})+(?![\d]|[.,]\d)")
_MILLION_PEOPLE = re.compile(r"\s+(?:[a-z]+\s+)?(?:people|persons|residents|voters|households|homes|children|users"
                             r"|customers|viewers|refugees|migrants|workers|jobs|barrels|tonnes|doses|cases)\b")
_PERCENT_AFTER = re.compile(r"[ \u00a0]?(?:%|percent\b|per\s?cent\b|pct\b|pc\b|percentage points?\b|per-cent\b)",
                            re.IGNORECASE)
_HYPHEN_UNIT = re.compile(r"-(?P<unit>[a-z]+)(?:-(?P<unit2>[a-z]+))?\b", re.IGNORECASE)
# the characters each of those can start with (IGNORECASE folds the Kelvin sign onto "k"): the regexes are
# tried only after one of them, and most numbers are followed by none
_SCALE_FIRST = frozenset(" \u00a0-tmblckTMBLCK\u212a")
_PERCENT_FIRST = frozenset(" \u00a0%pP")
_SPACES = frozenset(" \u00a0")


@dataclass(slots=True)
class NumberToken:
    """One number found in a text; ``start``/``end`` cover scale, currency and percent sign or word."""
    start: int
    end: int
    value: float
    num_start: int          # offsets of the bare number (digits or words)
    num_end: int
    is_word: bool
    currency: str | None    # "dollars", "euros", ... when a currency symbol or word is attached
    percent: bool
    scaled: bool            # a scale word or suffix was applied ("1.5 million")
    hyphen_unit: str | None  # "day" in "45-day", "magnitude" in "6.3-magnitude"
    hyphen_unit2: str | None  # "old" in "34-year-old"


@lru_cache(maxsize=4096)
def words_to_number(phrase: str) -> tuple[float, int] | None:
    """Value of the longest leading part of ``phrase`` that reads as a number, and its length."""
    text = phrase.lower()
    while text:
        try:
            return float(text2num(text.replace("-", " ") if " " in text else text, "en")), len(text)
        except ValueError:
            cut = max(text.rfind(" "), text.rfind("-"))
            if cut <= 0:
                return None
            text = text[:cut].rstrip()
            if text.endswith(" and"):
                text = text[:-4]
    return None


def parse_digits(digits: str) -> float | None:
    cleaned = digits.replace(",", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def find_numbers(text: str) -> list[NumberToken]:
    """Every number token in ``text``, in order, with attached scale, currency and percent."""
    tokens: list[NumberToken] = []
    n = len(text)
    skip_to = 0
    for m in scan_words(TOKEN_RE, text, 0, n, _TOKEN_STARTS):
        if m.start() < skip_to:
            continue   # a digit group of the amount before: "US$ 350 000"
        if m.group("digits") is not None:
            value = parse_digits(m.group("digits"))
            is_word = False
            num_start, num_end = m.span()
            if value is None:
                continue
        else:
            read = words_to_number(m.group("words"))
            if read is None:
                continue
            value, length = read
            is_word = True
            num_start, num_end = m.start(), m.start() + length
        start, end = num_start, num_end
        currency = None
        at = start - 1 if text[start - 1:start] == "\n" else start   # "$" also matches before a final newline
        last = text[at - 1:at] if at > 0 else ""
        if last in (" ", "\u00a0"):
            last = text[at - 2:at - 1] if at > 1 else ""
        before = _CURRENCY_BEFORE.search(text, max(0, start - 6), start) if last in _CURRENCY_LAST else None
        if before and not is_word:
            sym = before.group("cur")
            currency = ("reais" if sym == "R$" else "dollars" if "$" in sym
                        else CURRENCY_SYMBOLS.get(sym.rstrip(".").lower(), "money"))
            start = before.start()
            grouped = _SPACE_GROUPS_RE.match(text, end) if end - num_start <= 3 else None
            if grouped:   # an amount grouped by plain spaces, as agencies write it: "US$ 350 000"
                value = parse_digits(text[num_start:grouped.end()].replace(" ", "")) or value
                num_end = end = skip_to = grouped.end()
        scaled = False
        sm = _SCALE_AFTER.match(text, end) if end < n and text[end] in _SCALE_FIRST else None
        if sm:
            word = (sm.group("long") or sm.group("short") or sm.group("letter")).lower()
            after = _CURRENCY_AFTER.match(text, sm.end())
            if sm.group("letter") is None or currency is not None or (
                    after is not None and after.group("cur").lower() in CURRENCY_WORDS) or (
                    sm.group("letter").lower() == "m" and _MILLION_PEOPLE.match(text, sm.end())):
                if not (is_word and sm.group("long")):  # "two million" is already read by text2num
                    value *= SCALES[word]
                    scaled = True
                    end = sm.end()
        percent = False
        pm = _PERCENT_AFTER.match(text, end) if end < n and text[end] in _PERCENT_FIRST else None
        if pm and currency is None:
            percent = True
            end = pm.end()
        if currency is None and not percent:
            cm = _CURRENCY_AFTER.match(text, end) if text[end:end + 1] in _SPACES else None
            if cm and cm.group("cur").lower() in CURRENCY_WORDS and cm.group("cur") not in ("Rand", "Won", "Tala", "Kina", "Pula", "Lev", "Kip", "Lek", "Loti"):
                currency = CURRENCY_WORDS[cm.group("cur").lower()]
                end = cm.end()
        hyphen_unit = hyphen_unit2 = None
        if not percent and currency is None:
            hm = _HYPHEN_UNIT.match(text, end) if text.startswith("-", end) else None
            if hm:
                hyphen_unit = hm.group("unit").lower()
                hyphen_unit2 = (hm.group("unit2") or "").lower() or None
        if not math.isfinite(value):
            continue
        tokens.append(NumberToken(start, end, value, num_start, num_end, is_word, currency, percent,
                                  scaled, hyphen_unit, hyphen_unit2))
    if _LETTER_GATE_RE.search(text):   # a cheap scan first: few texts have a letter glued to a digit
        _add_letter_money(text, tokens)
    return tokens


# amounts written with a letter symbol glued to the number, as wires write many currencies: "R14 million" (rand),
# "P2.3 billion" (pesos, pula), "RM2.5 million" (ringgit), "N500m" (naira), "Q25 million" (quetzales),
# "K3.2bn" (kwacha); only with a scale, so "Q3", "R2" or "P5" (a quarter, a road, a grade) are not amounts
_LETTER_SYMBOLS = {"RM": "ringgit", "KSh": "shillings", "GH₵": "cedis", "GHS": "cedis", "Rp": "rupiah", "Tk": "taka",
                   "R": "rand", "P": "pesos", "N": "naira", "Q": "quetzales", "K": "kwacha"}
_LETTER_GATE_RE = re.compile(r"[RPNQKMhpk₵S]\d")
_LETTER_MONEY_RE = re.compile(r"(?<![\w.$€£])(?P<sym>RM|KSh|GH₵|GHS|Rp|Tk|[RPNQK])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?"
                              r"|\d+(?:\.\d+)?)(?:[ \u00a0]?(?P<long>million|billion|trillion)\b"
                              r"|(?P<short>bn|mn|m|b|tn)\b)")


def _add_letter_money(text: str, tokens: list[NumberToken]) -> None:
    for m in _LETTER_MONEY_RE.finditer(text):
        value = parse_digits(m.group("num"))
        if value is None:
            continue
        scale = (m.group("long") or m.group("short")).lower()
        tok = NumberToken(m.start(), m.end(), value * SCALES[scale], m.start("num"), m.end("num"), False,
                          _LETTER_SYMBOLS[m.group("sym")], False, True, None, None)
        bisect.insort(tokens, tok, key=lambda t: t.start)


def parse_number(expression: str) -> float | None:
    """The value of a single number expression: "2,720", "1.5 million", "$2bn", "three", "45-day"."""
    tokens = find_numbers(expression.strip())
    return tokens[0].value if tokens else None


_RANGE_RE = re.compile(r"^\s*(?:between\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)|from\s+(?P<c>.+?)\s+to\s+(?P<d>.+?)"
                       r"|(?P<e>.+?)\s+(?:to|-|–)\s+(?P<f>.+?)|(?P<g>[\d.,]+)[-–](?P<h>[\d.,]+))\s*$",
                       re.IGNORECASE)


def parse_range(expression: str) -> tuple[float, float] | None:
    """Both ends of "between 125 and 149", "from 125 to 149", "3.9 percent to 4.1 percent", "10-15"."""
    m = _RANGE_RE.match(expression)
    if not m:
        return None
    parts = [p for p in m.groups() if p is not None]
    if len(parts) != 2:
        return None
    low, high = parse_number(parts[0]), parse_number(parts[1])
    if low is None or high is None:
        return None
    return low, high
