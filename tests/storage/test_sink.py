"""The sink on the real embedded broker and both databases: exactly-once rows from at-least-once delivery."""

from __future__ import annotations

import json
import threading
import time

from sqlalchemy import select

from newswire.kafka import create_topics, make_producer, send
from newswire.topics import ARTICLES, DEADLETTER, EVENTS, EXTRACTIONS, FIGURES
from newswire.storage.db import make_engine, upgrade
from newswire.storage.models import Article, DeadLetter
from newswire.storage.queries import count_rows
from newswire.storage.sink import SinkWorker


def wait_for(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")


class RunningSink:
    def __init__(self, settings, engine):
        self.worker = SinkWorker(settings, engine)
        self.stop = threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="sink", daemon=True)

    def _run(self):
        try:
            self.worker.run(self.stop)
        except BaseException as exc:  # surfaced by the test, not lost in the thread
            self.error = exc

    def __enter__(self):
        self.thread.start()
        return self.worker

    def __exit__(self, *exc_info):
        self.stop.set()
        self.thread.join(30)
        assert not self.thread.is_alive(), "sink did not stop within 30 s"
        if self.error is not None:
            raise self.error


def test_sink_stores_everything_once_and_dead_letters_poison(settings, records):
    settings = settings.model_copy(update={"sink_batch_size": 50, "sink_batch_timeout_ms": 200})
    upgrade(settings.db_url)
    engine = make_engine(settings.db_url)
    prefix = settings.topic_prefix
    create_topics(settings.kafka_bootstrap, prefix)

    articles = [records.article() for _ in range(80)]
    producer = make_producer(settings.kafka_bootstrap)
    for article in articles:
        send(producer, ARTICLES.full_name(prefix), article.article_id, article)
        send(producer, FIGURES.full_name(prefix), article.article_id, records.figure(article, 0))
    for article in articles[:40]:
        send(producer, EVENTS.full_name(prefix), article.article_id, records.event(article, 6))
        send(producer, EXTRACTIONS.full_name(prefix), article.article_id, records.extraction(article, figures=1, events=1))
    send(producer, ARTICLES.full_name(prefix), articles[0].article_id, articles[0])  # a redelivery
    poison = {
        "not_json": send(producer, FIGURES.full_name(prefix), articles[1].article_id, b"\x00{not json"),
        "wrong_version": send(producer, ARTICLES.full_name(prefix), None,
                              json.dumps({**json.loads(articles[2].model_dump_json()), "schema_version": 99}).encode()),
    }
    producer.flush(30)
    origins = {name: future.get(10) for name, future in poison.items()}
    producer.close()

    expected = {"articles": 80, "figures": 80, "events": 40, "extractions": 40, "dead_letters": 2, "feeds": 0}
    try:
        with RunningSink(settings, engine) as worker:
            wait_for(lambda: worker.caught_up() and count_rows(engine) == expected, 60, "the sink to catch up")
            stats = worker.stats
            assert (stats.articles, stats.dead_letters) == (80, 2)
            assert stats.messages >= 80 + 80 + 40 + 40 + 1 + 2 + 2  # + the two dead letters it published
            assert stats.batches >= 5 and stats.last_batch_at is not None
            assert sum(stats.offsets.values()) == stats.messages
        assert count_rows(engine) == expected

        with engine.connect() as conn:
            dead = {row.source_topic + "@" + str(row.source_offset): row
                    for row in conn.execute(select(DeadLetter.__table__))}
        for name, meta in origins.items():
            row = dead[f"{meta.topic}@{meta.offset}"]
            assert (row.stage, row.reason, row.source_partition) == ("sink", "bad_record", meta.partition)
        not_json = dead[f"{origins['not_json'].topic}@{origins['not_json'].offset}"]
        assert not_json.error.startswith("not JSON") and not_json.payload == "\ufffd{not json"
        assert not_json.article_id == articles[1].article_id
        wrong = dead[f"{origins['wrong_version'].topic}@{origins['wrong_version'].offset}"]
        assert "schema_version 99" in wrong.error and '"schema_version": 99' in wrong.payload

        # The dead letters went to their topic too (and the copies the sink read back changed nothing).
        assert sum(n for (topic, _), n in stats.offsets.items() if topic == DEADLETTER.full_name(prefix)) == 2

        # A restart with the same group finds everything committed: it stores nothing, twice or otherwise.
        with RunningSink(settings, engine) as again:
            wait_for(again.caught_up, 60, "the restarted sink to catch up")
            assert again.stats.messages == 0 and again.stats.articles == 0
        assert count_rows(engine) == expected
        with engine.connect() as conn:
            stored_at = [row.stored_at for row in conn.execute(select(Article.__table__))]
        assert all(at.tzinfo is not None for at in stored_at)
    finally:
        engine.dispose()



