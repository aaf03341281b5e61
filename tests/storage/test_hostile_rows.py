"""Records the sink cannot store, between good ones, on the real broker and both databases.

Each hostile message is crafted at the producer level (raw JSON, bypassing the record classes), as a
buggy or hostile producer would send it. Expected: every good record is stored; every hostile one is
stored (when it can be, cleaned) or is a ``sink`` dead letter with its origin and payload; the batch
is committed and the sink keeps running. Before this, an out-of-range date made the sink exit on
``OverflowError`` and crash-loop: nothing more was stored.
"""

from __future__ import annotations

import json
import random
import string
import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from newswire.kafka import create_topics, make_producer, send
from newswire.records import ArticleRecord, encode
from newswire.topics import ARTICLES, EXTRACTIONS, FIGURES
from newswire.storage import mapping
from newswire.storage.db import make_engine, upgrade
from newswire.storage.models import Article, DeadLetter, Extraction, Figure
from newswire.storage.queries import count_rows
from newswire.storage.sink import SinkWorker, _Item, write_isolated
from newswire.storage.writer import RecordWriter
from tests.faults.conftest import wait_for


def raw(record, **changes) -> bytes:
    """``record`` as JSON on the wire, with fields changed after validation (what a foreign producer can send)."""
    return json.dumps({**json.loads(encode(record)), **changes}).encode()


def hostile_messages(records, article, backend: str) -> list[tuple[str, str, bytes, str | None]]:
    """(name, topic short name, payload, expected dead-letter reason or None for "stored")."""
    noise = random.Random(7)
    unindexable = "".join(noise.choice(string.ascii_letters + string.digits) for _ in range(12_000))
    nul_and_surrogate = raw(records.article(), text="Seven people were\x00 killed \ud800 in the blast, police said.")
    assert b"\\u0000" in nul_and_surrogate and b"\\ud800" in nul_and_surrogate  # as JSON escapes them
    return [
        ("date_year_10000", "articles", raw(records.article(), published_at="9999-12-31T23:00:00-05:00"), "bad_date"),
        ("date_year_0", "figures", raw(records.figure(article, 0), published_at="0001-01-01T00:30:00+05:00"),
         "bad_date"),
        ("nested_json", "articles", b"[" * 100_000, "bad_record"),
        # SQLite: OverflowError in the driver (not a database error); PostgreSQL: "integer out of range".
        ("version_2_63", "articles", raw(records.article(), version=2**63),
         "unstorable_record" if backend == "sqlite" else "db_rejected"),
        # A version of 5,000 digits: the writer compares versions, and int() refuses that many digits.
        # Compared without int(), it is stored (for an article of its own: it claims to be newest).
        ("extractor_version_digits", "extractions",
         raw(records.extraction(records.article()), extractor_version="9" * 5000), None),
        # 12 KB of random letters in an indexed column: PostgreSQL's btree refuses it (SQLSTATE 54000,
        # reported as an OperationalError like an outage); SQLite stores it.
        ("guid_12kb", "articles", raw(records.article(), guid=unindexable),
         None if backend == "sqlite" else "db_rejected"),
        # NUL and a lone surrogate: stored, as U+FFFD.
        ("nul_and_surrogate", "articles", nul_and_surrogate, None),
    ]


