"""The dev set (benchmarks/gold): pointer annotations of the Zyte benchmark's real pages.

They hold offsets and labels only; the texts stay in the shared corpus (../shared/corpus/html). These
tests keep the annotations well-formed and pointing at the texts they were made on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newswire.processors.evaluate import load_gold
from tests.shared import shared_path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "benchmarks" / "gold"
CATEGORIES = {"killed", "injured", "missing", "hostages", "detained", "displaced", "affected", "evacuated",
              "deaths_total", "cases", "votes", "money", "percent", "magnitude", "duration", "count_other"}
QUALIFIERS = {None, "at_least", "more_than", "less_than", "about", "up_to", "range"}


@pytest.fixture(scope="module")
def texts() -> Path:
    return shared_path("corpus", "html", "zyte-ground-truth.json")


@pytest.mark.parametrize("side", ["tune", "heldout"])
def test_annotations_point_at_the_texts_they_were_made_on(side, texts):
    records = load_gold(GOLD / f"zyte-{side}.jsonl", texts)  # refuses a changed text
    for record in records:
        n = len(record["text"])
        for f in record["figures"]:
            assert 0 <= f["start"] < f["end"] <= n and f["category"] in CATEGORIES and f["qualifier"] in QUALIFIERS
        for e in record["events"]:
            assert 0 <= e["start"] < e["end"] <= n and e["trigger"].strip() == e["trigger"]
        for a, b in record["ambiguous"]:
            assert 0 <= a < b <= n


@pytest.mark.parametrize("path", sorted(GOLD.glob("probes*.jsonl")), ids=lambda p: p.name)
def test_the_invented_probes_spans_are_the_words_they_quote(path):
    """Each probe file holds its text inline: every figure's ``text`` and event's ``trigger`` is the
    text at its offsets, categories and qualifiers are the format's, and a second annotation covers
    the same texts as the first."""
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert records
    for r in records:
        for f in r["figures"]:
            assert r["text"][f["start"]:f["end"]] == f["text"], (r["id"], f)
            assert f["category"] in CATEGORIES and f["qualifier"] in QUALIFIERS
        for e in r["events"]:
            assert r["text"][e["start"]:e["end"]] == e["trigger"], (r["id"], e)
    if path.stem.endswith("-second"):
        first = {json.loads(line)["id"]: json.loads(line)["text"]
                 for line in path.with_name(path.name.replace("-second", "")).read_text().splitlines()}
        assert {r["id"]: r["text"] for r in records} == first


def test_one_text_in_three_is_held_out_and_none_is_on_both_sides():
    sides = {side: [json.loads(line)["id"] for line in (GOLD / f"zyte-{side}.jsonl").read_text().splitlines()]
             for side in ("tune", "heldout")}
    total = len(sides["tune"]) + len(sides["heldout"])
    assert total >= 60 and not set(sides["tune"]) & set(sides["heldout"])
    assert abs(len(sides["heldout"]) - total / 3) <= 1


def test_the_files_copy_no_sentence_of_the_texts():
    for path in GOLD.glob("*.jsonl"):
        for line in path.read_text().splitlines():
            record = json.loads(line)
            if str(record.get("source", "")).startswith("invented"):
                record.pop("text")   # a text written for the project (probes-*.jsonl) may be held inline
            strings = [v for v in _strings(record)]
            assert max(map(len, strings)) < 120, "only short labels belong in the annotations"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
