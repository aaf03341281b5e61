"""WebSub pieces on their own: the push signature, the Link header, feeds announcing hubs, and the
subscriber's decisions (verification, denial, a failing hub, a changed hub, a missed entry), with
subscriptions in a real SQLite database and hub requests over real HTTP (tests/ingest/conftest.py).
The whole path, with a hub and a running ingest, is test_websub_stage.py."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from datetime import datetime, timedelta, timezone

import pytest

from newswire.feeds import FeedState
from newswire.ingest.fetch import Fetcher
from newswire.ingest.parse import ParsedFeed, parse_feed
from newswire.ingest.websub import Subscriber
from newswire.ingest.websub_callback import self_links, signature_ok
from newswire.settings import Settings
from newswire.storage.db import make_engine, upgrade
from newswire.storage.subscriptions import SqlSubscriptionStore

FEED = "http://127.0.0.1:9/feed.xml"


@pytest.mark.parametrize("method", ["sha1", "sha256", "sha384", "sha512", "SHA256"])
def test_signature_methods_of_the_spec(method):
    body = b"<rss>pushed</rss>"
    digest = hmac.new(b"s3cret", body, getattr(hashlib, method.lower())).hexdigest()
    assert signature_ok("s3cret", body, f"{method}={digest}")
    assert signature_ok("s3cret", body, f"{method}={digest.upper()}")
    assert not signature_ok("other", body, f"{method}={digest}")
    assert not signature_ok("s3cret", body + b" ", f"{method}={digest}")


@pytest.mark.parametrize("header", [None, "", "sha256", "sha256=", "md5=" + hashlib.md5(b"x").hexdigest(), "=abc"])
def test_a_missing_or_unknown_signature_fails(header):
    assert not signature_ok("s3cret", b"x", header)


def test_self_links_of_a_link_header():
    header = '<https://hub.example/>; rel="hub", <https://news.example/feed>; rel="self", <https://x/>; rel="alternate self"'
    assert self_links(header) == ["https://news.example/feed", "https://x/"]
    assert self_links("") == []


def test_feeds_announce_hubs_in_rss_atom_and_json_feed():
    rss = (b'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title>'
           b'<atom:link rel="hub" href="https://hub.example/"/><atom:link rel="hub" href="/second-hub"/>'
           b'<atom:link rel="self" href="https://news.example/feed.xml"/>'
           b"<item><title>a</title><link>https://news.example/a</link></item></channel></rss>")
    parsed = parse_feed(rss, "https://news.example/rss")
    assert parsed.hubs == ("https://hub.example/", "https://news.example/second-hub")
    assert parsed.self_url == "https://news.example/feed.xml"
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><link rel="hub" href="https://hub.example/"/>'
            b"<entry><id>1</id><title>a</title><link href=\"https://news.example/a\"/></entry></feed>")
    assert parse_feed(atom, "https://news.example/atom").hubs == ("https://hub.example/",)
    json_feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "feed_url": "https://news.example/f.json",
                            "hubs": [{"type": "WebSub", "url": "https://hub.example/"}, {"type": "rssCloud", "url": "x"},
                                     "junk"], "items": []}).encode()
    parsed = parse_feed(json_feed, "https://news.example/j")
    assert parsed.hubs == ("https://hub.example/",) and parsed.self_url == "https://news.example/f.json"
    plain = b"<rss version=\"2.0\"><channel><title>t</title><item><title>a</title></item></channel></rss>"
    assert parse_feed(plain, "https://news.example/p").hubs == ()


class Feeds:
    def __init__(self, *urls: str):
        self.urls = list(urls)

    def list_feeds(self):
        return [FeedState(url=url) for url in self.urls]


class Clock:
    def __init__(self):
        self.now = datetime(2026, 12, 1, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def parsed_with(*hubs: str, self_url: str | None = None) -> ParsedFeed:
    return ParsedFeed(title="t", entries=[], total_entries=0, hubs=hubs, self_url=self_url)


@pytest.fixture
def subscriptions(tmp_path):
    url = f"sqlite:///{tmp_path / 'subs.db'}"
    upgrade(url)
    engine = make_engine(url)
    yield SqlSubscriptionStore(engine)
    engine.dispose()


def run_once(subscriber: Subscriber) -> None:
    """One round of the subscriber's loop (requests due now), then stop."""
    async def one_round():
        stop = asyncio.Event()
        task = asyncio.create_task(subscriber.run(stop))
        await asyncio.sleep(0.3)
        stop.set()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    asyncio.run(one_round())


