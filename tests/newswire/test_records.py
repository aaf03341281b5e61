"""Topic records: the wire format, its versioning, and the checked-in JSON Schemas."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import jsonschema
import pytest
from pydantic import ValidationError

from newswire.errors import BadRecord
from newswire.records import ArticleRecord, EventRecord, FigureRecord, as_utc, decode, encode
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


@pytest.mark.parametrize("stated, utc", [
    ("2025-05-12T09:30:00+05:30", "2025-05-12T04:00:00Z"),
    ("2025-05-12T09:30:00-05:00", "2025-05-12T14:30:00Z"),
    ("9999-12-31T18:59:59-05:00", "9999-12-31T23:59:59Z"),  # the last second UTC holds
    ("0001-01-01T00:30:00+00:30", "0001-01-01T00:00:00Z"),  # the first
])
def test_every_datetime_is_utc_at_the_record(stated, utc):
    record = decode(ArticleRecord, json.dumps({**json.loads(encode(article())), "published_at": stated}))
    assert record.published_at.utcoffset().total_seconds() == 0
    assert json.loads(encode(record))["published_at"] == utc
    assert article(published_at=datetime.fromisoformat(stated)).published_at == record.published_at


@pytest.mark.parametrize("stated", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+05:00",
                                    "9999-12-31T23:59:59-00:01", "0001-01-01T00:00:00+23:59"])
def test_a_datetime_utc_cannot_hold_is_refused_as_bad_date(stated):
    with pytest.raises(ValidationError) as caught:
        article(published_at=datetime.fromisoformat(stated))
    assert [error["type"] for error in caught.value.errors()] == ["bad_date"]
    with pytest.raises(BadRecord, match="outside years 1-9999 in UTC") as refused:
        decode(ArticleRecord, json.dumps({**json.loads(encode(article())), "published_at": stated}))
    assert refused.value.reason == "bad_date"


def test_as_utc_converts_and_refuses():
    assert as_utc(datetime(2025, 1, 1, 12)) == datetime(2025, 1, 1, 12, tzinfo=timezone.utc)
    assert as_utc(datetime(2025, 1, 1, 12, tzinfo=timezone(timedelta(hours=-3)))).hour == 15
    with pytest.raises(ValueError, match="outside years 1-9999"):
        as_utc(datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))))


def test_lone_surrogates_become_replacement_characters_so_the_record_encodes():
    record = decode(ArticleRecord, json.dumps({**json.loads(encode(article())), "title": "a\ud800b",
                                                "text": "x\udfff\x00y"}))
    assert (record.title, record.text) == ("a\ufffdb", "x\ufffd\x00y")
    assert decode(ArticleRecord, encode(record)) == record  # encodes: UTF-8 has no lone surrogates
    event = EventRecord(event_id="e", article_id="a", article_version=1, type="attack", trigger="t", start=0, end=1,
                        actors=["ok", "bad\ud83d"], sentence="s", sentence_start=0, extractor_version="1")
    assert event.actors == ["ok", "bad\ufffd"]


def test_deeply_nested_json_is_a_bad_record_not_a_crash():
    with pytest.raises(BadRecord, match="not JSON"):
        decode(ArticleRecord, b"[" * 100_000)


def test_places_and_actor_details_are_optional_and_validate_against_the_schema():
    place = {"name": "Gondar", "country_code": "ET", "lat": 12.6, "lon": 37.47, "gazetteer_id": "geonames:334227"}
    event = EventRecord(event_id="e", article_id="a", article_version=1, type="attack", trigger="attacked",
                        start=0, end=8, actors=["Ethiopia"], location="Gondar", place=place,
                        actor_details=[{"name": "Ethiopia", "kind": "country", "country_code": "ET",
                                        "relation": "agent"}],
                        sentence="...", sentence_start=0, extractor_version="1")
    wire = json.loads(encode(event))
    jsonschema.validate(wire, json.loads((SCHEMA_DIR / "newswire.events.v1.json").read_text()))
    back = decode(EventRecord, encode(event))
    assert back.place.gazetteer_id == "geonames:334227" and back.actor_details[0].role is None
    # a v1 subscriber's message without the new fields still decodes, and an old reader ignores them
    old = {k: v for k, v in wire.items() if k not in ("place", "actor_details")}
    assert decode(EventRecord, json.dumps(old)).place is None
    assert decode(EventRecord, json.dumps(old)).actor_details == []
    with pytest.raises(BadRecord):
        decode(EventRecord, json.dumps(wire | {"actor_details": [{"name": "x", "kind": "planet",
                                                                   "relation": "agent"}]}))
    figure = FigureRecord(figure_id="f", article_id="a", article_version=1, value=12, text="12", start=0, end=2,
                          category="killed", sentence="...", sentence_start=0, extractor_version="1",
                          location="Gondar", place=place)
    jsonschema.validate(json.loads(encode(figure)),
                        json.loads((SCHEMA_DIR / "newswire.figures.v1.json").read_text()))
