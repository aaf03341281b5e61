"""Scale-out: several ingest processes share one feed list, and each feed is polled by one of them.

The shared list is the compacted topic ``newswire.feeds.v1`` (:data:`newswire.topics.FEEDS`), one
:class:`~newswire.records.FeedRecord` per feed, keyed by its URL; a tombstone (null value) removes a
feed. Kafka's consumer-group protocol does the rest:

- **Publish.** Every ingest process publishes the feeds it is configured with at start-up
  (:func:`publish_feeds`). The same key and value again is harmless: compaction keeps one. A process
  that follows the database's list also publishes feeds added there later (``newswire feeds add``),
  every :data:`REFRESH_S`.
- **Share.** Every process joins the consumer group ``<prefix>-ingest`` on the topic
  (:class:`FeedAssignment`). The group hands each member a share of the partitions; a member reads
  its partitions from the beginning (it never commits offsets) and polls exactly the feeds on them,
  telling the poller through ``on_change``. The URL decides the partition, so a feed belongs to one
  member at a time.
- **Join, leave, die.** A joining or leaving member triggers a rebalance. Partitions are taken from
  the poller in ``on_partitions_revoked``, before this member rejoins, so the next owner never starts
  while this one still schedules the feed (a poll already running finishes). A member that dies
  stops heartbeating; after the session timeout (6 s) the survivors are given its partitions and
  poll its feeds from the state it saved in the database (``next_poll_at``, ETag, seen entries).
- **Remove.** ``newswire feeds remove`` deletes a feed from the database; the owner of its
  partition notices (every :data:`REFRESH_S`) and publishes its tombstone. (A process started with
  ``NEWSWIRE_FEEDS`` adds those feeds to the database, so with several processes the list polled is
  the union of what they were started with; ``feeds remove`` is how a feed leaves it.)
- **Fail.** Should the assignment's consumer fail for good, the stage stops (and exits non-zero)
  rather than poll feeds it can no longer know are its own.

:data:`PARTITIONS` bounds how many processes share the work (more stay idle, as standbys).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable, Iterable

from kafka import ConsumerRebalanceListener, KafkaProducer, TopicPartition
from kafka.errors import KafkaError

from newswire.errors import BadRecord
from newswire.feeds import FeedStore
from newswire.kafka import create_topics, make_consumer
from newswire.records import FeedRecord, decode
from newswire.settings import Settings
from newswire.topics import FEEDS

log = logging.getLogger(__name__)

PARTITIONS = FEEDS.partitions  # of the feeds topic: at most this many ingest processes share the feeds
REFRESH_S = 60.0  # publish feeds added to the database / tombstone removed ones this often
POLL_TIMEOUT_MS = 500
# Short rebalances (docs/broker.md): a member's poll loop runs every POLL_TIMEOUT_MS, so
# it always rejoins well within this; a dead member is noticed after the session timeout (6 s).
MAX_POLL_INTERVAL_MS = 10_000


def feeds_topic(settings: Settings) -> str:
    return FEEDS.full_name(settings.topic_prefix)


def create_feeds_topic(settings: Settings) -> str:
    """Create the compacted feeds topic if it does not exist; returns its full name."""
    return create_topics(settings.kafka_bootstrap or "", settings.topic_prefix, settings.topic_partitions,
                         settings.topic_replication, topics=[FEEDS])[0]


def publish_feeds(producer: KafkaProducer, topic: str, feeds: Iterable[tuple[str, str | None]]) -> int:
    """Publish ``(url, title)`` pairs to the feed list and wait for the broker; returns how many."""
    count = 0
    for url, title in feeds:
        producer.send(topic, key=url, value=FeedRecord(url=url, title=title))
        count += 1
    producer.flush(30)
    return count


class FeedAssignment(ConsumerRebalanceListener):
    """Which feeds this ingest process polls: those on its partitions of the feeds topic.

    ``start()`` runs a thread with its own consumer (kafka-python consumers belong to one thread);
    ``on_change(urls)`` is called from it with the full set each time the set changes: empty as
    soon as partitions are revoked, growing as assigned partitions are read. ``store`` is the feed
    store: feeds it no longer has are tombstoned by their owner; with ``follow_store`` feeds it
    gains are published.
    """

    def __init__(self, settings: Settings, producer: KafkaProducer, store: FeedStore,
                 on_change: Callable[[frozenset[str]], None], *, follow_store: bool = False,
                 refresh_s: float = REFRESH_S):
        self.settings = settings
        self.topic = feeds_topic(settings)
        self._producer = producer
        self._store = store
        self._on_change = on_change
        self._follow_store = follow_store
        self._refresh_s = refresh_s
        self._feeds: dict[int, dict[str, str | None]] = {}  # assigned partition -> url -> title
        self._published: set[str] = set()
        self._notified: frozenset[str] | None = None
        self._partitions: tuple[int, ...] = ()  # snapshot for other threads (status)
        self._consumer = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.rebalances = 0
        self.error: BaseException | None = None  # why the thread stopped, if it failed

    # --- lifecycle ---------------------------------------------------------------------------------

    def publish(self, feeds: Iterable[tuple[str, str | None]]) -> int:
        feeds = list(feeds)
        self._published.update(url for url, _ in feeds)
        return publish_feeds(self._producer, self.topic, feeds)

    def start(self) -> "FeedAssignment":
        self._thread = threading.Thread(target=self._run, name="feed-assignment", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 10.0) -> None:
        """Leave the group (the others take the feeds at once) and stop the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def owned(self) -> frozenset[str]:
        """The feeds this process polls now (as last handed to ``on_change``); safe from any thread."""
        return self._notified or frozenset()

    @property
    def partitions(self) -> list[int]:
        return list(self._partitions)

    def _owned(self) -> frozenset[str]:
        return frozenset(url for feeds in self._feeds.values() for url in feeds)

    # --- ConsumerRebalanceListener (called inside consumer.poll, on this object's thread) -----------

    def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        for tp in revoked:
            self._feeds.pop(tp.partition, None)
        self._notify()  # before rejoining: the next owner never overlaps our schedule
        log.info("feed partitions revoked", extra={"topic": self.topic, "partitions": sorted(tp.partition for tp in revoked)})

    def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        self.rebalances += 1
        for tp in assigned:
            self._feeds[tp.partition] = {}
        if assigned:
            self._consumer.seek_to_beginning(*assigned)  # the whole partition is the list, every time
        log.info("feed partitions assigned", extra={"topic": self.topic, "partitions": sorted(tp.partition for tp in assigned)})

    # --- the thread --------------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._consumer = make_consumer(self.settings.kafka_bootstrap or "", self.settings.group("ingest"),
                                           max_poll_interval_ms=MAX_POLL_INTERVAL_MS)
            self._consumer.subscribe([self.topic], listener=self)
        except Exception as exc:
            self.error = exc
            log.exception("feed assignment could not start", extra={"topic": self.topic})
            return
        next_refresh = time.monotonic() + self._refresh_s
        try:
            while not self._stop.is_set():
                try:
                    polled = self._consumer.poll(timeout_ms=POLL_TIMEOUT_MS)
                except KafkaError as exc:  # the broker away: keep what we have, and try again
                    log.warning("feed assignment poll failed: %r", exc, extra={"topic": self.topic})
                    self._stop.wait(1.0)
                    continue
                for tp, messages in polled.items():
                    for message in messages:
                        self._apply(tp.partition, message)
                self._notify()
                if time.monotonic() >= next_refresh:
                    next_refresh = time.monotonic() + self._refresh_s
                    self._refresh()
        except Exception as exc:  # the stage sees .error and stops: polling blind would double-poll
            self.error = exc
            log.exception("feed assignment failed", extra={"topic": self.topic})
        finally:
            self._feeds.clear()
            self._notify()  # out of the group means owning nothing: never poll what others now own
            self._consumer.close(autocommit=False)  # leaves the group: a clean handover

    def _apply(self, partition: int, message) -> None:
        feeds = self._feeds.get(partition)
        if feeds is None:
            return  # revoked in the same poll
        url = message.key.decode("utf-8", "replace") if message.key else None
        if url is None:
            return
        if message.value is None:
            feeds.pop(url, None)
            return
        try:
            record = decode(FeedRecord, message.value)
        except BadRecord as exc:  # not ours to dead-letter (control topic): skip it, loudly
            log.error("bad feed record: %s", exc, extra={"topic": self.topic, "offset": message.offset})
            return
        feeds[url] = record.title

    def _notify(self) -> None:
        owned = self._owned()
        self._partitions = tuple(sorted(self._feeds))
        if owned != self._notified:
            self._notified = owned
            self._on_change(owned)

    def _refresh(self) -> None:
        """Publish feeds the database gained (``follow_store``); tombstone ours it lost."""
        owned = self._owned()  # before reading the store: a feed on the topic was in the store first
        try:
            in_store = {state.url: state.title for state in self._store.list_feeds()}
        except Exception:  # the database away: try again next time
            log.exception("could not read the feed list")
            return
        try:
            if self._follow_store:
                added = [(url, title) for url, title in in_store.items() if url not in self._published]
                if added:
                    log.info("publishing %d feeds added to the database", len(added))
                    self.publish(added)
            removed = sorted(owned - in_store.keys())
            for url in removed:
                self._producer.send(self.topic, key=url, value=None)
                self._published.discard(url)
            if removed:
                self._producer.flush(30)
                log.info("removed %d feeds no longer in the database", len(removed))
        except KafkaError as exc:
            log.warning("could not update the feed list: %r", exc, extra={"topic": self.topic})
