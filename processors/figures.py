"""Figures: the numbers in a news text that count or measure something, with what they count.

``find_figures`` takes every number token (``processors.numbers``), drops what is not a figure
(``processors.exclusions``: years, dates, clock times, ages, ordinals, identifiers such as "flight 370"
or "AK-47", distances, phone numbers, idioms like "no one"), joins ranges (``processors.candidates``:
"between 125 and 149", "3.9 percent to 4.1 percent"), then for each figure reads

- the qualifier just before it ("at least", "nearly", "as many as", ...);
- the counted noun and the category (``processors.categories``: form, noun, casualty cues, tolls,
  else ``count_other``);
- the source (``processors.sentences.attributions``; pronouns resolve to the last named source);
- the anchor: "since ...", "as of ...", a month or "so far this year" in the same clause.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from newswire.processors import lexicon as lx
from newswire.processors.candidates import Candidate, join_ranges, read_qualifier
from newswire.processors.categories import categorize, read_noun
from newswire.processors.dates import ANCHOR_RE, TimeExpr, date_spans, find_anchor, sentence_times
from newswire.processors.exclusions import why_excluded
from newswire.processors.gazetteer import Place
from newswire.processors.numbers import find_numbers
from newswire.processors.sentences import Sentence, attributions, embedded_source, is_pronoun


@dataclass(frozen=True, slots=True)
class Figure:
    value: float
    value_max: float | None
    text: str            # == article_text[start:end]; qualifier included, counted noun excluded
    start: int
    end: int
    unit: str | None
    category: str
    qualifier: str | None
    source: str | None
    anchor_phrase: str | None
    anchor_kind: str | None   # "as_of" | "since"
    anchor_date: str | None
    sentence_start: int
    sentence_end: int
    location: str | None = None   # the figure's place as written (processors.places)
    place: Place | None = None    # that place resolved in the gazetteer


def find_figures(text: str, sentences: Sequence[Sentence], published: dt.date | dt.datetime | None,
                 times: Sequence[list[TimeExpr]] | None = None) -> list[Figure]:
    """Every figure in ``text``, in text order (``times``: each sentence's time expressions, if known)."""
    tokens = find_numbers(text)
    if not tokens:
        return []
    if times is None:
        times = sentence_times(text, sentences, published)
    spans = [span for exprs in times for span in date_spans(exprs)]
    phones = [m.span() for m in lx.PHONE_RE.finditer(text)]

    blocked = sorted(spans + phones)
    block_starts = [a for a, _ in blocked]

    def in_dates(pos: int) -> bool:
        i = bisect.bisect_right(block_starts, pos) - 1
        while i >= 0 and blocked[i][0] <= pos:
            if pos < blocked[i][1]:
                return True
            i -= 1
            if i >= 0 and pos - blocked[i][0] > 60:
                break
        return False

    figures: list[Figure] = []
    atts_cache: dict[int, list] = {}

    def get_atts(s: Sentence) -> list:
        if s.start not in atts_cache:
            atts_cache[s.start] = attributions(text, s.start, s.end)
        return atts_cache[s.start]

    def last_named_source(index: int) -> str | None:
        """The last source named by name (not "he", "it") up to sentence ``index``, looking back 20."""
        for j in range(index, max(-1, index - 20), -1):
            for att in reversed(get_atts(sentences[j])):
                if not is_pronoun(att.source):
                    return att.source
        return None

    quotes = lx.quote_speakers(text, sentences, get_atts)
    ti = 0
    for index, sent in enumerate(sentences):
        while ti < len(tokens) and tokens[ti].num_start < sent.start:
            ti += 1
        cands: list[Candidate] = []
        prev_ident = False
        while ti < len(tokens) and tokens[ti].num_start < sent.end:
            tok = tokens[ti]
            ti += 1
            if tok.end > sent.end or tok.start < sent.start:
                continue
            why = why_excluded(text, tok, sent, in_dates, prev_ident)
            prev_ident = why == "identifier"
            if why:
                continue
            c = Candidate(tok, tok.start, tok.end, tok.value)
            read_noun(text, c)
            cands.append(c)
        if not cands:
            continue
        atts = get_atts(sent)
        cands = join_ranges(text, cands, sent)
        anchors = list(ANCHOR_RE.finditer(text, sent.start, sent.end))
        for c in cands:
            if c.qualifier != "range":
                read_qualifier(text, c, sent)
        categorize(text, cands, sent)
        for c in cands:
            if c.start < sent.start or c.end > sent.end:
                continue
            source = lx.pick_source(text, c.start, c.end, sent, atts, quotes, embedded_source)
            if source is not None and is_pronoun(source):
                source = last_named_source(index)
            phrase, kind, adate = find_anchor(text, c.start, c.end, anchors, published)
            figures.append(Figure(
                value=float(c.value), value_max=None if c.value_max is None else float(c.value_max),
                text=text[c.start:c.end], start=c.start, end=c.end, unit=c.unit, category=c.category or "count_other",
                qualifier=c.qualifier, source=source, anchor_phrase=phrase, anchor_kind=kind, anchor_date=adate,
                sentence_start=sent.start, sentence_end=sent.end))
    return figures
