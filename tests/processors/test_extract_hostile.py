"""Hostile text for the extractor: no sentence breaks, one word repeated, tables of numbers (issue 18).

Each used to cost worse than quadratic time (20 KB of unpunctuated words took 40 s). These tests only
check that extraction of each class at a moderate size finishes and returns a valid result, with
pytest-timeout as the guard; how the cost grows with size is measured by ``newswire bench``
(``worst_case`` section, ``newswire.app.bench.worst``), not asserted here.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from newswire.app.bench.worst import CLASSES, prose, unpunctuated
from newswire.processors.dates import sentence_times
from newswire.processors.event_triggers import find_triggers
from newswire.processors.date_claims import (_AND_THEN_RE, _DURING_RE, _MODAL_RE, _NAME_AND_RE, _NEW_CLAUSE_RE,
                                            _NOT_IN_SPEECH_GAP_RE, _TOLD_GAP_RE,
                                            _NOUN_AFTER_RE, _PP_DATE_RE, _PREMOD_GAP, _SAYING_VERBS, _SPEECH_GAP_RE,
                                            _claimed, _leads, _nearest)
from newswire.processors.extract import extract
from newswire.processors.sentences import MAX_SENTENCE_CHARS, split_sentences

PUB = dt.date(2025, 5, 12)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name, size", [("unpunctuated", 60_000), ("said_repeated", 60_000),
                                        ("number_table", 100_000), ("prose", 300_000)])
def test_each_hostile_class_is_extracted_in_bounded_time(name, size):
    text = CLASSES[name](size)
    result = extract(text, PUB)
    for f in result.figures:
        assert text[f.start:f.end] == f.text
    for e in result.events:
        assert text[e.start:e.end] == e.trigger
    if name == "said_repeated":
        # a run of "said" with no clause break between is one statement: one a (cut) sentence
        assert len(result.events) == len(split_sentences(text))
    if name == "number_table":
        assert result.figures  # the numbers are still read


def test_a_run_without_breaks_is_cut_into_bounded_sentences_at_spaces():
    text = unpunctuated(20_000)
    sentences = split_sentences(text)
    assert len(sentences) >= 20_000 // MAX_SENTENCE_CHARS
    assert all(0 < s.end - s.start <= MAX_SENTENCE_CHARS for s in sentences)
    for a, b in zip(sentences, sentences[1:]):
        assert text[a.end:b.start].isspace()  # cut between words, nothing lost
    assert sentences[0].start == 0 and sentences[-1].end == len(text.rstrip())


def test_a_run_without_spaces_is_cut_too():
    text = "x" * 2_500
    assert [(s.start, s.end) for s in split_sentences(text)] == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_ordinary_sentences_are_not_cut():
    text = prose(50_000)
    assert all(s.end - s.start < 400 for s in split_sentences(text))
    one = ("Rescue workers said on Sunday that the floods, which began after three days of heavy rain in the hills "
           "above the town, had cut the main road, " * 5).strip() + "."
    assert len(one) < MAX_SENTENCE_CHARS
    assert len(split_sentences(one)) == 1


def _nearest_by_scanning(text, exprs, start, end, statement, sent_start, owned):
    """The date choice as it was before issue 18 (one regex search per trigger and expression): the oracle."""
    best, best_dist = None, None
    if owned and any(at == start for at in owned.values()):
        return exprs[min(i for i, at in owned.items() if at == start)]
    for i, e in enumerate(exprs):
        dist = 0 if (e.start < end and e.end > start) else (e.start - end if e.start >= end else start - e.end)
        if owned and i in owned and owned[i] != start and not (
                dist and e.start >= end and _DURING_RE.search(text, max(0, e.start - 8), e.start)):
            continue
        if dist and _new_clause(text, min(end, e.end), max(start, e.start)):
            continue
        if statement and (dist > 40 or re.search(r"\bthat\b", text[end:e.start]) if e.start >= end else (
                (dist > 4 or any(ch in text[e.end:start] for ch in ",\"”")) and not _leads(text, sent_start, e.start)
                and not _AND_THEN_RE.fullmatch(text, e.end, start))):
            continue
        # a date before an "and" is the first verb's: every date of the clause after the trigger comes first
        rank = (e.end <= start and dist > 0 and re.search(r"\band\b", text[e.end:start]) is not None, dist)
        if best_dist is None or rank < best_dist:
            best, best_dist = e, rank
    return best


WORDS = ["said", "police said", "told reporters", "on Monday", "Tuesday", "yesterday", "in March", "March 3",
         "killed", "attack", "the attack", "rose", "and The army", "and the", "; ", ", ", "but", "that",
         "12 people", "officials", "in a statement", "Sunday's", "blast", "since January", "at 3 p.m.", "\"",
         "on Sunday,", "talks", "will meet", "next week", "said on Friday"]


@pytest.mark.parametrize("seed", range(100))
def test_the_nearest_date_is_the_one_a_full_scan_finds(seed):
    import random

    rng = random.Random(seed)
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 150)))
    sent = split_sentences(text)
    times = sentence_times(text, sent, PUB)
    checked = 0
    for s, exprs in zip(sent, times):
        matches = find_triggers(text, s.start, s.end)
        owned = _claimed(text, matches, exprs) if exprs else {}
        for m in matches:
            statement = m.lastgroup == "statement"
            want = _nearest_by_scanning(text, exprs, m.start(), m.end(), statement, s.start, owned)
            assert _nearest(text, exprs, m.start(), m.end(), statement, s.start, owned) == want, (text, m)
            checked += 1
    assert checked


def _new_clause(text, a, b):
    """Whether a clause starts in ``text[a:b]``: "and Police" does, "Health and Public Hygiene" (one name) not."""
    return any(not (text.startswith("and", m.start()) and _NAME_AND_RE.search(text, max(0, m.start() - 24), m.start()))
               for m in _NEW_CLAUSE_RE.finditer(text, a, b))


def _claimed_by_scanning(text, matches, exprs):
    """Which trigger owns which date, every expression against every trigger (the oracle of ``_claimed``)."""
    owned = {}
    statements = [m for m in matches if m.lastgroup == "statement"]
    others = [m for m in matches if m.lastgroup != "statement"]
    for i, e in enumerate(exprs):
        premod = [m for m in others if e.end <= m.start() and text[e.end:m.start()] in _PREMOD_GAP]
        if premod:
            # "an air strike on Saturday destroyed": a prepositional date between a noun trigger and a verb is
            # the noun's
            noun = [m for m in others if m.end() == e.start - 1]
            pp = noun and text[e.start - 1] == " " and _PP_DATE_RE.match(e.text)
            if not pp and _PP_DATE_RE.match(e.text) and premod[-1].group(0).endswith("ed") \
                    and premod[-1].lastgroup not in _SAYING_VERBS:
                continue   # "an attack in March killed": the subject's and its verb's, no one's own
            owned[i] = noun[0].start() if pp else premod[-1].start()
            continue
        # "last week's presidential election": a possessive date is its noun's, across one or two modifiers
        if e.text.endswith(("'s", "’s")):
            head = next((m.start() for m in others if re.fullmatch(r"(?: [a-z][\w-]*){1,2} ", text[e.end:m.start()])),
                        None)
            if head is not None:
                owned[i] = head
                continue
        before = [m for m in statements if m.end() <= e.start]
        verbs = [m for m in others if m.end() <= e.start]
        if before and verbs:
            verb = max(verbs, key=lambda m: m.end())
            if verb.start() >= before[-1].end() and len(text[before[-1].end():e.start].split()) <= 5 \
                    and not _NOUN_AFTER_RE.search(text, max(0, verb.start() - 24), verb.start()):
                # "said the boy died on Tuesday": the date of what was said; "claimed victory on Sunday": the claim's
                owned[i] = before[-1].start() if verb.start() == before[-1].end() + 1 else verb.start()
                continue
        last = max(verbs, key=lambda m: m.end()).start() if verbs else -1
        for m in reversed(before):
            gap = text[m.end():e.start]
            if 5 < len(gap.split()) <= 10 and last < m.end() and _TOLD_GAP_RE.fullmatch(gap) and not _MODAL_RE.search(gap):
                owned[i] = m.start()   # "told reporters at his office in the capital on Saturday"
                break
            if len(gap.split()) > 5 or _NOT_IN_SPEECH_GAP_RE.search(gap):
                break
            if _SPEECH_GAP_RE.fullmatch(gap) and " that " not in f" {gap} ":
                owned[i] = m.start()
    return owned


@pytest.mark.parametrize("seed", range(100))
def test_date_claims_are_the_ones_a_full_scan_finds(seed):
    import random

    rng = random.Random(1000 + seed)
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 150)))
    for s, exprs in zip(split_sentences(text), sentence_times(text, split_sentences(text), PUB)):
        matches = find_triggers(text, s.start, s.end)
        assert _claimed(text, matches, exprs) == _claimed_by_scanning(text, matches, exprs), text


@pytest.mark.timeout(20)
def test_a_long_word_after_an_attribution_costs_no_backtracking():
    # Found by the fuzzer: "…, officials said <a 60-letter word> …" backtracked at about the 6th power of
    # the word's length in the final-attribution check (50 letters: 0.4 s; 300 would not finish).
    text = "At least 12 people were killed, officials said " + "x" * 300 + " near the old river bank late at night."
    found = extract(text, dt.date(2025, 5, 12))
    assert [f.value for f in found.figures] == [12]
