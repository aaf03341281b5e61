"""Cheap scans for words in long texts: a regex built as a trie, candidate word starts found first by
a small regex of the words' first letters (case folds included), and ``scan_words``, which tries a large
alternation only at those starts. What the extractor's layers (triggers, time expressions, numbers,
casualty words) use to stay linear and cheap.
"""

from __future__ import annotations

import re

from newswire.processors.first_char import by_first_char


def trie_pattern(words: list[str] | set[str] | frozenset[str]) -> str:
    """An alternation of ``words`` written as a trie (``a(?:ir|tt)``): the regex engine tries far fewer
    branches than with a flat ``air|att``. Longer words are tried before their prefixes."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[:1], []).append(w[1:])
    parts = []
    for head, tails in sorted(groups.items()):
        if head == "":
            continue
        rest = [t for t in tails if t]
        inner = trie_pattern(rest) if rest else ""
        optional = "" in tails and rest
        parts.append(re.escape(head) + (f"(?:{inner})?" if optional else inner))
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def word_start_regex(body: str, first: str, flags: int = 0) -> re.Pattern[str]:
    """A regex matching the first character of each word where ``body`` matches (its ``start()`` is the
    word's), the same starts as ``(?<!\\w)(?=body)``. ``first``: a character class of every character
    ``body`` can start with; led by it, the engine skips every other character of the text without
    trying ``body`` (a lookaround first is tried at every character: up to twice as slow). Characters
    past ASCII are always tried, for what IGNORECASE folds onto a letter ("\u017f" onto "s")."""
    return re.compile(rf"[{first}\u0080-\U0010ffff](?<!\w.)(?<=(?={body}).)", flags)


# the characters other than its two cases that IGNORECASE matches to an ASCII letter
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _case_class(ch: str) -> str:
    """A case-sensitive character class of what ``ch`` matches under IGNORECASE."""
    low = ch.lower()
    if not ("a" <= low <= "z"):
        return f"(?i:{re.escape(ch)})"
    return f"[{low}{low.upper()}{_FOLDS.get(low, '')}]"


def prefix_regex(prefixes: frozenset[str] | set[str], any_digit: bool = False) -> re.Pattern[str]:
    """A regex finding word starts followed by one of ``prefixes`` (case-insensitive; see
    ``word_start_regex``). The trie's first letters are case-sensitive classes and the rest of each
    prefix case-insensitive: a branch whose class does not hold the word's first letter is rejected
    without being entered (an IGNORECASE letter is not), which halves the cost of the scan."""
    groups: dict[str, list[str]] = {}
    for p in prefixes:
        groups.setdefault(p[:1].lower(), []).append(p[1:].lower())
    parts = ["\\d"] if any_digit else []
    for head, tails in sorted(groups.items()):
        if head == "":
            continue
        rest = [t for t in tails if t]
        tail = f"(?i:{trie_pattern(rest)})" + ("?" if "" in tails else "") if rest else ""
        parts.append(_case_class(head) + tail)
    body = "(?:" + "|".join(parts) + ")"
    letters = "".join(sorted({p[0].lower() for p in prefixes} | {p[0].upper() for p in prefixes}))
    rx = word_start_regex(body, re.escape(letters) + ("\\d" if any_digit else ""))
    if all(p.isascii() for p in prefixes):
        _LOWER_TWINS[id(rx)] = (rx, lower_prefix_regex(prefixes, any_digit))
    return rx


# id of a ``prefix_regex`` -> (it, its ``lower_prefix_regex``), which ``scan_words`` reads the ``folded`` text
# with. Keyed by id, not by the pattern: a pattern's hash is taken over its whole compiled code at every look-up
# (microseconds for a large trie, once per sentence per scan); the pattern held in the value keeps its id unique
_LOWER_TWINS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _lower_twin(candidates: re.Pattern[str]) -> re.Pattern[str] | None:
    entry = _LOWER_TWINS.get(id(candidates))
    return entry[1] if entry is not None and entry[0] is candidates else None


# the last (text, folded form) ``scan_words`` read, as one tuple: a thread that swaps it never pairs a
# text with another text's form
_LAST_FOLDED: list[tuple[str, str | None]] = [("", "")]


def folded(text: str) -> str | None:
    """``text.lower()`` where it has IGNORECASE's view of every ASCII letter at the same offsets, for the
    scans of ``lower_prefix_regex``; None where it has not: a character that lowers to two ("\u0130"), or
    one IGNORECASE folds onto an ASCII letter that ``lower`` keeps ("\u017f" onto "s", "\u0131" onto "i").
    Lowering keeps what ``\\w`` matches (every code point checked), so word starts stay where they were."""
    low = text.lower()
    if len(low) != len(text) or "\u017f" in low or "\u0131" in low:
        return None
    return low


def lower_prefix_regex(prefixes: frozenset[str] | set[str], any_digit: bool = False) -> re.Pattern[str]:
    """``prefix_regex`` for a text ``folded`` to lower case: the same starts, found at half the cost. Case-
    sensitive, every branch of the trie opens with a literal the engine rejects without entering it; an
    IGNORECASE literal is entered first. ASCII prefixes only (what ``folded`` vouches for)."""
    low = {p.lower() for p in prefixes}
    if not all(p.isascii() for p in low):
        raise ValueError("lower_prefix_regex reads ASCII prefixes only")
    letters = re.escape("".join(sorted({p[0] for p in low}))) + ("\\d" if any_digit else "")
    body = f"(?:\\d|{trie_pattern(low)})" if any_digit else trie_pattern(low)
    return re.compile(rf"[{letters}](?<!\w.)(?<=(?={body}).)")


def literal_prefixes(rx: re.Pattern[str], size: int = 3) -> frozenset[str]:
    """Lower-cased prefixes, of at most ``size`` characters, one of which starts every match of ``rx``
    (read from its parsed form: literals, small character classes, groups, alternations, optional
    parts); for ``prefix_regex``, to find where an alternation of words can match. ValueError where a
    match can start with something else (the caller then keeps ``rx.finditer``)."""
    from re import _parser as sre_parse   # noqa: PLC0415 - needed only while modules are imported

    def expand(items, prefixes: set[tuple[str, bool]]) -> set[tuple[str, bool]]:
        # (prefix, open): an open prefix may still grow with what follows
        for op, av in items:
            if not any(is_open and len(p) < size for p, is_open in prefixes):
                break
            grown: set[tuple[str, bool]] = set()
            for p, is_open in prefixes:
                if not is_open or len(p) >= size:
                    grown.add((p, False))
                    continue
                for q, q_open in step(op, av):
                    grown.add(((p + q)[:size], q_open and len(p + q) < size))
            prefixes = grown
            if len(prefixes) > 2000:
                raise ValueError("too many prefixes")
        return prefixes

    def step(op, av) -> set[tuple[str, bool]]:
        name = str(op)
        if name == "AT":
            return {("", True)}
        if name == "LITERAL":
            return {(chr(av).lower(), True)}
        if name == "IN" and all(str(o) == "LITERAL" for o, _ in av) and len(av) <= 8:
            return {(chr(a).lower(), True) for _, a in av}
        if name == "SUBPATTERN":
            return expand(av[3], {("", True)})
        if name == "BRANCH":
            return set().union(*(expand(alt, {("", True)}) for alt in av[1]))
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, sub = av
            once = {(p, False) for p, _ in expand(sub, {("", True)})}
            return once | {("", True)} if low == 0 else once
        return {("", False)}

    found = {p for p, _ in expand(sre_parse.parse(rx.pattern, rx.flags), {("", True)})}
    if "" in found:
        raise ValueError(f"a match of {rx.pattern[:40]!r} can start with no literal")
    return frozenset(found)


def phrase_ending_regex(body: str) -> re.Pattern[str]:
    """``\\b(?:body)`` with IGNORECASE, for a phrase that ends its window (``body`` ends with ``$``), as a
    cheaper search: tried only at word starts led by a letter the phrase can start with (``word_start_regex``),
    not at every character. A match is that one letter: the phrase runs from its start to the window's end."""
    first = "".join(sorted(literal_prefixes(re.compile(body, re.IGNORECASE), 1)))
    return word_start_regex(body, re.escape(first), re.IGNORECASE)


def folded_once(text: str) -> str | None:
    """``folded(text)``, lowered once for the many sentences and figures scanned in the same text."""
    last = _LAST_FOLDED[0]
    if last[0] is not text:   # the same object, held here: its id cannot be reused
        last = _LAST_FOLDED[0] = (text, folded(text))
    return last[1]


def first_start(candidates: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    """Where ``candidates`` (a ``prefix_regex``) first matches in ``text[start:end]``, read in the ``folded``
    text where it has one (see ``scan_words``)."""
    twin = _lower_twin(candidates)
    low = folded_once(text) if twin is not None else None
    m = candidates.search(text, start, end) if low is None else twin.search(low, start, end)
    return None if m is None else m.start()


def scan_words(rx: re.Pattern[str], text: str, start: int, end: int,
               candidates: re.Pattern[str]) -> list[re.Match[str]]:
    """Non-overlapping ``rx.match`` hits in ``text[start:end]``, left to right, tried only where
    ``candidates`` matches (see ``prefix_regex``): much cheaper than ``rx.finditer`` when ``rx`` is a
    large alternation. A ``prefix_regex``'s starts are read in the ``folded`` text where it has one, at half
    the cost; the text is folded once for the many sentences scanned in it."""
    twin = _lower_twin(candidates)
    variants = by_first_char(rx)   # ``rx`` with only the alternatives a word's first character can start
    scanned = text
    if twin is not None and (low := folded_once(text)) is not None:
        candidates, scanned = twin, low
    found: list[re.Match[str]] = []
    last_end = start
    for w in candidates.finditer(scanned, start, end):
        pos = w.start()
        if pos < last_end:
            continue
        m = variants.get(text[pos], rx).match(text, pos, end)
        if m:
            found.append(m)
            last_end = m.end()
    return found
