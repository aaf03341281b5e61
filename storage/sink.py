"""The sink stage: consume every topic, store records in batches, then commit offsets.

At-least-once in, idempotent writes out (see ``storage.writer``), so each thing is stored once:

1. poll up to ``sink_batch_size`` messages or ``sink_batch_timeout_ms``;
2. decode each with its topic's record type; a message that does not decode becomes a dead letter
   (stage ``sink``, with its topic/partition/offset and a payload prefix), stored in the same batch;
3. write the batch in one transaction;
4. publish the batch's new dead letters to the dead-letter topic (their deterministic id makes the
   copy the sink consumes back harmless), then commit the Kafka offsets: the database first, always.

When the database is unreachable the batch in hand is retried with capped, jittered backoff; no new
messages are taken (partitions are paused; polling continues only to stay in the group) and no
offsets are committed. When a batch fails for any other reason (the database rejects a value, or a
record cannot be mapped to a row at all), its records are written one by one: each that fails alone
becomes a ``sink`` dead letter carrying its message (``db_rejected`` or ``unstorable_record``), the
others are stored, and the offsets are committed. No single record can stop the sink.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

from kafka import TopicPartition
from kafka.errors import KafkaError
from kafka.structs import OffsetAndMetadata
from sqlalchemy import Engine, text
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
    StatementError,
)

from newswire import metrics
from newswire.errors import BadRecord
from newswire.kafka import RecordPublisher, make_consumer, make_producer
from newswire.records import _Record, decode
from newswire.settings import Settings
from newswire.topics import DEADLETTER, TOPICS, Topic
from newswire.storage import mapping
from newswire.storage.writer import RecordWriter, WriteCounts

__all__ = ["SinkWorker", "SinkStats", "RecordWriter", "WriteCounts", "write_isolated"]

log = logging.getLogger(__name__)

RETRY_BASE_S = 0.5
RETRY_CAP_S = 30.0
COMMIT_TIMEOUT_MS = 30_000


@dataclass
class SinkStats:
    """Counters for a status line. ``offsets``: next offset committed, by (topic, partition)."""

    articles: int = 0
    figures: int = 0
    events: int = 0
    extractions: int = 0
    dead_letters: int = 0
    stale: int = 0
    replaced: int = 0
    messages: int = 0
    batches: int = 0
    last_batch_at: datetime | None = None
    offsets: dict[tuple[str, int], int] = field(default_factory=dict)
    lag: dict[tuple[str, int], int] = field(default_factory=dict)
    db_errors: int = 0
    broker_errors: int = 0  # polls a broker's loss interrupted (retried; nothing is skipped)
    retrying: bool = False
    last_error: str | None = None

    def add(self, counts: WriteCounts) -> None:
        for name in ("articles", "figures", "events", "extractions", "dead_letters", "stale", "replaced"):
            setattr(self, name, getattr(self, name) + getattr(counts, name))


@dataclass
class _Item:
    """One consumed message and what it decoded to (the record, or its dead letter)."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    record: _Record
    new_dead_letter: bool = False  # made here: publish it once stored


@dataclass
class _Batch:
    items: list[_Item]
    offsets: dict[TopicPartition, int]  # next offset to commit, per partition
    attempts: int = 0