def committed_offsets(settings) -> dict:
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, request_timeout_ms=10000)
    try:
        found = admin.list_group_offsets(settings.group("sink")).get(settings.group("sink"), {})
        return {tp: meta.offset for tp, meta in found.items() if meta.offset >= 0}
    finally:
        admin.close()


class HeldLock:
    """Another client holding the write lock: to the sink, the database is unavailable until released."""

    def __init__(self, url: str):
        self.engine = make_engine(url)
        self.conn = self.engine.connect().execution_options(sqlite_begin="EXCLUSIVE")
        if self.engine.dialect.name == "sqlite":
            self.conn.begin()  # storage.db's begin hook emits BEGIN EXCLUSIVE: the write lock, now
        else:
            self.conn.exec_driver_sql("LOCK TABLE articles, figures, dead_letters IN EXCLUSIVE MODE")

    def release(self):
        self.conn.rollback()
        self.conn.close()
        self.engine.dispose()


def test_sink_waits_out_an_unavailable_database_without_committing(settings, records):
    from sqlalchemy import event

    settings = settings.model_copy(update={"sink_batch_size": 500, "sink_batch_timeout_ms": 300})
    upgrade(settings.db_url)
    engine = make_engine(settings.db_url, sqlite_busy_timeout_ms=200)
    if engine.dialect.name == "postgresql":
        def short_lock_timeout(dbapi, _record):
            dbapi.execute("SET lock_timeout = '200ms'")
            dbapi.commit()  # a SET inside a transaction that is rolled back is undone

        event.listen(engine, "connect", short_lock_timeout)
    prefix = settings.topic_prefix
    create_topics(settings.kafka_bootstrap, prefix)
    articles = [records.article() for _ in range(30)]
    producer = make_producer(settings.kafka_bootstrap)
    for article in articles:
        send(producer, ARTICLES.full_name(prefix), article.article_id, article)
    # Valid on the wire, refused by PostgreSQL (INTEGER overflow): it must not block the stream.
    huge = records.figure(articles[0], 2**40, end=2**40 + 2)
    send(producer, FIGURES.full_name(prefix), articles[0].article_id, huge)
    producer.flush(30)
    producer.close()

    lock = HeldLock(settings.db_url)
    try:
        with RunningSink(settings, engine) as worker:
            wait_for(lambda: worker.stats.db_errors >= 2, 30, "the sink to hit the locked database twice")
            assert worker.stats.retrying and worker.stats.articles == 0
            assert committed_offsets(settings) == {} and worker.stats.offsets == {}
            lock.release()
            lock = None
            wait_for(worker.caught_up, 30, "the sink to catch up after the outage")
            assert not worker.stats.retrying
            assert sum(committed_offsets(settings).values()) == worker.stats.messages >= 31
    finally:
        if lock is not None:
            lock.release()
    rows = count_rows(engine)
    assert rows["articles"] == 30
    if engine.dialect.name == "postgresql":
        assert (rows["figures"], rows["dead_letters"]) == (0, 1)
        with engine.connect() as conn:
            [dead] = conn.execute(select(DeadLetter.__table__)).all()
        assert (dead.reason, dead.stage, dead.source_topic) == ("db_rejected", "sink", FIGURES.full_name(prefix))
        assert dead.article_id == articles[0].article_id and str(2**40) in dead.payload
    else:  # SQLite integers are 64-bit: nothing to reject
        assert (rows["figures"], rows["dead_letters"]) == (1, 0)
    engine.dispose()
