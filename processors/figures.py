"""Figures: the numbers in a news text that count or measure something, with what they count.

``find_figures`` takes every number token (``processors.numbers``), drops what is not a figure
(years, dates, clock times, ages, ordinals, identifiers such as "flight 370" or "AK-47", distances,
phone numbers, idioms like "no one"), joins ranges ("between 125 and 149", "3.9 percent to
4.1 percent"), then for each figure reads

- the qualifier just before it ("at least", "nearly", "as many as", ...);
- the category, in this order: its form (money, percent, magnitude, duration), the counted noun
  ("hostages", "votes", "cases", "bodies"), "including N" after a casualty figure, a casualty verb
  right before it ("killing 12", "evacuated about 80"), a toll phrase ("the death toll rose to N"),
  a casualty word after it in the same clause ("N people were killed", "N wounded"), else
  ``count_other``. Casualty words only apply to people: "50,000 houses ... homeless" stays count_other;
- the source (``processors.sentences.attributions``; pronouns resolve to the last named source);
- the anchor: "since ...", "as of ...", a month or "so far this year" in the same clause.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import Sequence

from processors import lexicon as lx
from processors.dates import ANCHOR_RE, TimeExpr, date_spans, find_anchor, sentence_times
from processors.numbers import NumberToken, find_numbers, parse_digits
from processors.sentences import Sentence, attributions, embedded_source, is_pronoun


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


@dataclass(slots=True)
class _Cand:
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
    change_partner: "_Cand | None" = None
    pre_cued: bool = False


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


def _excluded(text: str, tok: NumberToken, sent: Sentence, in_dates, prev_ident: bool) -> str | None:
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
    if (word[:1].isupper() and not word.endswith(("'s", "’s")) and low not in lx.COMMON_WORDS
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


def _category_by_form(text: str, c: _Cand, sent_text_low: str, sent: Sentence) -> str | None:
    tok = c.tok
    if tok.currency:
        c.unit = tok.currency
        return "money"
    if tok.percent:
        c.unit = "percent"
        return "percent"
    hu = tok.hyphen_unit
    if hu in lx.TIME_UNITS:
        c.unit = lx.TIME_UNITS[hu]
        return "duration"
    if hu in lx.MAGNITUDE_WORDS:
        c.unit = "magnitude"
        return "magnitude"
    before = text[max(sent.start, c.start - 40):c.start].lower()
    if ("magnitude" in before or "richter" in before) and lx.MAGNITUDE_BEFORE_RE.search(before) or lx.MAGNITUDE_AFTER_RE.match(text, tok.end):
        c.unit = "magnitude"
        return "magnitude"
    nxt = lx.NEXT_WORD_RE.match(text, tok.end)
    if nxt and nxt.group(1).lower() in lx.TIME_UNITS:
        c.unit = lx.TIME_UNITS[nxt.group(1).lower()]
        return "duration"
    raw = text[tok.num_start:tok.num_end]
    if (not tok.is_word and re.fullmatch(r"\d\.\d", raw) and lx.QUAKE_RE.search(sent_text_low)
            and not (nxt and nxt.group(1).lower() not in lx.FUNCTION_WORDS)):
        c.unit = "magnitude"
        return "magnitude"
    return None


def _read_noun(text: str, c: _Cand) -> None:
    """The counted noun after the number (skipping modifiers) and whether it names people."""
    m = lx.NOUN_WINDOW_RE.match(text, c.tok.end)
    if not m:
        return
    words = m.group(1).split()
    skip_to = 0
    for i, w in enumerate(words):
        if i < skip_to:
            continue
        lw = w.lower()
        if lw in lx.MODIFIERS:
            continue
        if w[:1].isupper() and i + 1 < len(words) and words[i + 1][:1].isupper():
            k = i + 1
            while k < len(words) and words[k][:1].isupper():
                k += 1
            if k < len(words) and words[k].lower() not in lx.FUNCTION_WORDS:
                skip_to = k   # "two United States service members": a name before the noun
                continue
        if w[:1].isupper() and not w.endswith("s") and i + 1 < len(words) and words[i + 1][:1].islower() \
                and words[i + 1].lower() not in lx.FUNCTION_WORDS:
            continue  # "58 Israeli hostages" (but "3.7 million Ukrainians remain displaced")
        if lw in lx.FUNCTION_WORDS or lw in lx.CUE_WORDS_AFTER:
            return
        if w[:1].islower() and lw.endswith(("ed", "ing")) and not lx.is_known_noun(lw):
            return   # "about 660,000 based on forecasts", "30 according to": a verb, not the counted noun
        if (not lx.is_known_noun(lw) and (not lw.endswith("s") or "-" in w or w[:1].isupper())
                and i + 1 < len(words) and (lx.is_known_noun(words[i + 1].lower())
                                            or (words[i + 1][:1].islower() and lx.is_person_noun(words[i + 1])))):
            continue  # "270 electoral votes"
        c.noun = lw
        c.person = lx.is_person_noun(w)
        return


def _qualifier(text: str, c: _Cand, sent: Sentence) -> None:
    before = text[max(sent.start, c.start - 30):c.start]
    m = lx.ends_with(lx.QUAL_RE, lx.QUAL_GATE, before)
    if m:
        c.qualifier = lx.QUALIFIERS[re.sub(r"\s+", " ", m.group("q").lower())]
        c.start = c.start - (len(before) - m.start("q"))
    post = lx.POST_QUAL_RE.match(text, c.end)
    if post and c.qualifier is None:
        c.qualifier = lx.POST_QUALIFIERS[post.group("q").lower().strip(" -")]
        c.end = post.end()


def _ranges(text: str, cands: list[_Cand], sent: Sentence) -> list[_Cand]:
    out: list[_Cand] = []
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
            if lx.BETWEEN_RE.search(before) and re.fullmatch(r"\s+and\s+", between):
                joined = "between"
            elif tight or (sep in ("to", "or") and between != sep):
                if lx.FROM_RE.search(before):
                    if lx.CHANGE_RE.search(before):
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
                merged = _Cand(c.tok, start, nxt.end, low_value, nxt.value, "range")
                merged.tok = nxt.tok if nxt.tok.currency or nxt.tok.percent else c.tok
                merged.noun, merged.person = nxt.noun, nxt.person
                out.append(merged)
                i += 2
                continue
        out.append(c)
        i += 1
    return out


def _categorize(text: str, cands: list[_Cand], sent: Sentence) -> None:
    low = text[sent.start:sent.end].lower()
    previous: _Cand | None = None
    for c in cands:
        form = _category_by_form(text, c, low, sent)
        if form:
            c.category = form
        elif c.noun in lx.NOUN_CATEGORY and not lx.KILLED_RIGHT_AFTER_RE.match(text, c.end):
            c.category = lx.NOUN_CATEGORY[c.noun]
            if c.category == "cases" and not lx.HEALTH_RE.search(low):
                c.category = "count_other"   # "two cases against the company": court cases
        else:
            before = text[max(sent.start, c.start - 60):c.start]
            inc = lx.ends_with(lx.INCLUDING_RE, lx.INCLUDING_GATE, before)
            pre = lx.ends_with(lx.PRE_CUE_RE, lx.PRE_CUE_GATE, before)
            if inc and previous is not None and previous.category in lx.CASUALTY_CATEGORIES:
                c.category = previous.category
                c.unit = c.unit or previous.unit
            elif pre and (c.person or (c.noun in lx.POWER_UNITS and lx.cue_category(pre.group("cue")) == "affected")):
                c.category = lx.cue_category(pre.group("cue"))
                if c.category == "injured" and pre.group("cue").lower().startswith("treat") and lx.HEALTH_RE.search(low):
                    c.category = "cases"   # "treated 300 patients for cholera"
                c.pre_cued = True
            else:
                window = low[max(0, c.start - 120 - sent.start):c.start - sent.start]
                toll = None
                if "toll" in window or "number of" in window or "death" in window or "case" in window:
                    for toll in lx.TOLL_RE.finditer(text, max(sent.start, c.start - 120), c.start):
                        pass   # the last toll phrase before the figure
                if (toll and c.person and not re.search(r"\d", text[toll.end():c.start])
                        and lx.TOLL_LINK_RE.search(text, toll.end(), c.start)):
                    c.category = lx.toll_category(toll.group(0))   # "the death toll rose to 143"
        previous = c
    # casualty words after the numbers ("N people were killed", "over 300 wounded") apply backwards,
    # to figures after the previous casualty word of the clause
    prev_cue_end = sent.start
    for cue in lx.POST_CUE_RE.finditer(text, sent.start, sent.end):
        if (text[max(sent.start, cue.start() - 4):cue.start()].lower() == "the "
                and not text[max(sent.start, cue.start() - 10):cue.start()].lower().endswith("among the ")):
            continue  # "one of the wounded": a noun, not what happened to the figure ("are among the dead" is)
        if lx.ACTIVE_AFTER_RE.match(text, cue.end()):
            prev_cue_end = cue.end()
            continue  # "killed 12 people": a pre-cue of the next figure
        category = lx.cue_category(cue.group("cue"))
        later: _Cand | None = None
        for c in reversed(cands):
            if c.end > cue.start():
                continue
            if c.start < prev_cue_end:
                break
            gap = text[c.end:cue.start()]
            if len(gap.split()) > 16 or lx.CLAUSE_BREAK_RE.search(gap):
                break
            # an earlier figure shares the casualty word only through a list: "six people, four children
            # and a woman were killed"; not across a verb ("2,000 officers were deployed after 3 were killed")
            if later is not None and (lx.NOT_A_LIST_RE.search(text, c.end, later.start)
                                      or lx.OF_WHOM_RE.match(text, later.end)):
                break
            if c.category is None and c.person:
                c.category = category
            later = c
        prev_cue_end = cue.end()
    for c in cands:  # after the verbs: "one of the wounded later died" is killed
        if c.category is None:
            of = lx.OF_CASUALTY_RE.match(text, c.end)
            if of:
                c.category = lx.cue_category(of.group("cue"))   # "three of the injured", "seven of the dead"
    for c, nxt in zip(cands, cands[1:]):
        if c.category is None and nxt.category and lx.OF_THE_RE.fullmatch(text, c.end, nxt.start):
            c.category, c.unit = nxt.category, c.unit or nxt.unit   # "306 of the 538 votes"
    for prev, c in zip(cands, cands[1:]):
        if c.category is not None or prev.category not in lx.CASUALTY_CATEGORIES:
            continue
        if c.noun is None and prev.noun is not None and lx.BARE_END_RE.match(text, c.end):
            c.category, c.unit = prev.category, prev.unit or prev.noun   # "freed 17 hostages but still hold 40."
        elif prev.pre_cued and c.person and lx.OBJECT_LIST_RE.fullmatch(text, prev.end, c.start):
            c.category = prev.category   # "killed 19 children and two teachers"
    for c in cands:
        if c.category is None and c.change_partner is not None and c.change_partner.category:
            c.category = c.change_partner.category
        if c.category is None:
            c.category = "count_other"
        if c.unit is None:
            c.unit = c.noun if c.noun else ("people" if c.category in lx.CASUALTY_CATEGORIES else None)


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
        cands: list[_Cand] = []
        prev_ident = False
        while ti < len(tokens) and tokens[ti].num_start < sent.end:
            tok = tokens[ti]
            ti += 1
            if tok.end > sent.end or tok.start < sent.start:
                continue
            why = _excluded(text, tok, sent, in_dates, prev_ident)
            prev_ident = why == "identifier"
            if why:
                continue
            c = _Cand(tok, tok.start, tok.end, tok.value)
            _read_noun(text, c)
            cands.append(c)
        if not cands:
            continue
        atts = get_atts(sent)
        cands = _ranges(text, cands, sent)
        anchors = list(ANCHOR_RE.finditer(text, sent.start, sent.end))
        for c in cands:
            if c.qualifier != "range":
                _qualifier(text, c, sent)
        _categorize(text, cands, sent)
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
