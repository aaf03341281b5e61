"""Topic records: the wire format, its versioning, and the checked-in JSON Schemas."""

from __future__ import annotations

import json
from datetime import datetime

import jsonschema
import pytest

from newswire.errors import BadRecord
from newswire.records import ArticleRecord, FigureRecord, decode, encode
from newswire.schemas import SCHEMA_DIR, render
from newswire.topics import TOPICS, topic_by_short_name


def article(**changes) -> ArticleRecord:
    fields = dict(article_id="a" * 64, url="https://news.example/x", canonical_url="https://news.example/x",
                  text="Flooding displaced 4,000 residents on Monday.", content_hash="h",
                  published_at=datetime(2025, 5, 12, 9, 30))
    fields.update(changes)
    return ArticleRecord(**fields)


def test_naive_datetimes_become_utc_and_round_trip():
    record = article()
    assert record.published_at.tzinfo is not None
    assert decode(ArticleRecord, encode(record)) == record
    assert json.loads(encode(record))["published_at"] == "2025-05-12T09:30:00Z"


@pytest.mark.parametrize("payload, message", [
    (b"\xff\xfe not json", "not JSON"),
    (b"[1, 2]", "not a JSON object"),
    (json.dumps({"schema_version": 2, "article_id": "x"}).encode(), "schema_version 2"),
    (json.dumps({"schema_version": 1, "article_id": "x"}).encode(), "invalid ArticleRecord"),
])
def test_bad_messages_raise_bad_record(payload, message):
    with pytest.raises(BadRecord, match=message):
        decode(ArticleRecord, payload)


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_checked_in_schema_matches_the_record(topic):
    checked_in = (SCHEMA_DIR / f"{topic}.json").read_text()
    assert checked_in == render(topic), "run `python -m newswire.schemas` and commit the result"


def test_messages_validate_against_their_schema():
    figure = FigureRecord(figure_id="f", article_id="a", article_version=1, value=2720, text="at least 2,720",
                          start=10, end=24, unit="people", category="killed", qualifier="at_least",
                          source="the health ministry", sentence="...", sentence_start=0, extractor_version="1")
    for record, topic in ((article(), "newswire.articles.v1"), (figure, "newswire.figures.v1")):
        schema = json.loads((SCHEMA_DIR / f"{topic}.json").read_text())
        jsonschema.validate(json.loads(encode(record)), schema)
    with pytest.raises(jsonschema.ValidationError):
        bad = json.loads(encode(figure)) | {"category": "bananas"}
        jsonschema.validate(bad, json.loads((SCHEMA_DIR / "newswire.figures.v1.json").read_text()))


def test_topic_lookup_by_short_or_prefixed_name():
    assert topic_by_short_name("figures").name == "newswire.figures.v1"
    assert topic_by_short_name("t1.newswire.events.v1").name == "newswire.events.v1"
    with pytest.raises(KeyError):
        topic_by_short_name("nope")
