"""The ingest and sink stage processes, wired from Settings (the CLI's ``ingest`` and ``sink``).

Each stage runs until SIGTERM or Ctrl-C, then finishes what it holds: ingest flushes its producer,
the sink stores its batch and commits. Both report their counters to the status files every second.
The process stage is the Faust worker in ``processors.agents``.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading

from newswire import metrics
from newswire.errors import BrokerError
from newswire.kafka import create_topics, make_producer
from newswire.settings import Settings
from newswire.status import write_status
from newswire.topics import ARTICLES, DEADLETTER

log = logging.getLogger(__name__)


def create_pipeline_topics(settings: Settings) -> None:
    create_topics(settings.kafka_bootstrap or "", settings.topic_prefix, settings.topic_partitions,
                  settings.topic_replication)


def feed_urls(settings: Settings, store) -> list[str] | None:
    """The feeds to poll: NEWSWIRE_FEEDS / --feeds, else the database's list, else the bundled one.

    ``None`` means "the database's list", which the poller re-reads so `newswire feeds add` takes
    effect without a restart. Explicit and bundled feeds are added to the database so that
    `newswire feeds status` shows them.
    """
    from newswire.ingest.feedlist import DEFAULT_FEEDS_FILE, load_feed_list

    if settings.feeds:
        specs = load_feed_list(settings.feeds)
    elif store.list_feeds():
        return None
    else:
        specs = load_feed_list([str(DEFAULT_FEEDS_FILE)])
    for spec in specs:
        store.add(spec.url, spec.title)
    return [spec.url for spec in specs]


def ingest_status(stats) -> dict:
    return {
        "feeds_polled": stats.feeds_polled,
        "not_modified": stats.not_modified,
        "feed_errors": stats.feed_errors,
        "entries_new": stats.entries_new,
        "articles_published": stats.articles_published,
        "errors": sum(stats.errors.values()),
        "dead_letters": sum(stats.errors.values()),
        "errors_by_reason": dict(stats.errors),
        "articles_cleaned": stats.articles_published + stats.articles_unchanged,
    }


class FailingFeeds:
    """The feed store as the poller sees it, noting which feeds' latest poll failed (the poller saves
    every feed's state after each poll), so the status line can say when all of them fail. Feeds
    that were failing when the process started count until their next poll succeeds."""

    def __init__(self, store) -> None:
        self.store = store
        self.failing: set[str] = {state.url for state in store.list_feeds() if state.consecutive_errors}

    def save(self, state) -> None:
        (self.failing.add if state.consecutive_errors else self.failing.discard)(state.url)
        self.store.save(state)

    def __getattr__(self, name: str):
        return getattr(self.store, name)


def run_ingest(settings: Settings) -> None:
    """Poll the feeds this process is assigned (see ingest.assignment) until SIGTERM / Ctrl-C."""
    from newswire.ingest.assignment import FeedAssignment, create_feeds_topic
    from newswire.ingest.fetch import Fetcher
    from newswire.ingest.poller import Poller
    from newswire.storage.db import open_database
    from newswire.storage.feedstore import SqlFeedStore

    create_pipeline_topics(settings)
    create_feeds_topic(settings)
    engine = open_database(settings.db_url, upgrade=False)
    store = SqlFeedStore(engine)
    urls = feed_urls(settings, store)
    producer = make_producer(settings.kafka_bootstrap or "", settings.compression_codec)
    articles_topic = ARTICLES.full_name(settings.topic_prefix)
    deadletter_topic = DEADLETTER.full_name(settings.topic_prefix)

    async def main() -> BaseException | None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        async with Fetcher(settings) as fetcher:
            polled = FailingFeeds(store)
            poller = Poller(
                settings, fetcher, polled, store,
                publish_article=lambda record: producer.send(articles_topic, key=record.article_id, value=record),
                publish_dead_letter=lambda record: producer.send(
                    deadletter_topic, key=record.article_id or record.url, value=record),
            )
            # The feed list goes to the shared topic; the group decides which of it this process polls.
            assignment = FeedAssignment(settings, producer, store, poller.update_feeds, follow_store=urls is None)
            known = {state.url: state.title for state in store.list_feeds()}
            mine = known if urls is None else {url: known.get(url) for url in urls}
            await asyncio.to_thread(assignment.publish, mine.items())
            assignment.start()

            def status() -> dict:
                return ingest_status(poller.stats) | {"feeds_assigned": len(assignment.owned),
                                                      "feeds_failing": len(polled.failing & set(assignment.owned)),
                                                      "feed_partitions": assignment.partitions,
                                                      "metrics_port": settings.metrics_port}

            async def report() -> None:
                while True:
                    write_status(settings.data_dir, "ingest", status())
                    if not assignment.alive() and not stop.is_set():
                        # Without the group this process cannot know which feeds are its own: stop,
                        # so whatever runs it restarts it, rather than poll nothing (or everything).
                        log.error("feed assignment stopped (%r): stopping ingest", assignment.error)
                        stop.set()
                    await asyncio.sleep(1.0)

            reporter = asyncio.create_task(report())
            try:
                await poller.run((), stop)  # until the assignment hands it feeds, nothing is ours
            finally:
                reporter.cancel()
                await asyncio.to_thread(assignment.stop)
                # Published means acknowledged by the broker: flush before the final count is written.
                await asyncio.to_thread(producer.flush, 30)
                write_status(settings.data_dir, "ingest", status() | {"stopped": True})
            return assignment.error

    log.info("ingest publishing %s feeds to the shared list", "the database's" if urls is None else len(urls))
    metrics.serve_metrics(settings, "ingest")
    try:
        failure = asyncio.run(main())
    finally:
        producer.close(timeout=10)
        engine.dispose()
    if failure is not None:
        raise BrokerError(f"ingest stopped: its feed assignment failed: {failure!r}") from failure


def sink_status(worker) -> dict:
    stats = worker.stats
    return {
        "articles_stored": stats.articles,
        "figures_stored": stats.figures,
        "events_stored": stats.events,
        "extractions_stored": stats.extractions,
        "dead_letters_stored": stats.dead_letters,
        "messages": stats.messages,
        "batches": stats.batches,
        "db_errors": stats.db_errors,
        "retrying": stats.retrying,
        "last_error": stats.last_error,
        "caught_up": worker.caught_up(),
        "lag": {f"{topic}[{partition}]": lag for (topic, partition), lag in stats.lag.items()},
        "metrics_port": worker.settings.metrics_port,
    }


def run_sink(settings: Settings, writer_factory=None) -> None:
    """``writer_factory(engine)`` replaces the RecordWriter (``newswire bench`` times its commits)."""
    from newswire.storage.db import open_database
    from newswire.storage.sink import SinkWorker

    create_pipeline_topics(settings)
    engine = open_database(settings.db_url, upgrade=False)  # refuses an out-of-date schema
    worker = SinkWorker(settings, engine, writer=writer_factory(engine) if writer_factory else None)
    metrics.serve_metrics(settings, "sink")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())

    def report() -> None:
        while not stop.wait(1.0):
            write_status(settings.data_dir, "sink", sink_status(worker))

    reporter = threading.Thread(target=report, name="sink-status", daemon=True)
    reporter.start()
    try:
        worker.run(stop)
    finally:
        write_status(settings.data_dir, "sink", sink_status(worker) | {"stopped": True})
        engine.dispose()
