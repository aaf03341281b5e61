"""A large alternation tried at one place, split by the character there: ``by_first_char(rx)`` gives, per
ASCII character, ``rx`` with every top-level alternative that cannot start with that character shut.

The regex engine enters each alternative of an alternation in turn unless the alternative opens with a
literal or a character class; an alternative that opens with a named group (``(?P<iso>...)``) or a
lookaround is entered, and its own alternations tried, before it fails. ``scan_words`` tries its regex at
thousands of word starts a text, nearly all of them failing: at a digit, the time expressions that start
with a word need not be tried at all.

A shut alternative keeps its groups (group numbers, ``lastgroup`` and every match stay what ``rx`` gives)
and opens with a NUL the engine compares with the character before entering it: the variant for ``c`` is
used only where the text has ``c``, which is never NUL. What an alternative can start with is read from
its parsed form, generously: lookarounds and anchors are passed over, and anything not understood can
start with any character.
"""

from __future__ import annotations

import re
from re import _compiler as sre_compile   # noqa: PLC2701 - no public way to compile a parsed pattern
from re import _constants as sre
from re import _parser as sre_parse

_ALPHABET = tuple(chr(i) for i in range(1, 128))   # NUL is the shut alternatives' opening: never split on
_ANY = frozenset(_ALPHABET)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_ONE_CHAR = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)


def _one_char(item: tuple, flags: int) -> frozenset[str]:
    """The ASCII characters one single-character item matches, under ``flags`` (case folds included): asked
    of the engine itself."""
    sub = sre_parse.SubPattern(sre_parse.State(), [item])
    sub.state.flags = flags
    rx = sre_compile.compile(sub, flags)
    return frozenset(c for c in _ALPHABET if rx.match(c))


def _first(item: tuple, flags: int) -> tuple[frozenset[str], bool]:
    """(the ASCII characters ``item`` can consume first, whether it can consume none)."""
    op, av = item
    if op in _ZERO_WIDTH:
        return frozenset(), True
    if op in _ONE_CHAR:
        return _one_char(item, flags), False
    if op is sre.SUBPATTERN:
        _, add, remove, sub = av
        return _sequence(sub, (flags | add) & ~remove)
    if op is sre.BRANCH:
        starts, empty = frozenset(), False
        for alternative in av[1]:
            s, e = _sequence(alternative, flags)
            starts, empty = starts | s, empty or e
        return starts, empty
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, sub = av
        if high == 0:
            return frozenset(), True
        starts, empty = _sequence(sub, flags)
        return starts, empty or low == 0
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, flags)
    return _ANY, True   # a back reference, a conditional: anything


def _sequence(items, flags: int) -> tuple[frozenset[str], bool]:
    starts: frozenset[str] = frozenset()
    for item in items:
        s, empty = _first(item, flags)
        starts |= s
        if not empty:
            return starts, False
    return starts, True


def _split(rx: re.Pattern[str]) -> dict[str, re.Pattern[str]]:
    parsed = sre_parse.parse(rx.pattern, rx.flags)
    flags = parsed.state.flags | rx.flags
    k = 0
    while k < len(parsed.data) and parsed.data[k][0] in _ZERO_WIDTH:
        k += 1
    if k == len(parsed.data) or parsed.data[k][0] is not sre.BRANCH:
        return {}
    alternatives = parsed.data[k][1][1]
    if sum(len(alternative) > 0 and alternative[0][0] is sre.SUBPATTERN for alternative in alternatives) < 4:
        return {}   # alternatives led by a literal or a class are passed over by the engine without entering them
    firsts = [_sequence(alternative, flags) for alternative in alternatives]
    variants: dict[tuple[bool, ...], re.Pattern[str]] = {}
    table: dict[str, re.Pattern[str]] = {}
    for c in _ALPHABET:
        open_ = tuple(empty or c in starts for starts, empty in firsts)
        if all(open_):
            continue
        if open_ not in variants:
            branch = [alternative if keep else sre_parse.SubPattern(alternative.state, [(sre.LITERAL, 0), *alternative])
                      for alternative, keep in zip(alternatives, open_)]
            top = sre_parse.SubPattern(parsed.state, [*parsed[:k], (sre.BRANCH, (None, branch)), *parsed[k + 1:]])
            variants[open_] = sre_compile.compile(top, rx.flags)
        table[c] = variants[open_]
    return table


# id of a regex -> (it, its variants by first character): a pattern's own hash is taken over its whole
# compiled code; the regex held in the value keeps its id unique
_SPLITS: dict[int, tuple[re.Pattern[str], dict[str, re.Pattern[str]]]] = {}


def by_first_char(rx: re.Pattern[str]) -> dict[str, re.Pattern[str]]:
    """Per ASCII character ``c``: a regex whose ``match`` at a place where the text has ``c`` is ``rx.match``'s
    there, cheaper (see the module's doc); empty where ``rx`` is not an alternation (after lookarounds) of
    at least four groups, or every alternative can start anywhere. A character missing from it: use ``rx``.
    Built on first use."""
    entry = _SPLITS.get(id(rx))
    if entry is None or entry[0] is not rx:
        entry = _SPLITS[id(rx)] = (rx, _split(rx))
    return entry[1]
