"""Feed assignment (ingest.assignment) on the real broker, and the poller following its feed set."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from newswire.ingest.assignment import FeedAssignment, create_feeds_topic, feeds_topic
from newswire.ingest.fetch import Fetcher
from newswire.kafka import make_producer
from newswire.settings import Settings
from newswire.storage.db import make_engine, upgrade
from newswire.storage.feedstore import SqlFeedStore
from test_poller import Harness


def wait_until(condition, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


class Member:
    """One ingest process's assignment, minus the poller: records the sets it is handed."""

    def __init__(self, settings, producer, store, **options):
        self.sets: list[frozenset[str]] = []
        self.assignment = FeedAssignment(settings, producer, store, self.sets.append, **options)

    @property
    def current(self) -> frozenset[str]:
        return self.sets[-1] if self.sets else frozenset()


@pytest.fixture
def store(tmp_path):
    url = f"sqlite:///{tmp_path / 'newswire.db'}"
    upgrade(url)
    engine = make_engine(url)
    yield SqlFeedStore(engine)
    engine.dispose()


def test_members_split_the_list_follow_the_database_and_hand_over(broker, store, unique):
    settings = Settings(kafka_bootstrap=broker.bootstrap, topic_prefix=f"t{unique}.", consumer_group_prefix=f"g{unique}")
    create_feeds_topic(settings)
    create_feeds_topic(settings)  # idempotent: every process does it at start-up
    urls = [f"https://feeds{n}.example/rss" for n in range(12)]
    for url in urls:
        store.add(url)
    producer = make_producer(broker.bootstrap)
    a = Member(settings, producer, store, follow_store=True, refresh_s=0.5)
    b = Member(settings, producer, store, follow_store=True, refresh_s=0.5)
    try:
        a.assignment.publish((url, None) for url in urls)
        b.assignment.publish((url, None) for url in urls)  # the same list again changes nothing
        a.assignment.start()
        wait_until(lambda: a.current == set(urls), 20, "A to own every feed")

        b.assignment.start()
        wait_until(lambda: a.current and b.current and a.current | b.current == set(urls), 30, "A and B to split")
        assert not a.current & b.current
        # A let go of everything before the group gave B its share: never two owners at once.
        assert frozenset() in a.sets[1:]

        # `newswire feeds remove` / `feeds add` on the database reach the shared list.
        store.remove(urls[0])
        store.add("https://new.example/rss")
        expected = (set(urls) - {urls[0]}) | {"https://new.example/rss"}
        wait_until(lambda: a.current | b.current == expected, 10, "the list to follow the database")
        assert not a.current & b.current

        b.assignment.stop()  # leaves the group: A takes every feed
        wait_until(lambda: a.current == expected, 30, "A to take B's feeds")
        assert b.current == frozenset()
    finally:
        a.assignment.stop()
        b.assignment.stop()
        producer.close()

    # What is on the topic, compacted by key: the tombstone removed the feed.
    from ingest_processes import read_topic

    latest = {}
    for message in read_topic(broker.bootstrap, feeds_topic(settings), quiet_s=0.5):
        latest[message.key.decode()] = message.value
    assert {url for url, value in latest.items() if value is not None} == expected
    assert latest[urls[0]] is None


def test_poller_follows_the_feed_set_it_is_handed(site, settings):
    feed_url = site.serve_fixture_site()
    other_url = site.add("/other.xml", site.routes["/feed.xml"].body, content_type="application/rss+xml")
    settings = settings.model_copy(update=dict(poll_interval_s=0.3, min_poll_interval_s=0.3, max_poll_interval_s=0.3))
    harness = Harness(settings)

    async def go():
        stop = asyncio.Event()
        async with Fetcher(settings) as fetcher:
            poller = harness.poller(fetcher)
            runner = asyncio.create_task(poller.run((), stop))
            await asyncio.sleep(0.5)
            assert site.hits("/feed.xml") == site.hits("/other.xml") == 0  # nothing handed yet
            # Handed from another thread, as the assignment's consumer thread does.
            threading.Thread(target=poller.update_feeds, args=([feed_url],)).start()
            await asyncio.sleep(1.2)
            assert site.hits("/feed.xml") >= 2 and site.hits("/other.xml") == 0
            poller.update_feeds([other_url])
            await asyncio.sleep(0.3)  # a poll of feed.xml already running may finish
            before = site.hits("/feed.xml")
            await asyncio.sleep(1.2)
            assert site.hits("/feed.xml") == before and site.hits("/other.xml") >= 2
            poller.update_feeds([])
            await asyncio.sleep(0.3)
            stop.set()
            await asyncio.wait_for(runner, 5)
    asyncio.run(go())


def test_degraded_feed_is_reported_once_per_problem(site, settings):
    broken = site.add("/broken.xml", b"""<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>
        <item><guid>x</guid><title>Fish & chips</title><link>/articles/a1.html</link></item></channel></rss>""",
                      content_type="application/rss+xml")
    site.serve_fixture_site()
    harness = Harness(settings)
    for _ in range(3):
        asyncio.run(harness.poll(broken))
    state = harness.feed_store.get(broken)
    assert [d.reason for d in harness.dead_letters] == ["malformed_feed"]
    assert state.healthy and state.consecutive_errors == 0 and state.extra["warnings"] == 3
    assert state.last_error.startswith("malformed_feed")

    site.add("/broken.xml", site.routes["/feed.xml"].body, content_type="application/rss+xml")  # fixed
    asyncio.run(harness.poll(broken))
    state = harness.feed_store.get(broken)
    assert state.last_error is None and "warning" not in state.extra
    assert len(harness.dead_letters) == 1
