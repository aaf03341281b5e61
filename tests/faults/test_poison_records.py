"""Poison messages on every topic: each becomes a dead letter with its origin, and consumption goes on.

Malformed messages (not JSON, not an object, a wrong ``schema_version``, missing fields, an empty
value) are written straight to each topic the worker or the sink reads, each followed by a good
record. The Faust worker (``newswire process``) and the sink (``newswire sink``) run as processes.

Expected: every poison message is in the ``dead_letters`` table with ``reason="bad_record"`` and its
exact origin (topic, partition, offset): the sink's for every topic, and also the worker's for the
articles topic (both read it). Every good record after a poison one is stored.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlmodel import Session

from newswire.kafka import create_topics, make_producer
from newswire.records import SCHEMA_VERSION, ArticleRecord, DeadLetterRecord, EventRecord, FigureRecord, encode
from newswire.topics import ARTICLES, DEADLETTER, EVENTS, EXTRACTIONS, FIGURES
from newswire.storage.db import make_engine, upgrade
from newswire.storage.models import Article, DeadLetter, Event, Extraction, Figure
from newswire.ids import span_id
from newswire.records import ExtractionRecord
from tests.faults.conftest import Stage, make_article, stage_env, wait_for

pytestmark = pytest.mark.slow


def poisons(record_fields: dict) -> list[tuple[str, bytes | None]]:
    """(name, payload) of the malformed messages sent to one topic."""
    wrong_version = json.dumps({**record_fields, "schema_version": SCHEMA_VERSION + 1}).encode()
    missing = json.dumps({"schema_version": SCHEMA_VERSION, "article_id": "x" * 64}).encode()
    return [("not_json", b"{this is not json"), ("not_object", b"[1, 2, 3]"), ("wrong_version", wrong_version),
            ("missing_fields", missing), ("not_utf8", b"\xff\xfe\x00garbage")]


def test_poison_on_every_topic_is_dead_lettered_with_its_origin(settings, tmp_path):
    upgrade(settings.db_url)
    prefix = settings.topic_prefix
    create_topics(settings.kafka_bootstrap, prefix, settings.topic_partitions)
    article = make_article(1, "At least 12 people were killed in the storm, police said on Monday.")
    other = make_article(2, "At least 5 people were killed in a fire, officials said.")
    common = dict(article_id=other.article_id, article_version=1, start=0, end=11, sentence=other.text,
                  sentence_start=0, extractor_version="1.0.0")
    figure = FigureRecord(figure_id=span_id(other.article_id, 1, "figure", 0, 10), value=5.0, text="At least 5",
                          category="killed", **{**common, "end": 10})
    start = other.text.index("killed")
    event = EventRecord(event_id=span_id(other.article_id, 1, "event", start, start + 6), type="attack",
                        trigger="killed", **{**common, "start": start, "end": start + 6})
    good: dict[str, tuple[str | None, object]] = {
        ARTICLES.name: (article.article_id, article),
        FIGURES.name: (other.article_id, figure),
        EVENTS.name: (other.article_id, event),
        EXTRACTIONS.name: (other.article_id, ExtractionRecord(article_id=other.article_id, article_version=1,
                                                              extractor_version="1.0.0", figures=1, events=1)),
        DEADLETTER.name: (None, DeadLetterRecord(stage="ingest", reason="timeout", error="timeout: test",
                                                 url="https://news.example/x")),
    }
    producer = make_producer(settings.kafka_bootstrap, enable_idempotence=False, linger_ms=0)
    sent: dict[tuple[str, int, int], str] = {}  # (topic, partition, offset) -> poison name
    for name, (key, record) in good.items():
        topic = f"{prefix}{name}"
        for poison, payload in poisons(json.loads(encode(record))):
            meta = producer.send(topic, key=key, value=payload, partition=0).get(timeout=30)
            sent[(topic, meta.partition, meta.offset)] = poison
        producer.send(topic, key=key, value=record, partition=0).get(timeout=30)  # the good one, after
    producer.flush(30)
    producer.close()

    env = stage_env(settings)
    worker = Stage("process", ["process"], env, tmp_path / "process.log").start()
    sink = Stage("sink", ["sink"], env, tmp_path / "sink.log").start()
    engine = make_engine(settings.db_url)
    articles_topic = f"{prefix}{ARTICLES.name}"
    wanted = {(stage, *origin) for origin in sent for stage in ("sink", "process")
              if stage == "sink" or origin[0] == articles_topic}

    def origins() -> set[tuple]:
        with Session(engine) as session:
            return {(r.stage, r.source_topic, r.source_partition, r.source_offset)
                    for r in session.execute(select(DeadLetter)).scalars() if r.source_topic}

    def good_stored() -> bool:
        with Session(engine) as session:
            return (session.get(Article, (article.article_id, 1)) is not None
                    and session.get(Extraction, (article.article_id, 1)) is not None
                    and session.get(Figure, (good[FIGURES.name][1].article_id, good[FIGURES.name][1].figure_id)) is not None
                    and session.get(Event, (good[EVENTS.name][1].article_id, good[EVENTS.name][1].event_id)) is not None
                    and session.get(Extraction, (other.article_id, 1)) is not None)

    try:
        wait_for(lambda: wanted <= origins() and good_stored(), 90,
                 "a dead letter for every poison message and every good record stored", worker, sink)
    finally:
        assert worker.stop() == 0, worker.log()
        assert sink.stop() == 0, sink.log()

    with Session(engine) as session:
        rows = [r for r in session.execute(select(DeadLetter)).scalars() if r.source_topic]
        stored_letters = {r.url for r in session.execute(select(DeadLetter)).scalars() if r.url}
    engine.dispose()
    assert "https://news.example/x" in stored_letters  # the good dead letter after the poison ones
    assert {(r.stage, r.source_topic, r.source_partition, r.source_offset) for r in rows} == wanted
    for row in rows:
        assert row.reason == "bad_record" and row.error, (row.source_topic, row.source_offset, row.error)
        assert row.payload is not None
    by_origin = {(r.source_topic, r.source_offset): r.error for r in rows if r.stage == "sink"}
    for (topic, _, offset), poison in sent.items():
        error = by_origin[(topic, offset)]
        if poison == "wrong_version":
            assert "schema_version" in error
        elif poison in ("not_json", "not_utf8"):
            assert "not JSON" in error
    print(f"poison messages: {len(sent)} on {len(good)} topics -> {len(rows)} dead letters with their origin",
          flush=True)
