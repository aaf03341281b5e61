"""The document model: one article annotated once, its layers cached, figures and events assembled from them."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter

import pytest

from newswire.processors.document import Document
from newswire.processors.events import find_events
from newswire.processors.extract import extract
from newswire.processors.figures import find_figures
from newswire.processors.scenes import situate

SUNDAY = dt.date(2024, 3, 10)

RELEASE = (
    "KAMPALA, March 9 (Reuters) - Police arrested 14 people after clashes in Gulu on Friday, "
    "the interior ministry said on Saturday.\n\n"
    "\"At least 3 officers were injured,\" said spokesman Peter Okello. The opposition denied any role.\n\n"
    "Prices rose 4.2 percent in February, the statistics bureau reported, and the central bank raised "
    "its key rate to 10.5% on Wednesday. Since the unrest began, 52 people have been detained in all.")

# every producer of a layer, by the module that defines it
PRODUCERS = {
    "newswire.processors.sentences": ["split_sentences", "attributions"],
    "newswire.processors.dates": ["find_time_expressions"],
    "newswire.processors.dateline": ["find_dateline"],
    "newswire.processors.numbers": ["find_numbers"],
    "newswire.processors.place_names": ["name_spans", "candidates"],
    "newswire.processors.actors": ["find_actors"],
    "newswire.processors.figure_sources": ["quote_speakers"],
    "newswire.processors.event_triggers": ["find_triggers"],
    "newswire.processors.event_happenings": ["happenings"],
}


@pytest.fixture
def calls(monkeypatch):
    """Counts every call of a layer producer, under whatever name a processors module imported it."""
    counted: Counter = Counter()
    for home, names in PRODUCERS.items():
        for name in names:
            original = getattr(sys.modules[home], name)

            def counting(*args, _name=name, _original=original, **kwargs):
                counted[_name] += 1
                return _original(*args, **kwargs)

            for module_name, module in list(sys.modules.items()):
                if module_name.startswith("newswire.processors") and getattr(module, name, None) is original:
                    monkeypatch.setattr(module, name, counting)
    return counted


def test_an_article_is_annotated_once(calls):
    doc = Document(RELEASE, SUNDAY)
    figures, events = find_figures(doc), find_events(doc)
    events, figures = situate(doc, events, figures)
    assert figures and events
    n = len(doc.sentences)
    for name in ("split_sentences", "find_numbers", "name_spans", "candidates", "find_actors", "quote_speakers",
                 "find_dateline"):
        assert calls[name] == 1, (name, calls)
    assert calls["find_triggers"] == calls["happenings"] == n
    assert calls["attributions"] <= n
    # one pass per sentence, plus the anchors' own phrases ("since the unrest began")
    assert n <= calls["find_time_expressions"] <= n + len([f for f in figures if f.anchor_phrase])
    before = dict(calls)
    doc.times, doc.triggers, doc.places, doc.actors, doc.quotes, doc.attributions(0)
    assert dict(calls) == before   # cached: asking again computes nothing


def test_extract_is_the_assembly_of_the_document():
    doc = Document(RELEASE, SUNDAY)
    events, figures = situate(doc, find_events(doc), find_figures(doc))
    ex = extract(RELEASE, SUNDAY)
    assert ex.figures == tuple(figures) and ex.events == tuple(events)


def test_layers_are_consistent_with_the_text():
    doc = Document(RELEASE, SUNDAY)
    text = doc.text
    assert doc.dateline is not None and doc.dateline_date == "2024-03-09"
    assert doc.reference == dt.date(2024, 3, 9)   # relative dates resolve against the date line's day
    assert len(doc.times) == len(doc.triggers) == len(doc.sentences)
    for i, s in enumerate(doc.sentences):
        assert doc.sentence_index(s.start) == i and doc.sentence_index(s.end - 1) == i
        assert all(s.start <= e.start < e.end <= s.end for e in doc.times[i])
        assert all(s.start <= m.start() < m.end() <= s.end for m in doc.triggers[i])
        assert text[s.start:s.end].strip() == text[s.start:s.end]
    assert {(a.name, a.kind) for a in doc.actors} >= {("Peter Okello", "person"), ("interior ministry", "organisation")}
    assert [m.text for m in doc.places.mentions] == ["Gulu"] and doc.places.dateline.text == "Kampala"
    assert [a.source for a in doc.attributions(1)] == ["spokesman Peter Okello"]
    assert [q[2] for q in doc.quotes] == ["spokesman Peter Okello"]
    assert [[m.lastgroup for m in t] for t in doc.triggers][0][0] == "arrest"
    friday = [e for e in doc.times[0] if e.text == "on Friday"]
    assert friday and friday[0].value == "2024-03-08"


def test_a_document_without_a_date_or_text_still_has_its_layers():
    doc = Document("", None)
    assert doc.sentences == [] and doc.times == [] and doc.numbers == [] and doc.actors == []
    assert find_figures(doc) == [] and find_events(doc) == []
    assert Document("Rebels attacked Gulu.", "not a date").published is None
