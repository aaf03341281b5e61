"""Relative clauses of a sentence and the time expressions inside them: a clause's date is its own verb's.

"Meetup, which it bought in 2017", "the minister, who took office in May", and reduced ones, a
participle of a happening with its agent after a noun ("the budget approved by lawmakers in April"),
hold dates that are not those of the sentence's other events (``events.find_events`` keeps them from
the triggers outside the clause), while a clause about the trigger itself ("the hearing, which is set
for February") gives that trigger its date first.
"""

from __future__ import annotations

import re

from newswire.processors.dates import _FUTURE_RE, TimeExpr

__all__ = ["described", "outside", "relative_clauses"]

# A relative clause: "Meetup, which it bought in 2017", "the minister, who took office in May", or a reduced one,
# a participle of a happening with its agent after a noun: "the budget approved by lawmakers in April" (a state's
# participle, "a firm owned by ...", "a party led by ...", dates nothing)
_RELATIVE_RE = re.compile(r"\b(?:who|whom|whose|which)\b|\b(?!(?:owned|controlled|backed|funded|supported|dominated"
                          r"|based|headed|chaired|operated|managed|used|called|named|followed|affected|accompanied"
                          r"|surrounded|occupied|guarded|favou?red|considered|needed|required|owed)\s)"
                          r"(?:[a-z]+ed|made|taken|given|won|hit|set|built|brought|caught|shot|struck|found|paid|sold"
                          r"|sent|chosen|driven|thrown|beaten|stolen|shown|written|drawn|done|begun)\s+by\b")
_CLAUSE_LEAD_RE = re.compile(r"[\s,]*(?:(?:in|on|at|during|since|by|last|early|late)\s+)?")
_CLAUSE_END_RE = re.compile(r"[,;:()“”\"—–]|\s-\s")
# before a participle, these make it a finite verb ("was approved by"), not a reduced relative clause
_FINITE_BEFORE = frozenset({"am", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "get",
                            "gets", "got", "gotten", "and", "or", "not", "never", "also", "then", "just", "that",
                            "who", "which", "it", "he", "she", "they", "we", "i", "you"})
_LAST_WORD_RE = re.compile(r"([\w'’-]+)\W*$")


def relative_clauses(text: str, sent_start: int, sent_end: int,
                      exprs: list[TimeExpr]) -> dict[int, list[tuple[int, int, int]]]:
    """Time expressions inside a relative clause (index -> [(clause start, clause end, end of the word before
    the clause)]): the clause's date is its own verb's ("Meetup, which it bought in 2017", "the budget
    approved by lawmakers in April"), not the date of the sentence's other events. A clause runs from its
    pronoun or participle to the next comma, dash, bracket, quote or the sentence's end."""
    bound: dict[int, list[tuple[int, int, int]]] = {}
    lo, hi = sent_start, exprs[-1].start   # a clause must open before the last expression
    for m in _RELATIVE_RE.finditer(text, lo, hi):
        before = _LAST_WORD_RE.search(text, max(sent_start, m.start() - 40), m.start())
        if m.group(0)[0] not in "wW":   # a participle: a noun before it, not an auxiliary or a pronoun
            word = before.group(1).lower() if before else ""
            if not before or word in _FINITE_BEFORE or word.endswith("ly") \
                    or text[before.end(1):m.start()].strip(" ,\"”’'"):
                continue
        close = _CLAUSE_END_RE.search(text, m.end(), sent_end)
        while close and any(m.end() <= e.start and e.end <= close.start() and not text[e.end:close.start()].strip()
                            and _CLAUSE_LEAD_RE.fullmatch(text, m.end(), e.start) for e in exprs):
            close = _CLAUSE_END_RE.search(text, close.end(), sent_end)   # "who, in 2008, won": set off, not closed
        end = close.start() if close else sent_end
        antecedent = before.end(1) if before else -1
        # a clause left open to the sentence's end shares a past day written at that end with the main verb:
        # "troops killed a man who they said tried to stab a soldier on Sunday" (wire copy puts the news day
        # last); a year, a month or a future day there is the clause's own ("which it bought in 2016")
        shared_day = close is None and _FUTURE_RE.search(text, m.end(), end) is None
        for i, e in enumerate(exprs):
            if m.end() <= e.start and e.end <= end:
                if shared_day and e.value and len(e.value) == 10:
                    continue
                bound.setdefault(i, []).append((m.start(), end, antecedent))
    return bound


def outside(bound: dict[int, list[tuple[int, int, int]]], start: int, end: int) -> dict[int, int]:
    """The expressions a trigger at ``start:end`` may not take: those of relative clauses it is neither
    inside nor the antecedent of ("the attack, which killed five on Sunday" is Sunday's)."""
    return {i: -1 for i, clauses in bound.items()
            if any(not (a <= start < b) and end != ante for a, b, ante in clauses)}


def described(bound: dict[int, list[tuple[int, int, int]]], exprs: list[TimeExpr], end: int) -> TimeExpr | None:
    """The first dated expression of a relative clause about the trigger ending at ``end``: "the hearing, which
    is set for February", "the blast, which ripped through the depot on Saturday"."""
    for i in sorted(bound):
        if exprs[i].value and any(ante == end for _, _, ante in bound[i]):
            return exprs[i]
    return None
