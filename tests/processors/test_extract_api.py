"""The public API the pipeline codes against: extract, extraction_to_json, extract_jsonl."""

import dataclasses
import datetime as dt
import io
import json

import pytest

from newswire.processors.extract import (EXTRACTOR_VERSION, Event, Extraction, Figure, extract, extract_jsonl,
                                extraction_to_json)

ARTICLE = ("The health ministry said on Sunday that at least 2,000 people have been killed since the offensive "
           "began, bringing the overall death toll to 9,300.\n\nPolice arrested 12 suspects in the capital.")


def test_version_is_a_string():
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION.count(".") == 2


def test_extract_returns_frozen_records():
    ex = extract(ARTICLE, dt.date(2025, 5, 12))
    assert isinstance(ex, Extraction)
    assert all(isinstance(f, Figure) for f in ex.figures) and all(isinstance(e, Event) for e in ex.events)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ex.figures[0].value = 1.0  # type: ignore[misc]
    first = ex.figures[0]
    assert (first.text, first.category, first.qualifier, first.source, first.anchor_kind) == (
        "at least 2,000", "killed", "at_least", "The health ministry", "since")


@pytest.mark.parametrize("text", ["", "   \n\n  ", "No numbers or events here"])
def test_empty_results(text):
    ex = extract(text, None)
    assert ex.figures == () and ex.events == ()


def test_bad_published_is_ignored():
    ex = extract(ARTICLE, "2025-05-12")  # type: ignore[arg-type]
    assert ex.events and all(e.date is None for e in ex.events if e.type == "statement")


@pytest.mark.parametrize("step, target", [("figures", "find_figures"), ("events", "find_events"),
                                          ("places and actors", "situate")])
def test_a_step_that_raises_loses_only_its_own_findings_and_says_so(monkeypatch, step, target):
    import newswire.processors.extract as module

    text = ARTICLE + " Three officers were injured in Lyon on Saturday."
    sound = extract(text, dt.date(2025, 5, 12))
    assert sound.failures == ()

    def broken(*args):
        raise IndexError("out of range")

    monkeypatch.setattr(module, target, broken)
    ex = extract(text, dt.date(2025, 5, 12))
    assert ex.failures == (f"{step}: IndexError: out of range",)
    assert len(ex.figures) == (0 if step == "figures" else len(sound.figures))
    assert len(ex.events) == (0 if step == "events" else len(sound.events))
    if step == "places and actors":  # found, but not placed
        assert all(e.place is None for e in ex.events) and any(e.place for e in sound.events)
    assert extraction_to_json(ex)["failures"] == [f"{step}: IndexError: out of range"]


def test_extraction_to_json_is_plain_json():
    data = extraction_to_json(extract(ARTICLE, dt.datetime(2025, 5, 12, 8, 0)))
    assert set(data) == {"figures", "events"}
    figure = data["figures"][0]
    assert figure["as_of_or_since"] == figure["anchor_phrase"] == "since the offensive began"
    assert isinstance(data["events"][0]["actors"], list)
    assert json.loads(json.dumps(data)) == data


def test_extract_jsonl_writes_one_line_per_record_and_survives_bad_lines():
    lines = [
        json.dumps({"id": "a", "text": ARTICLE, "published": "2025-05-12"}),
        "",
        "{not json",
        json.dumps({"id": "b", "text": 42, "published": None}),
        json.dumps({"id": "c", "text": "Six people died.", "published": "2025-05-12T08:00:00Z"}),
        json.dumps({"id": "d", "text": "Six people died.", "published": "yesterday"}),
        json.dumps(["not", "an", "object"]),
    ]
    out = io.StringIO()
    assert extract_jsonl(lines, out) == 6
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r.get("id") for r in rows] == ["a", None, "b", "c", "d", None]
    assert rows[0]["figures"] and rows[0]["events"]
    assert ["error" in r for r in rows] == [False, True, True, False, True, True]
    assert rows[3]["figures"][0]["category"] == "killed"
