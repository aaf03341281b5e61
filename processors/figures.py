"""Figures: the numbers in a news text that count or measure something, with what they count.

``find_figures`` reads an article's layers (``processors.document``): it takes every number token
(``processors.numbers``), drops what is not a figure
(``processors.exclusions``: years, dates, clock times, ages, ordinals, identifiers such as "flight 370"
or "AK-47", distances, phone numbers, idioms like "no one"), joins ranges (``processors.candidates``:
"between 125 and 149", "3.9 percent to 4.1 percent"), then for each figure reads

- the qualifier just before it ("at least", "nearly", "as many as", ...);
- the counted noun and the category (``processors.categories``: form, noun, casualty cues, tolls,
  else ``count_other``);
- the source (the document's attributions and quotes; pronouns resolve to the last named source);
- the anchor: "since ...", "as of ...", a month or "so far this year" in the same clause.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Sequence

from newswire.processors import lexicon as lx
from newswire.processors.candidates import Candidate, join_ranges, read_qualifier
from newswire.processors.categories import categorize, read_noun
from newswire.processors.dates import ANCHOR_RE, ANCHOR_STARTS, TimeExpr, as_date, date_spans, find_anchor
from newswire.processors.document import Document
from newswire.processors.exclusions import why_excluded
from newswire.processors.figure_breakdowns import same_count
from newswire.processors.figure_lists import BULLETS, lead_in_source, saying_speaker
from newswire.processors.figure_sources import pick_source, sentence_cues
from newswire.processors.gazetteer import Place
from newswire.processors.lexicon import CASUALTY_CATEGORIES
from newswire.processors.sentences import Sentence, embedded_source, is_pronoun
from newswire.processors.word_scans import scan_words

# three digits, a separator and three more, written ``\d\d\d`` (not ``\d{3}``): a pattern led by one class
# lets the engine skip every character that is no digit without trying the rest
_PHONE_CORE_RE = re.compile(r"\d\d\d[\s.-]\d\d\d")


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
    anchor_date: str | None   # the anchor's date; for "since ...", the date it started, looked up in the text
    sentence_start: int
    sentence_end: int
    as_of_date: str | None = None   # ISO date (or YYYY-MM) the figure was given on: "said on Sunday"
    location: str | None = None   # the figure's place as written (processors.places)
    place: Place | None = None    # that place resolved in the gazetteer


def find_figures(doc: Document) -> list[Figure]:
    """Every figure of the article, in text order, read from its layers (numbers, times, attributions)."""
    tokens = doc.numbers
    if not tokens:
        return []
    text, sentences, times = doc.text, doc.sentences, doc.times
    spans = [span for exprs in times for span in date_spans(exprs)]
    # every phone number holds three digits, a separator and three more, at most 13 characters in: none
    # starts before the first such run, and most texts have none
    core = _PHONE_CORE_RE.search(text)
    phones = [m.span() for m in lx.PHONE_RE.finditer(text, max(0, core.start() - 13))] if core else []

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

    def last_named_source(index: int, plural: bool = False) -> str | None:
        """The last source named by name (not "he", "it") up to sentence ``index``, looking back 20 (``plural``:
        the last group, for "one of them")."""
        for j in range(index, max(-1, index - 20), -1):
            for att in reversed(doc.attributions(j)):
                if is_pronoun(att.source) or ONE_OF_THEM_RE.fullmatch(att.source) or " said " in att.source:
                    continue   # ("He said the division (had recorded)": a speaker and a clause, not a name)
                if not plural or att.source.endswith("s") and not att.source.endswith("ss"):
                    return att.source
        return None

    def resolved(source: str, index: int) -> str | None:
        """A pronoun's or "one of them"'s source: "it" is the body the sentence before named as its subject
        ("The army gave a lower figure. ... it said"), else the last named source."""
        if ONE_OF_THEM_RE.fullmatch(source):
            group = last_named_source(index, plural=True)
            return "one of the " + GROUP_HEAD_RE.sub("", group) if group else source
        if source.lower() in ("he", "she"):
            speaker = saying_speaker(text, sentences, index)
            if speaker is not None:
                return speaker   # "X rejected the claims, saying ... . She said N": X
        if source.lower() == "it":
            # "The bank's committee lowered the rate to 20 percent, it said": the body the sentence opens with
            for j in (index, index - 1):
                prev = sentences[j] if j >= 0 else None
                if prev is None or sentences[index].paragraph - prev.paragraph > 1:
                    break
                m = ORG_SUBJECT_RE.match(text, prev.start, prev.end)
                if m is not None:
                    return m.group(0)
        return last_named_source(index)

    quotes = doc.quotes
    ref = doc.reference
    disease_text = doc.disease_text
    since_memo: dict[tuple[str, int], str | None] = {}
    said_on: tuple[int, str] | None = None   # (paragraph, date) of the last dated statement
    ti = 0
    carried: str | None = None   # the last sentence's casualty category, for an "Of them, N ..." after it
    counted: dict[tuple[float, str], str] = {}   # the casualty counts so far, for "the 11 pirates" later
    for index, sent in enumerate(sentences):
        said = _said_date(text, sent, times[index])
        if said is not None:
            said_on = (sent.paragraph, said)
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
            carried = None
            continue
        atts = doc.attributions(index)
        cands = join_ranges(text, cands, sent)
        anchors = scan_words(ANCHOR_RE, text, sent.start, sent.end, ANCHOR_STARTS)
        for c in cands:
            if c.qualifier != "range":
                read_qualifier(text, c, sent)
        for prev, c in zip(cands, cands[1:]):
            if (c.qualifier is None and prev.qualifier not in (None, "range") and prev.tok.currency
                    and c.tok.currency and text[prev.end:c.start].strip() == "("):
                c.qualifier = prev.qualifier   # "up to $12.9bn (£10bn)": the conversion says the same
        categorize(text, cands, sent, disease_text, carried)
        same_count(text, cands, counted)
        carried = None
        for c in reversed(cands):
            if c.category in CASUALTY_CATEGORIES or c.category == "votes":
                carried = c.category
                break
        source_cues = sentence_cues(text, sent, atts)
        listed = lead_in_source(text, sentences, index, doc.attributions) if text[sent.start] in BULLETS else None
        for c in cands:
            if c.start < sent.start or c.end > sent.end:
                continue
            source = pick_source(text, c.start, c.end, sent, atts, quotes, embedded_source, source_cues) or listed
            if source is not None and (is_pronoun(source) or source[:1] in "Oo" and ONE_OF_THEM_RE.fullmatch(source)):
                source = resolved(source, index)
            phrase, kind, adate = find_anchor(text, c.start, c.end, anchors, ref)
            as_of = None
            if kind == "as_of" and adate and len(adate) == 10:
                as_of = adate
            elif said is not None:
                as_of = said
            elif said_on is not None and sent.paragraph - said_on[0] <= 1:
                as_of = said_on[1]
            elif kind == "as_of" and phrase and phrase.lower().startswith(("so far", "to date")):
                d = as_date(ref)
                as_of = d.isoformat() if d else None
            if kind == "since" and adate is None and phrase:
                key = (phrase.lower(), index)
                if key not in since_memo:   # a table may repeat one "since ..." on every row
                    since_memo[key] = _since_date(text, phrase, sentences, times, index)
                adate = since_memo[key]
            figures.append(Figure(
                value=float(c.value), value_max=None if c.value_max is None else float(c.value_max),
                text=text[c.start:c.end], start=c.start, end=c.end, unit=c.unit, category=c.category or "count_other",
                qualifier=c.qualifier, source=source, anchor_phrase=phrase, anchor_kind=kind, anchor_date=adate,
                sentence_start=sent.start, sentence_end=sent.end, as_of_date=as_of))
    return figures


# "One of them said": one of the group the text named as its source before
ONE_OF_THEM_RE = re.compile(r"(?:[Oo]ne|[Tt]wo|[Ss]ome|[Mm]any) of (?:them|those|these)")
GROUP_HEAD_RE = re.compile(r"(?i)^(?:(?:the|two|three|four|five|several|some|many|\d+)\s+)*")
# a body named as the subject that opens a sentence: "The army gave a lower figure."
ORG_SUBJECT_RE = re.compile(r"The\s+(?:(?:[A-Z][\w'’-]*|[a-z]+['’]s)\s+){0,4}(?i:army|military|ministry|police|government"
                            r"|agency|mission|commission|company|group|bank|office|department|council|committee"
                            r"|tribunal|court|authority|authorities|organi[sz]ation|navy|coalition|embassy|unit|fund"
                            r"|institute|junta|regime|rebels|movement|party|alliance|league|union|federation"
                            r"|association)\b")


def _said_date(text: str, sent: Sentence, exprs: list[TimeExpr]) -> str | None:
    """The date a sentence's source spoke: "said on Sunday", "told AFP on Sunday", "On Sunday, police said"."""
    dated = [e for e in exprs if e.value and len(e.value) == 10]
    if not dated:
        return None
    for m in scan_words(lx.SAID_RE, text, sent.start, sent.end, lx.SAID_STARTS):
        for e in dated:
            gap = text[m.end():e.start]
            if 0 <= e.start - m.end() <= 40 and len(gap.split()) <= 4 and not any(ch in gap for ch in ',"“”'):
                return e.value
    first = dated[0]
    if first.start - sent.start <= 3 and lx.SAID_RE.search(text, first.end, sent.end):
        return first.value
    return None


