"""The ingest stage's process (the CLI's ``ingest``; the app hands it the feed store).

It chooses the feeds, publishes them to the shared feed list, polls those the group assigns it until
SIGTERM or Ctrl-C, then flushes its producer; its counters go to the status files every second.
The sink's process is ``storage.stage``, the worker's ``processors.agents.run_worker``.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from newswire import metrics
from newswire.errors import BrokerError
from newswire.feeds import FeedStore, SubscriptionStore
from newswire.ingest.assignment import FeedAssignment, create_feeds_topic
from newswire.ingest.feedlist import DEFAULT_FEEDS_FILE, load_feed_list
from newswire.ingest.fetch import Fetcher
from newswire.ingest.poller import Poller
from newswire.ingest.websub import Subscriber
from newswire.ingest.websub_callback import CallbackServer
from newswire.records import DeadLetterRecord
from newswire.kafka import RecordPublisher, create_topics, make_producer
from newswire.settings import Settings
from newswire.status import write_status

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
    if settings.feeds:
        specs = load_feed_list(settings.feeds)
    elif store.list_feeds():
        return None
    else:
        specs = load_feed_list([str(DEFAULT_FEEDS_FILE)])
    for spec in specs:
        store.add(spec.url, spec.title)
    return [spec.url for spec in specs]


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


async def start_websub(settings: Settings, subscriptions: SubscriptionStore | None, fetcher: Fetcher,
                       store: FeedStore, poller: Poller, publisher: RecordPublisher, assignment: FeedAssignment,
                       stop: asyncio.Event) -> tuple[Subscriber, CallbackServer, asyncio.Task] | None:
    """WebSub's subscriber and callback server, when ``NEWSWIRE_PUBLIC_URL`` is set (None otherwise)."""
    if not settings.public_url or subscriptions is None:
        return None

    def dead_letter(error, url: str) -> None:
        metrics.DEAD_LETTERS.labels("ingest", error.reason).inc()
        publisher.publish(DeadLetterRecord.for_failure(stage="ingest", reason=error.reason, error=error, url=url))

    subscriber = Subscriber(settings, subscriptions, fetcher, store, on_quiet=poller.poll_soon,
                            owns=lambda url: url in assignment.owned)
    try:
        server = await CallbackServer(settings, subscriber, poller.push_feed, dead_letter).start()
    except OSError as exc:  # the port is taken: polling goes on (a restart would meet the same port)
        log.error("cannot serve the WebSub callback on %s:%s (%s): WebSub is off, every feed is polled",
                  settings.websub_host, settings.websub_port, exc)
        return None
    poller.push = subscriber
    return subscriber, server, asyncio.create_task(subscriber.run(stop))


async def stop_websub(subscriber: Subscriber, server: CallbackServer, task: asyncio.Task) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await server.stop()


def run_ingest(settings: Settings, store: FeedStore, subscriptions: SubscriptionStore | None = None) -> None:
    """Poll the feeds this process is assigned (see ingest.assignment) until SIGTERM / Ctrl-C.

    ``store`` is a ``FeedStore`` and a ``SeenStore``: it keeps the feeds' state and says which articles
    are stored (the app gives it the database's, ``storage.feedstore.SqlFeedStore``). With
    ``NEWSWIRE_PUBLIC_URL`` set and a ``subscriptions`` store, feeds that announce a WebSub hub are
    subscribed to, and their pushes taken by a callback server (``ingest.websub``)."""
    create_pipeline_topics(settings)
    create_feeds_topic(settings)
    urls = feed_urls(settings, store)
    producer = make_producer(settings.kafka_bootstrap or "", settings.compression_codec)
    publisher = RecordPublisher(producer, settings.topic_prefix)

    async def main() -> BaseException | None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        async with Fetcher(settings) as fetcher:
            polled = FailingFeeds(store)
            poller = Poller(
                settings, fetcher, polled, store,
                publish_article=publisher.publish, publish_dead_letter=publisher.publish,
            )
            # The feed list goes to the shared topic; the group decides which of it this process polls.
            assignment = FeedAssignment(settings, producer, store, poller.update_feeds, follow_store=urls is None)
            known = {state.url: state.title for state in store.list_feeds()}
            mine = known if urls is None else {url: known.get(url) for url in urls}
            await asyncio.to_thread(assignment.publish, mine.items())
            assignment.start()
            websub = await start_websub(settings, subscriptions, fetcher, store, poller, publisher, assignment, stop)

            def status() -> dict:
                return poller.stats.as_status() | {"feeds_assigned": len(assignment.owned),
                                                      "feeds_failing": len(polled.failing & set(assignment.owned)),
                                                      "feed_partitions": assignment.partitions,
                                                      "metrics_port": settings.metrics_port} | (
                    websub[0].status() if websub else {})

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
                if websub:
                    await stop_websub(*websub)
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
    if failure is not None:
        raise BrokerError(f"ingest stopped: its feed assignment failed: {failure!r}") from failure
