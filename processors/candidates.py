"""Candidates: the numbers that may be figures, while their span, qualifier and range are read.

A ``Candidate`` is mutable because each step of ``processors.figures.find_figures`` fills in a part:
``read_qualifier`` widens the span over "at least", "nearly", "or more"; ``join_ranges`` merges
"between 125 and 149", "3.9 percent to 4.1 percent" into one candidate and pairs the two ends of a
change ("from 5 to 7 percent") so they can share a category; ``processors.categories`` sets the noun,
unit and category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newswire.processors import lexicon as lx
from newswire.processors.numbers import NumberToken, parse_digits
from newswire.processors.sentences import Sentence


@dataclass(slots=True)
class Candidate:
    tok: NumberToken
    start: int
    end: int
    value: float
    value_max: float | None = None
    qualifier: str | None = None
    category: str | None = None
    unit: str | None = None
    noun: str | None = None
    person: bool = True       # may a casualty word apply (no noun, or a person noun)
    change_partner: "Candidate | None" = None
    pre_cued: bool = False
    participle: str | None = None   # a casualty participle before the noun: "31 kidnapped persons"


def read_qualifier(text: str, c: Candidate, sent: Sentence) -> None:
    before = text[max(sent.start, c.start - 30):c.start]
    m = lx.ends_with(lx.QUAL_RE, lx.QUAL_GATE, before)
    if m:
        c.qualifier = lx.QUALIFIERS[re.sub(r"\s+", " ", m.group("q").lower())]
        c.start = c.start - (len(before) - m.start("q"))
    post = lx.POST_QUAL_RE.match(text, c.end)
    if post and c.qualifier is None:
        c.qualifier = lx.POST_QUALIFIERS[post.group("q").lower().strip(" -")]
        c.end = post.end()


_SPREAD_RE = re.compile(r"\b(?:rang(?:e|ed|es|ing)|var(?:y|ied|ies|ying)|spanned|spanning)\b", re.IGNORECASE)


def join_ranges(text: str, cands: list[Candidate], sent: Sentence) -> list[Candidate]:
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None:
            between = text[c.tok.end:nxt.tok.start]
            before = text[max(sent.start, c.tok.start - 60):c.tok.start]
            joined = None
            sep = between.strip()
            tight = between in ("-", "–")
            if (c.tok.percent and nxt.tok.currency) or (c.tok.currency and nxt.tok.percent):
                pass   # "added 0.1% to $1,472": a change and a level, never one range
            elif lx.BETWEEN_RE.search(before) and re.fullmatch(r"\s+and\s+", between):
                joined = "between"
            elif tight or (sep in ("to", "or") and between != sep):
                if lx.FROM_RE.search(before):
                    if lx.CHANGE_RE.search(before) or (sep == "to" and c.tok.percent and nxt.tok.percent
                                                       and not _SPREAD_RE.search(before)):
                        # "rose from 5 to 7 percent"; "from 23% to 35%": a share goes from one to the other
                        c.change_partner, nxt.change_partner = nxt, c
                    else:
                        joined = "range"
                elif sep == "to" and (before.rstrip().lower().endswith(" by")
                                      or lx.CHANGE_RE.search(before[-30:])):
                    c.change_partner, nxt.change_partner = nxt, c   # "raised by 0.25 points to 5.5 percent"
                elif sep == "or":
                    if c.tok.is_word and nxt.tok.is_word and nxt.value > c.value:
                        joined = "range"   # "two or three people"
                elif nxt.value > c.value:
                    joined = "range"
                elif tight:
                    i += 2  # "3-1", "52-48": a score or a tally, not a figure
                    continue
            if joined:
                m = lx.BETWEEN_RE.search(before) if joined == "between" else lx.FROM_RE.search(before)
                start = c.tok.start - (len(before) - m.start()) if (m and joined == "between") else c.start
                low_value = c.value
                if nxt.tok.scaled and not c.tok.scaled and not c.tok.is_word:
                    bare = parse_digits(text[nxt.tok.num_start:nxt.tok.num_end])
                    if bare and c.value < bare:   # "$40-50 billion", "5 to 10 million": the scale applies to both
                        low_value = c.value * (nxt.value / bare)
                merged = Candidate(c.tok, start, nxt.end, low_value, nxt.value, "range")
                merged.tok = nxt.tok if nxt.tok.currency or nxt.tok.percent else c.tok
                merged.noun, merged.person = nxt.noun, nxt.person
                out.append(merged)
                i += 2
                continue
        out.append(c)
        i += 1
    return out