def _since_date(text: str, phrase: str, sentences: Sequence[Sentence], times: Sequence[list[TimeExpr]],
                index: int) -> str | None:
    """The date of the happening a "since ..." clause names, from an earlier sentence that dates it.

    "since the war broke out" looks for a dated sentence naming a war (or conflict, fighting), best one
    that says how it began ("the October 7 attack that triggered the war"); "since Israel resumed its
    campaign" for one naming a campaign or offensive ("launching a major offensive ... on March 18")."""
    words = [w for w in lx.SINCE_WORD_RE.findall(phrase.lower()) if w in lx.SINCE_NOUNS]
    if not words:
        return None
    group = set().union(*(lx.SINCE_NOUNS[w] for w in words))
    phrase_starts = lx.START_WORD_RE.search(phrase) is not None
    best: tuple[int, int, str] | None = None
    for j in range(index - 1, max(-1, index - 40), -1):
        dated = [e for e in times[j] if e.value and not e.text.lower().startswith("since")]
        if not dated:
            continue
        s = sentences[j]
        low = text[s.start:s.end].lower()
        hits = [m.start() + s.start for m in lx.SINCE_WORD_RE.finditer(low) if m.group(0) in group]
        if not hits:
            continue
        begins = lx.START_WORD_RE.search(text, s.start, s.end) is not None
        score = 2 + (2 if begins else 0) + (1 if begins and phrase_starts else 0)
        e = min(dated, key=lambda e: (len(e.value) != 10, min(abs(e.start - h) for h in hits)))
        if best is None or score >= best[0]:   # a tie goes to the earlier sentence: background comes first
            best = (score, j, e.value)
    return best[2] if best else None
