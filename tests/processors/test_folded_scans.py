"""A scan of a ``folded`` (lower-cased) text with ``lower_prefix_regex`` finds the word starts that
``prefix_regex`` finds in the text as written (triggers, number tokens, speech verbs, cues), and ``find_triggers``
reading the folded text finds the same triggers, on news-like text and on any text (long s, Kelvin sign,
dotted and dotless i fold onto ASCII letters under IGNORECASE; a text where lowering would not keep that
view has no folded form)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newswire.processors import event_triggers, extract  # noqa: F401 - every scan's twin registered
from newswire.processors import word_scans
from newswire.processors.word_scans import folded, lower_prefix_regex, prefix_regex

ODD = [
    "Three people were KILLED in an Airstrike; police Arrested two, officials said on Monday.",
    "\u212aILLED \u212aidnapped, \u017fhelling \u0130njured \u0131njured, set ablaze, came under fire.",
    "\u00c9vacuated, \u00e9vacuation; ATTACKS-attacked, _said, 3said, x-raid, \u201cRaided\u201d (Explosions).",
    "\ud800 Gunmen killed\x00 5 people\udfff, police said.\x00",   # lone surrogates and NULs fold as they are
    "", "a", "\n", "said", "Said.", "\u00dfaid", "\u1e9e said", "A\u0301ttack", "\u2160 raided", "\u01c5ambush",
]
WORDS = ["killed", "Killed", "KILLED", "attack", "Attacked", "air strike", "airstrikes", "set ablaze", "said",
         "told", "released a statement", "arrested", "fired rockets", "ended talks", "taken hostage",
         "\u212aidnapped", "\u017fhelling", "\u0130njured", "\u0131njured", "\u00c9vacuated", "\u00e9", "\u2160",
         "\u01c5", "Twenty-one", "FIVE",
         "\u0663\u0664", "1,200", "eleven", "the", "police", "Monday", "\u201c", "_", "3", "-", "'s", "\u00a0"]
news_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=40).map(
    lambda ws: "".join(w + sep for w, sep in zip(ws, [" ", ", ", ". ", "-", "", "\n", " ", "? "] * 6)))


def _same_scans(text: str) -> None:
    low = folded(text)
    if low is None:
        assert len(text.lower()) != len(text) or any(c in text.lower() for c in "\u017f\u0131")
        return
    for start, end in ((0, len(text)), (1, len(text) - 1), (len(text) // 3, len(text))):
        written = [m.start() for m in event_triggers._CANDIDATES.finditer(text, start, end)]
        assert [m.start() for m in event_triggers._LOW_CANDIDATES.finditer(low, start, end)] == written
        first = event_triggers.find_triggers(text, start, end)
        again = event_triggers.find_triggers(text, start, end, low)
        assert [(m.span(), m.lastgroup) for m in again] == [(m.span(), m.lastgroup) for m in first]
        for written_rx, folded_rx in word_scans._LOWER_TWINS.values():   # numbers, speech verbs, cues, anchors
            assert [m.start() for m in folded_rx.finditer(low, start, end)] == \
                [m.start() for m in written_rx.finditer(text, start, end)]
            first = written_rx.search(text, start, end)
            assert word_scans.first_start(written_rx, text, start, end) == (first and first.start())


def test_folded_scans_find_the_triggers_of_the_text_as_written():
    for text in ODD + [" ".join(ODD), "\n".join(WORDS)]:
        _same_scans(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(news_text, st.text(max_size=60)))
def test_folded_scans_find_the_triggers_on_any_text(text):
    _same_scans(text)


def test_folded_refuses_what_lowering_reads_otherwise():
    assert folded("\u0130stanbul") is None and folded("\u017fix") is None and folded("\u0131n") is None
    assert folded("Kyiv \u212a \u00c9") == "kyiv k \u00e9"


@settings(max_examples=200, deadline=None)
@given(st.sets(st.text(alphabet="abcdeiksz '-", min_size=1, max_size=5), min_size=1, max_size=12),
       st.one_of(news_text, st.text(alphabet="abcdeiksz ABCDEIKSZ'-.\u212a\u00e9_1", max_size=50)))
def test_lower_prefix_regex_finds_the_starts_of_prefix_regex(prefixes, text):
    prefixes = {p for p in prefixes if p[0] not in " '-"} or {"a"}
    low = folded(text)
    if low is not None:
        assert [m.start() for m in lower_prefix_regex(prefixes).finditer(low)] == \
            [m.start() for m in prefix_regex(frozenset(prefixes)).finditer(text)]


def test_extraction_with_and_without_the_folded_scans_is_the_same(monkeypatch):
    """The whole extraction, on news-like text and on hostile text (lone surrogates, NULs, no punctuation),
    is what the scans of the text as written give."""
    import datetime as dt

    from newswire.processors.extract import extract as run, extraction_to_json

    texts = [" ".join(ODD), "KABUL, Dec 1 (Reuters) - Gunmen killed at least 12 people and police arrested "
             "four suspects on Monday, the interior ministry said. " * 3,
             "\ud800police said gunmen killed 7 people\x00 in Herat province on Sunday " * 40]
    day = dt.date(2026, 12, 1)
    folded_out = [extraction_to_json(run(text, day)) for text in texts]
    monkeypatch.setattr(word_scans, "folded", lambda text: None)
    monkeypatch.setattr(word_scans, "_LAST_FOLDED", [("", None)])
    assert [extraction_to_json(run(text, day)) for text in texts] == folded_out
