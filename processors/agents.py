"""The Faust worker: read ArticleRecords, publish their figures, events and an extraction marker.

Messages are read as raw bytes and decoded with the topic's record class (``newswire.topics``), so
a malformed message becomes a dead letter with its origin instead of an exception inside Faust's
deserializer. Every output is keyed by ``article_id``, the key the article arrived with: all
records of one article stay on one partition, in order, and nothing needs ``group_by``.

Delivery is at-least-once (Faust flushes its producer before it commits offsets); ids derived from
the article version and span make a redelivered result overwrite itself in the sink.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import time
from dataclasses import dataclass, field

import faust

from newswire import metrics
from newswire.errors import BadRecord
from newswire.records import (
    ArticleRecord,
    DeadLetterRecord,
    ExtractionRecord,
    decode,
    encode,
)
from newswire.settings import Settings
from newswire.status import write_status
from newswire.topics import ARTICLES, DEADLETTER, EVENTS, EXTRACTIONS, FIGURES
from newswire.processors.extract import EXTRACTOR_VERSION
from newswire.processors.faust_transport import App, KeyHashPartitioner
from newswire.processors.pool import ExtractPool, ExtractTimeout, Unbuildable

log = logging.getLogger(__name__)

STALL_LIMIT_S = 60.0  # a rebalance takes seconds; a minute without partitions is a stuck member


@dataclass
class ProcessStats:
    articles: int = 0
    figures: int = 0
    events: int = 0
    dead_letters: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)


def make_app(settings: Settings) -> tuple[faust.App, ProcessStats]:
    """A Faust app wired to the configured cluster, with the client settings measured in broker.md."""
    app = App(
        f"{settings.group('process')}",
        fetch_max_wait_ms=settings.fetch_max_wait_ms,
        broker=[f"kafka://{server}" for server in (settings.kafka_bootstrap or "").split(",")],
        store="memory://",
        datadir=str(settings.data_dir / "faust"),
        processing_guarantee="at_least_once",
        broker_session_timeout=6.0,
        broker_heartbeat_interval=1.0,
        broker_rebalance_timeout=10.0,
        # Kafka's default, not broker.md's 30 s: aiokafka leaves the group by itself when the worker has
        # not fetched for this long and then never re-joins (group_member()); on a busy machine a worker
        # went 30 s without a fetch. A worker that is really stuck is restarted by the supervisor's
        # progress watchdog after 45 s, and a member that died is dropped after the 6 s session timeout.
        broker_max_poll_interval=300.0,
        broker_commit_interval=1.0,
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication,
        topic_allow_declare=False,  # topics are created, with their partitions, at start-up
        producer_max_request_size=16 * 1024 * 1024,
        producer_compression_type=settings.compression_codec,
        producer_linger=0.01,  # seconds: batch an article's results (0 costs the broker 2.5x the CPU)
        producer_partitioner=KeyHashPartitioner(),
        consumer_auto_offset_reset="earliest",
        web_enabled=False,
        autodiscover=False,
    )
    stats = ProcessStats()

    def raw_topic(name: str) -> faust.TopicT:
        return app.topic(f"{settings.topic_prefix}{name}", value_type=bytes, key_type=bytes,
                         value_serializer="raw", key_serializer="raw")

    articles = raw_topic(ARTICLES.name)
    deadletter_out = raw_topic(DEADLETTER.name)
    figures_name, events_name, extractions_name = (
        topic.full_name(settings.topic_prefix) for topic in (FIGURES, EVENTS, EXTRACTIONS))

    async def send(topic: str, key: bytes, value: bytes) -> None:
        # Straight to the app's producer, not through ``Topic.send``: an article has ~20 results, and
        # skipping Faust's per-message channel, codec and sensor layers cut the worker's CPU by 18%.
        future = await app.producer.send(topic, key, value, partition=None, timestamp=None, headers=None)
        future.add_done_callback(exit_if_undelivered)

    async def dead_letter(event: faust.EventT, reason: str, error: str, article_id: str | None = None) -> None:
        message = event.message
        payload = message.value if isinstance(message.value, bytes) else b""
        record = DeadLetterRecord.for_message(
            stage="process", topic=message.topic, partition=message.partition, offset=message.offset,
            payload=payload, reason=reason, error=error, article_id=article_id)
        await deadletter_out.send(key=message.key, value=encode(record))
        stats.dead_letters += 1
        stats.by_reason[reason] = stats.by_reason.get(reason, 0) + 1
        metrics.DEAD_LETTERS.labels("process", reason).inc()
        log.warning("dead letter %s from %s[%s]@%s: %s", reason, message.topic, message.partition,
                    message.offset, error[:200])

    extractor = ExtractPool(settings.extract_deadline_s)
    app.extract_pool = extractor  # closed by run_worker: a stopping worker does not wait for an article

    @app.agent(articles, name="extract")
    async def extract_articles(stream: faust.StreamT) -> None:
        async for event in stream.events():
            try:
                article = decode(ArticleRecord, event.value)
            except BadRecord as exc:
                await dead_letter(event, BadRecord.reason, str(exc))
                continue
            try:
                with metrics.STAGE_SECONDS.labels("extract").time():
                    # in a child process, off this loop: heartbeats and commits go on meanwhile; the
                    # child also builds and encodes the results (processors.results)
                    found = await extractor.results(article)
            except ExtractTimeout as exc:  # the article is stored all the same (the sink reads the articles topic)
                await dead_letter(event, "extract_timeout", str(exc), article.article_id)
                continue
            except Unbuildable as exc:  # the error as it read when the results were built here
                await dead_letter(event, "extract_failed", str(exc), article.article_id)
                continue
            except Exception as exc:  # the extractor is property-tested, but one bad article must not stop the stream
                await dead_letter(event, "extract_failed", f"{type(exc).__name__}: {exc}", article.article_id)
                continue
            key = article.article_id.encode("utf-8")
            for value in found.figures:
                await send(figures_name, key, value)
            for value in found.events:
                await send(events_name, key, value)
            # The marker tells the sink this version's result set is complete (even when empty), so it
            # can drop what an older extractor version found for the same article version.
            await send(extractions_name, key, encode(ExtractionRecord(
                article_id=article.article_id, article_version=article.version,
                extractor_version=EXTRACTOR_VERSION, figures=len(found.figures), events=len(found.events))))
            if found.failures:  # stored as found, and dead-lettered so the gap is counted and visible
                await dead_letter(event, "extract_incomplete", "; ".join(found.failures), article.article_id)
            stats.articles += 1
            stats.figures += len(found.figures)
            stats.events += len(found.events)
            metrics.ARTICLES_EXTRACTED.inc()
            metrics.FIGURES_EXTRACTED.inc(len(found.figures))
            metrics.EVENTS_EXTRACTED.inc(len(found.events))

    watchdog = MembershipWatchdog()

    @app.timer(interval=1.0)
    async def report_status() -> None:
        status = process_status(app, stats, settings)
        write_status(settings.data_dir, "process", status)
        if watchdog.stalled(bool(status["partitions"])):
            # Seen on the embedded broker under a large backlog: the member is dropped from its group
            # and the re-join never completes. A fresh process joins fine, so leave and be restarted
            # (by `newswire run`, or the orchestrator); uncommitted offsets are simply redelivered.
            log.error("worker lost its partitions %.0f s ago and did not get them back: exiting to rejoin "
                      "as a new member", watchdog.lost_for())
            os._exit(3)

    return app, stats


def exit_if_undelivered(future: asyncio.Future, exit=os._exit) -> None:
    """Done-callback of every result sent: end the process if the broker did not take it.

    Faust commits input offsets once its producer has flushed, whether or not every send succeeded,
    so a result that was never delivered must not be committed past. This callback was added before
    the flush waited on the batch, so it runs first; the uncommitted article is then redelivered.
    """
    if not future.cancelled() and future.exception() is not None:
        log.critical("a result could not be delivered (%r): exiting so its article is redelivered",
                     future.exception())
        exit(4)


class MembershipWatchdog:
    """Notices a worker that held partitions, lost them all, and got none back for ``limit_s``.

    A worker that never held any (more workers than partitions) is not stalled, only idle.
    """

    def __init__(self, limit_s: float = STALL_LIMIT_S, clock=time.monotonic):
        self.limit_s = limit_s
        self.clock = clock
        self.held = False
        self.lost_at: float | None = None

    def stalled(self, holding: bool) -> bool:
        if holding:
            self.held, self.lost_at = True, None
            return False
        if self.held and self.lost_at is None:
            self.lost_at = self.clock()
        return self.lost_at is not None and self.clock() - self.lost_at > self.limit_s

    def lost_for(self) -> float:
        return 0.0 if self.lost_at is None else self.clock() - self.lost_at


def group_member(app: faust.App) -> bool:
    """True while the worker's consumer is a member of its group (it has a member id from the coordinator).

    aiokafka leaves the group on its own when the worker has not fetched for ``broker_max_poll_interval``
    and declines to re-join while it stays idle, but keeps its old assignment; Faust, told the partitions
    were revoked, stops fetching until it is assigned some: neither moves again (aio-libs/aiokafka#1187,
    faust-streaming/faust#138). The assignment alone would say the worker holds partitions it gave up.
    """
    try:
        coordinator = app.consumer._thread._consumer._coordinator  # Faust's consumer thread's aiokafka client
    except Exception:  # noqa: BLE001 - no consumer yet (starting) or gone (stopping)
        return False
    return coordinator is not None and bool(coordinator.member_id)


def process_status(app: faust.App, stats: ProcessStats, settings: Settings) -> dict:
    """The status-file counters, plus the article partitions this worker holds and its metrics port.

    A worker that is not a member of its group holds nothing, whatever its consumer still lists."""
    articles_topic = ARTICLES.full_name(settings.topic_prefix)
    member = group_member(app)
    try:
        assigned = app.consumer.assignment() if member else set()
    except Exception:  # noqa: BLE001 - no consumer yet (starting) or gone (stopping)
        assigned = set()
    mine = sorted((tp for tp in assigned if tp.topic == articles_topic), key=lambda tp: tp.partition)
    return {**dataclasses.asdict(stats), "partitions": [tp.partition for tp in mine], "lag": article_lag(app, mine),
            "member": member, "metrics_port": settings.metrics_port}


def article_lag(app: faust.App, partitions) -> dict[str, int]:
    """Per partition held: articles on the broker past this worker's committed offset (what the supervisor's
    progress watchdog reads). A partition whose end the consumer has not learned yet is left out."""
    committed = getattr(app.consumer, "_committed_offset", {})  # next offset to read, as Faust committed it
    lag: dict[str, int] = {}
    for tp in partitions:
        try:
            end = app.consumer.highwater(tp)
        except Exception:  # noqa: BLE001 - no consumer yet (starting) or gone (stopping)
            end = None
        if end is not None:
            lag[str(tp.partition)] = max(0, end - (committed.get(tp) or 0))
    return lag


def run_worker(settings: Settings) -> None:
    """Run the Faust worker in this process until SIGTERM / Ctrl-C (used by ``newswire process``)."""
    app, stats = make_app(settings)
    metrics.serve_metrics(settings, "process")
    worker = faust.Worker(app, loglevel=settings.log_level.lower(), quiet=True, redirect_stdouts=False,
                          override_logging=False)
    try:
        worker.execute_from_commandline()
    finally:
        app.extract_pool.close()
        write_status(settings.data_dir, "process", stats)
