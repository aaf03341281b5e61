"""Word tokens, found once an article, and the lexicon scans that read them.

The token layer is where each word starts (a run of ``\\w`` characters). A lexicon (time phrases,
event triggers, speech verbs) is a large regex of alternatives tried only where one of its words can
start: its :class:`Gate` says which word heads it admits (the first characters, lower-cased), so a
lexicon looks at the few tokens whose head it knows instead of running a candidate regex over every
character of every sentence. The result is exactly that of ``sentences.scan_words``: the gate is
either the candidate regex's own trie of heads (``exact``) or a superset of it, checked then by the
candidate regex at that token; a head that is not ASCII always goes to the candidate regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

__all__ = ["Gate", "scan_tokens", "word_starts"]

_WORD_RE = re.compile(r"\w+")


def word_starts(text: str) -> list[int]:
    """Where every word of ``text`` starts, in order."""
    return [m.start() for m in _WORD_RE.finditer(text)]


@dataclass(frozen=True, slots=True)
class Gate:
    candidates: re.Pattern[str]   # zero-width: where a word of the lexicon can start (``prefix_regex``)
    heads: frozenset[str]         # lower-cased first ``size`` characters of every word it can start
    size: int
    exact: bool                   # ``candidates`` is exactly the trie of ``heads`` (``prefix_regex``)


def scan_tokens(rx: re.Pattern[str], text: str, starts: Sequence[int], end: int, gate: Gate) -> list[re.Match[str]]:
    """Non-overlapping ``rx.match`` hits at the tokens ``starts`` (all before ``end``), left to right."""
    found: list[re.Match[str]] = []
    last_end = -1
    heads, size, exact, admit = gate.heads, gate.size, gate.exact, gate.candidates.match
    for pos in starts:
        if pos < last_end:
            continue
        head = text[pos:min(pos + size, end)]
        if head.isascii():
            if head.lower() not in heads or (not exact and not admit(text, pos, end)):
                continue
        elif not admit(text, pos, end):
            continue
        m = rx.match(text, pos, end)
        if m:
            found.append(m)
            last_end = m.end()
    return found