@pytest.mark.slow
def test_sink_isolates_records_it_cannot_store(settings, records):
    settings = settings.model_copy(update={"sink_batch_size": 100, "sink_batch_timeout_ms": 500})
    upgrade(settings.db_url)
    engine = make_engine(settings.db_url)
    backend = engine.dialect.name
    prefix = settings.topic_prefix
    create_topics(settings.kafka_bootstrap, prefix, partitions=1)
    article = records.article()
    hostile = hostile_messages(records, article, backend)
    good = [records.article() for _ in range(len(hostile) + 1)]

    producer = make_producer(settings.kafka_bootstrap)
    send(producer, ARTICLES.full_name(prefix), article.article_id, article)
    origins: dict[tuple[str, int], tuple[str, str | None]] = {}
    for before, (name, topic, payload, reason) in zip(good, hostile):
        send(producer, ARTICLES.full_name(prefix), before.article_id, before)
        full = f"{prefix}newswire.{topic}.v1"
        meta = send(producer, full, article.article_id, payload).get(timeout=30)
        origins[(full, meta.offset)] = (name, reason)
    send(producer, ARTICLES.full_name(prefix), good[-1].article_id, good[-1])
    send(producer, FIGURES.full_name(prefix), article.article_id, records.figure(article, 0))
    send(producer, EXTRACTIONS.full_name(prefix), article.article_id, records.extraction(article))
    producer.flush(30)
    producer.close()

    worker = SinkWorker(settings, engine)
    stop = threading.Event()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            worker.run(stop)
        except BaseException as exc:  # surfaced below, not lost in the thread
            errors.append(exc)

    thread = threading.Thread(target=run, name="sink", daemon=True)
    thread.start()
    total = len(good) + 1 + len(hostile) + 2
    try:
        wait_for(lambda: worker.caught_up() or not thread.is_alive(), 90, "the sink to store the batch")
        assert thread.is_alive() and not errors, errors  # no record made it exit
        # The sink reads its own dead letters back from the topic, so it has seen more messages.
        assert worker.stats.messages >= total and not worker.stats.retrying
    finally:
        stop.set()
        thread.join(30)
    assert not errors, errors

    with engine.connect() as conn:
        articles = {row.article_id: row for row in conn.execute(select(Article.__table__))}
        letters = {(row.source_topic, row.source_offset): row for row in conn.execute(select(DeadLetter.__table__))}
        assert conn.execute(select(Figure.__table__)).first() is not None
        assert conn.execute(select(Extraction.__table__)).first() is not None
    for record in [article, *good]:
        assert record.article_id in articles, "a good record next to a hostile one was not stored"
    expected_letters = {origin: reason for origin, (_, reason) in origins.items() if reason}
    assert {origin: row.reason for origin, row in letters.items()} == expected_letters
    for origin, row in letters.items():
        assert row.stage == "sink" and row.payload, (origins[origin], row)
    stored_hostile = [name for name, topic, _, reason in hostile if reason is None and topic == "articles"]
    assert len(articles) == len(good) + 1 + len(stored_hostile)
    cleaned = [row for row in articles.values() if row.text.startswith("Seven")]
    assert [row.text for row in cleaned] == ["Seven people were\ufffd killed \ufffd in the blast, police said."]
    assert count_rows(engine)["dead_letters"] == len(expected_letters)
    engine.dispose()


def test_write_isolated_stores_the_rest_of_a_batch(engine, records):
    """The sink's store step alone: records built past their validator (``model_construct``)."""
    good = [records.article() for _ in range(3)]
    year_10000 = datetime(9999, 12, 31, 23, tzinfo=timezone(-timedelta(hours=5)))
    bad_date = ArticleRecord.model_construct(**{**dict(records.article()), "published_at": year_10000})
    items = [_Item("t.articles", 0, offset, None, encode(record) if offset != 1 else b'{"bad": 1}', record)
             for offset, record in enumerate([good[0], bad_date, good[1], good[2]])]
    counts = write_isolated(RecordWriter(engine), items)
    assert (counts.articles, counts.dead_letters) == (3, 1)
    assert items[1].new_dead_letter and items[1].record.reason == "unstorable_record"
    assert "outside years 1-9999" in items[1].record.error and items[1].record.payload == '{"bad": 1}'
    assert not any(item.new_dead_letter for i, item in enumerate(items) if i != 1)


def test_mapping_refuses_a_date_utc_cannot_hold():
    with pytest.raises(ValueError, match="outside years 1-9999"):
        mapping.utc(datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=5))))
    assert mapping.utc(datetime(2025, 1, 1, 10, tzinfo=timezone(timedelta(hours=5)))) == datetime(
        2025, 1, 1, 5, tzinfo=timezone.utc)