def test_verification_only_for_what_was_asked_and_a_denial(subscriptions):
    clock = Clock()
    settings = Settings(public_url="https://news.example/nw/", websub_lease_s=3600)
    quiet: list[str] = []
    subscriber = Subscriber(settings, subscriptions, Fetcher(settings), Feeds(FEED), on_quiet=quiet.append, clock=clock)
    subscriber.feed_polled(FEED, parsed_with("https://hub.example/", self_url="https://news.example/feed"), 0, None)
    (sub,) = subscriptions.list_subscriptions()
    assert (sub.state, sub.topic, sub.hub) == ("new", "https://news.example/feed", "https://hub.example/")
    assert subscriber.callback_url(sub) == f"https://news.example/nw/websub/{sub.callback_id}"
    sub = subscriber.lookup(sub.callback_id)
    assert not subscriber.verify(sub, "subscribe", "600")  # nothing requested yet
    sub.state, sub.requested_at = "requested", clock.now
    assert not subscriber.verify(sub, "unsubscribe", "600")  # not the mode asked for
    assert subscriber.verify(sub, "subscribe", "600")
    assert (sub.state, sub.lease_s, sub.expires_at) == ("active", 600, clock.now + timedelta(seconds=600))
    assert not subscriber.verify(sub, "subscribe", "600")  # answered once per request
    assert subscriber.is_live(sub) and subscriber.poll_floor_s(FEED) == settings.websub_check_interval_s
    # The secret and callback survive a restart: a new subscriber reads them back.
    again = Subscriber(settings, subscriptions, Fetcher(settings), Feeds(FEED), on_quiet=quiet.append, clock=clock)
    assert again.lookup(sub.callback_id).secret == sub.secret and again.poll_floor_s(FEED) is not None
    subscriber.denied(sub, "not allowed here")
    assert sub.state == "denied" and "not allowed here" in sub.last_error and subscriber.stats.denied == 1
    assert quiet == [FEED] and subscriber.poll_floor_s(FEED) is None  # polled again at once


def test_a_failing_hub_is_retried_with_backoff(subscriptions, site):
    clock = Clock()
    settings = Settings(public_url="https://news.example", allow_private_networks=True, min_poll_interval_s=60)
    hub = site.url("/hub")  # the test server answers POST with 501
    fetcher = Fetcher(settings, private_origins=[hub])
    subscriber = Subscriber(settings, subscriptions, fetcher, Feeds(FEED), on_quiet=lambda url: None, clock=clock)
    subscriber.feed_polled(FEED, parsed_with(hub), 0, None)
    run_once(subscriber)
    (sub,) = subscriptions.list_subscriptions()
    assert sub.state == "new" and sub.attempts == 1 and "HTTP 501" in sub.last_error
    assert clock.now + timedelta(seconds=30) <= sub.next_attempt_at <= clock.now + timedelta(seconds=60)
    assert subscriber.stats.request_errors == 1 and subscriber.stats.requests == 1
    run_once(subscriber)  # not due yet: nothing sent
    assert subscriber.stats.requests == 1


def test_a_miss_a_changed_hub_and_a_removed_feed(subscriptions):
    clock = Clock()
    settings = Settings(public_url="https://news.example", websub_silence_s=3600)
    subscriber = Subscriber(settings, subscriptions, Fetcher(settings), Feeds(), on_quiet=lambda url: None,
                            clock=clock)
    subscriber.feed_polled(FEED, parsed_with("https://hub.example/"), 0, None)
    sub = subscriptions.list_subscriptions()[0]
    sub = subscriber.lookup(sub.callback_id)
    sub.state, sub.requested_at = "requested", clock.now
    assert subscriber.verify(sub, "subscribe", "9" * 40)  # a lease no clock can hold: the one asked for
    assert sub.lease_s == settings.websub_lease_s
    before = clock.now
    clock.now += timedelta(minutes=5)
    # New entries found by a poll while live since before the previous poll: the pushes missed them.
    subscriber.feed_polled(FEED, parsed_with("https://hub.example/"), 0, before - timedelta(seconds=1))
    assert subscriber.stats.missed == 0  # nothing new
    subscriber.feed_polled(FEED, parsed_with("https://hub.example/"), 2, before)
    assert subscriber.stats.missed == 2 and subscriber.poll_floor_s(FEED) is None
    subscriber.pushed(sub)  # pushes resume: live again
    assert subscriber.poll_floor_s(FEED) is not None
    # The feed now names another hub: this subscription ends (the hub is asked to unsubscribe).
    subscriber.feed_polled(FEED, parsed_with("https://other-hub.example/"), 0, clock.now)
    assert subscriptions.list_subscriptions()[0].state == "unsubscribing"
    assert not subscriber.verify(sub, "subscribe", "60")
    sub.requested_at = clock.now + timedelta(seconds=1)
    assert subscriber.verify(sub, "unsubscribe", None)
    assert subscriptions.list_subscriptions() == []
    # A subscription of a feed no longer followed is ended by the loop.
    subscriber.feed_polled(FEED, parsed_with("https://hub.example/"), 0, None)
    subscriber._drop_removed_feeds()
    assert subscriptions.list_subscriptions() == []  # never verified: nothing to ask of the hub