class SinkWorker:
    """``SinkWorker(settings, engine).run(stop_event)``: the sink stage, until ``stop_event`` is set."""

    def __init__(self, settings: Settings, engine: Engine, *, bootstrap: str | None = None,
                 writer: RecordWriter | None = None):
        """``bootstrap`` overrides ``settings.kafka_bootstrap`` (e.g. the embedded broker's address)."""
        self.bootstrap = bootstrap or settings.kafka_bootstrap
        if not self.bootstrap:
            raise ValueError("SinkWorker needs a broker: pass bootstrap= or set settings.kafka_bootstrap")
        self.settings = settings
        self.engine = engine
        self._last_db_error: DBAPIError | None = None
        self.writer = writer or RecordWriter(engine)
        self.stats = SinkStats()
        self.topics: dict[str, Topic] = {t.full_name(settings.topic_prefix): t for t in TOPICS.values()}
        self.deadletter_topic = DEADLETTER.full_name(settings.topic_prefix)
        self._consumer = None
        self._producer = None
        self._pending: _Batch | None = None
        self._last_poll_empty = False
        self._at_end = False
        self._running = False

    # --- public ------------------------------------------------------------------------------------

    def run(self, stop: threading.Event) -> None:
        """Consume and store until ``stop`` is set; the batch in hand is stored before returning."""
        self._consumer = make_consumer(
            self.bootstrap, self.settings.group("sink"), *self.topics,
            max_poll_records=self.settings.sink_batch_size, fetch_max_wait_ms=self.settings.fetch_max_wait_ms,
        )
        self._running = True
        log.info("sink consuming %s as group %s", ", ".join(self.topics), self.settings.group("sink"))
        try:
            while not stop.is_set():
                self.step(stop)
            if self._pending is not None:  # drain: one last attempt at the batch in hand
                self._store_and_commit(self._pending)
        finally:
            self._running = False
            self._consumer.close(autocommit=False)
            if self._producer is not None:
                self._producer.close(timeout=5)
            self._consumer = self._producer = None

    def caught_up(self) -> bool:
        """True when the last poll found nothing, nothing is pending and every partition is read to its end."""
        return self._running and self._pending is None and self._last_poll_empty and self._at_end

    def step(self, stop: threading.Event) -> None:
        """One poll-and-store round, or one retry of the pending batch."""
        if self._pending is None:
            batch = self._poll_batch(stop)
            self._last_poll_empty = batch is None
            if batch is None:
                self._at_end = self._check_at_end()
                return
            self._pending = batch
        if self._store_and_commit(self._pending):
            return
        delay = min(RETRY_CAP_S, RETRY_BASE_S * 2 ** min(self._pending.attempts, 16)) * random.uniform(0.5, 1.0)
        log.warning("database unavailable, retrying batch of %d in %.1f s (attempt %d): %s",
                    len(self._pending.items), delay, self._pending.attempts, self.stats.last_error)
        deadline = time.monotonic() + delay
        outage = isinstance(self._last_db_error, (OperationalError, InterfaceError))
        while not stop.is_set() and time.monotonic() < deadline:
            self._stay_in_group()
            stop.wait(min(1.0, max(0.0, deadline - time.monotonic())))
            # A database that is back is worth retrying at once, not at the end of a 30 s backoff;
            # other errors (a batch the database refuses) keep their backoff.
            if outage and self._database_answers():
                log.info("database answers again: retrying the pending batch now")
                break

    # --- polling -----------------------------------------------------------------------------------

    def _poll_batch(self, stop: threading.Event) -> _Batch | None:
        """Up to ``sink_batch_size`` messages, waiting at most ``sink_batch_timeout_ms`` to fill the batch."""
        size = self.settings.sink_batch_size
        deadline = time.monotonic() + self.settings.sink_batch_timeout_ms / 1000
        items: list[_Item] = []
        offsets: dict[TopicPartition, int] = {}
        while len(items) < size and not stop.is_set():
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if remaining_ms <= 0:
                break
            try:
                polled = self._consumer.poll(timeout_ms=remaining_ms, max_records=size - len(items))
            except KafkaError as exc:
                if not exc.retriable:
                    raise
                # A broker killed mid-rebalance: kafka-python 3 raises the refused connection out of poll.
                # Nothing was committed past what is stored, so the next poll carries on with the others.
                self.stats.broker_errors += 1
                log.warning("broker unavailable while polling, polling again: %s", exc)
                stop.wait(0.5)
                break
            for tp, messages in polled.items():
                for message in messages:
                    items.append(self._decode(message))
                    offsets[tp] = message.offset + 1
            if not polled and items:  # nothing more came while we waited: store what we have
                break
        return _Batch(items, offsets) if items else None

    def _decode(self, message) -> _Item:
        topic = self.topics.get(message.topic)
        try:
            if topic is None:
                raise BadRecord(f"unexpected topic {message.topic}")
            if message.value is None:
                raise BadRecord("empty message (tombstone)")
            record = decode(topic.record, message.value)
            return _Item(message.topic, message.partition, message.offset, message.key, message.value, record)
        except Exception as exc:  # noqa: BLE001 - BadRecord, or anything else a hostile message provokes
            log.warning("bad record on %s[%d]@%d: %s", message.topic, message.partition, message.offset, exc,
                        extra={"topic": message.topic, "offset": message.offset})
            dead = mapping.dead_letter_for_message(message.topic, message.partition, message.offset,
                                                   message.value, exc, key=message.key,
                                                   reason=getattr(exc, "reason", "bad_record"))
            return _Item(message.topic, message.partition, message.offset, message.key, message.value, dead,
                         new_dead_letter=True)

    def _stay_in_group(self) -> None:
        """Poll with every partition paused, so a long outage does not cost the group membership.

        Partitions assigned meanwhile are not paused yet: whatever they return is rewound, not taken.
        """
        consumer = self._consumer
        consumer.pause(*consumer.assignment())
        for tp, messages in consumer.poll(timeout_ms=0).items():
            consumer.seek(tp, messages[0].offset)
            consumer.pause(tp)

    def _check_at_end(self) -> bool:
        assignment = self._consumer.assignment()
        if not assignment:
            return False
        lag = {}
        for tp in assignment:
            highwater = self._consumer.highwater(tp)
            position = self._consumer.position(tp, timeout_ms=1000)
            if highwater is None or position is None:
                return False
            lag[(tp.topic, tp.partition)] = max(0, highwater - position)
        self.stats.lag = lag
        _export_lag(lag)
        return not any(lag.values())

    def _note_lag(self) -> None:
        """Lag after a commit, from the last fetch's high watermark and the committed offset (no I/O)."""
        for tp in self._consumer.assignment():
            highwater = self._consumer.highwater(tp)
            committed = self.stats.offsets.get((tp.topic, tp.partition))
            if highwater is not None and committed is not None:
                self.stats.lag[(tp.topic, tp.partition)] = max(0, highwater - committed)
        _export_lag(self.stats.lag)

    def _database_answers(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except DBAPIError:
            return False

    # --- storing -----------------------------------------------------------------------------------

    def _store_and_commit(self, batch: _Batch) -> bool:
        """Write the batch, publish its dead letters, commit its offsets. False: database unavailable."""
        batch.attempts += 1
        try:
            with metrics.STAGE_SECONDS.labels("store").time():
                counts = self._write(batch)
        except DBAPIError as exc:
            self._last_db_error = exc
            self.stats.db_errors += 1
            self.stats.retrying = True
            self.stats.last_error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
            return False
        self.stats.retrying = False
        self.stats.add(counts)
        self.stats.messages += len(batch.items)
        self.stats.batches += 1
        self.stats.last_batch_at = datetime.now(timezone.utc)
        self._publish_dead_letters([item for item in batch.items if item.new_dead_letter])
        self._commit(batch.offsets)
        self._note_lag()
        for kind in ("articles", "figures", "events", "extractions", "dead_letters"):
            metrics.RECORDS_STORED.labels(kind).inc(getattr(counts, kind))
        for item in batch.items:
            if item.new_dead_letter:
                metrics.DEAD_LETTERS.labels("sink", item.record.reason).inc()
        self._pending = None
        if self._consumer.paused():
            self._consumer.resume(*self._consumer.paused())
        return True

    def _write(self, batch: _Batch) -> WriteCounts:
        return write_isolated(self.writer, batch.items)

    def _publish_dead_letters(self, items: list[_Item]) -> None:
        if not items:
            return
        try:
            if self._producer is None:
                self._producer = make_producer(self.bootstrap, self.settings.compression_codec)
            publisher = RecordPublisher(self._producer, self.settings.topic_prefix)
            for item in items:
                publisher.publish(item.record)
            self._producer.flush(timeout=30)
        except KafkaError as exc:  # stored already: the topic copy is for subscribers
            log.error("could not publish %d dead letters to %s: %s", len(items), self.deadletter_topic, exc)

    def _commit(self, offsets: dict[TopicPartition, int]) -> None:
        assigned = self._consumer.assignment()
        mine = {tp: OffsetAndMetadata(offset, "", -1) for tp, offset in offsets.items() if tp in assigned}
        if not mine:
            return
        try:
            self._consumer.commit(mine, timeout_ms=COMMIT_TIMEOUT_MS)
        except KafkaError as exc:  # e.g. a rebalance took them: stored already, so redelivery is harmless
            log.warning("offset commit failed (the records will be redelivered and rewritten): %r", exc)
            return
        for tp, meta in mine.items():
            self.stats.offsets[(tp.topic, tp.partition)] = meta.offset


def write_isolated(writer: RecordWriter, items: list[_Item]) -> WriteCounts:
    """Store the items' records; each that cannot be stored becomes a dead letter, the rest is stored.

    One transaction for all when it succeeds; otherwise one per record, and a record that fails alone
    is replaced (``item.record``, ``item.new_dead_letter``) by a ``sink`` dead letter carrying its
    message: ``db_rejected`` when the database refused it, ``unstorable_record`` when it could not
    be mapped or sent at all. Raises only when the database is unavailable (the caller retries all).
    """
    try:
        return writer.write([item.record for item in items])
    except Exception as exc:  # noqa: BLE001 - any failure of one record must not stop the stream
        if not _record_fault(exc):
            raise
        log.warning("batch of %d not stored (%s); storing its records one by one", len(items), type(exc).__name__)
    counts = WriteCounts()
    for item in items:
        try:
            counts += writer.write([item.record])
            continue
        except Exception as exc:  # noqa: BLE001
            if not _record_fault(exc):
                raise
            error = exc
        reason = "db_rejected" if isinstance(error, DBAPIError) else "unstorable_record"
        log.error("record not stored, dead-lettered as %s: %s[%d]@%d: %s: %s", reason, item.topic, item.partition,
                  item.offset, type(error).__name__, str(error).splitlines()[0][:500] if str(error) else "",
                  extra={"topic": item.topic, "offset": item.offset})
        item.record = mapping.dead_letter_for_message(item.topic, item.partition, item.offset, item.value, error,
                                                      key=item.key, reason=reason)
        item.new_dead_letter = True
        try:
            counts += writer.write([item.record])
        except Exception as exc:  # noqa: BLE001 - e.g. a payload the database refuses: keep the origin
            if not _record_fault(exc):
                raise
            item.record = item.record.model_copy(update={"payload": None, "error": type(error).__name__})
            counts += writer.write([item.record])
    return counts


# SQLSTATE classes that blame the statement's data, not the server: 22 data exception (a value out
# of range), 23 integrity violation, 54 program limit exceeded (e.g. a 3 KB guid in a btree index,
# which psycopg reports as an OperationalError, like an outage).
_DATA_SQLSTATES = ("22", "23", "54")


def _record_fault(exc: BaseException) -> bool:
    """True when ``exc`` comes from what was written (retrying it alone will fail again), False when
    from the database's availability (retrying the batch later will succeed)."""
    if isinstance(exc, (DataError, IntegrityError)):
        return True
    if isinstance(exc, DBAPIError):
        sqlstate = getattr(exc.orig, "sqlstate", None) or ""
        return sqlstate[:2] in _DATA_SQLSTATES
    if isinstance(exc, SQLAlchemyError) and not isinstance(exc, StatementError):
        return False  # the engine's own trouble (e.g. no pooled connection in time), not a record's
    # Mapping or driver errors raised before the database sees the row: a date UTC cannot hold, an
    # int SQLite cannot hold (OverflowError), text the driver cannot encode, a version string of
    # 5,000 digits (ValueError)...
    return True


def _export_lag(lag: dict[tuple[str, int], int]) -> None:
    for (topic, partition), behind in lag.items():
        metrics.CONSUMER_LAG.labels(topic, str(partition)).set(behind)
