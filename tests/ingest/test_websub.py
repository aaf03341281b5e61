"""WebSub pieces on their own: the push signature, the Link header, feeds announcing hubs, and the
subscriber's decisions (verification, denial, a failing hub, falling back to the feed's next hub, a
changed hub, a missed entry), with
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
from newswire.ingest.links import header_links
from newswire.ingest.parse import ParsedFeed, parse_feed
from newswire.ingest.websub import Subscriber
from newswire.ingest.websub_callback import signature_ok
from newswire.settings import Settings
from newswire.storage.db import make_engine, upgrade
from newswire.storage.subscriptions import SqlSubscriptionStore
from websub_hub import WebSubHub

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


def test_links_of_a_link_header():
    header = ('<https://hub.example/>; rel="hub", <https://news.example/feed>; rel="self", '
              '<https://x/>; rel="alternate self", </relative>; REL=self, <ftp://no/>; rel="self"')
    assert header_links(header, "https://news.example/rss", "self") == (
        "https://news.example/feed", "https://x/", "https://news.example/relative")
    assert header_links(header, "https://news.example/rss", "hub") == ("https://hub.example/",)
    assert header_links("", "https://news.example/", "self") == header_links(None, "https://news.example/", "hub") == ()
    for junk in ("garbage", "<>", ";;;", "<https://hub.example/>; rel", "<https://hub.example/>; title=a=b; rel=hub"):
        assert header_links(junk, "https://news.example/", "hub") == ()


RSS_WITH_HUB = (b'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title>'
                b'<atom:link rel="hub" href="https://body-hub.example/"/>'
                b'<atom:link rel="self" href="https://news.example/body-self.xml"/>'
                b"<item><title>a</title><link>https://news.example/a</link></item></channel></rss>")


@pytest.mark.parametrize("header", [
    # several Link headers, as httpx joins them
    '<https://hub-a.example/>; rel="hub", <https://hub-b.example/>; rel="hub", <https://news.example/topic>; rel="self"',
    # one header, comma-separated, unquoted and relative, self before the hubs
    '</topic>;rel=self,<https://hub-a.example/>;rel=hub,  <https://hub-b.example/> ; rel="hub"',
])
def test_hubs_and_topic_from_the_link_header_come_first(header):
    """W3C WebSub 4: the Link header's hubs and self before the document's; the header's self is the topic."""
    parsed = parse_feed(RSS_WITH_HUB, "https://news.example/rss", link_header=header)
    assert parsed.hubs == ("https://hub-a.example/", "https://hub-b.example/", "https://body-hub.example/")
    assert parsed.self_url == "https://news.example/topic"
    plain = b'<rss version="2.0"><channel><title>t</title><item><title>a</title></item></channel></rss>'
    only_header = parse_feed(plain, "https://news.example/rss", link_header='<https://hub-a.example/>; rel="hub"')
    assert only_header.hubs == ("https://hub-a.example/",) and only_header.self_url is None
    # a hub named in both is tried once, where the header puts it; no header: the document's alone
    both = parse_feed(RSS_WITH_HUB, "https://news.example/rss", link_header='<https://body-hub.example/>; rel="hub"')
    assert both.hubs == ("https://body-hub.example/",) and both.self_url == "https://news.example/body-self.xml"
    json_feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "feed_url": "https://news.example/f.json",
                            "hubs": [{"type": "WebSub", "url": "https://body-hub.example/"}], "items": []}).encode()
    parsed = parse_feed(json_feed, "https://news.example/j", link_header=header)
    assert parsed.hubs[0] == "https://hub-a.example/" and parsed.self_url == "https://news.example/topic"


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


def run_until(subscriber: Subscriber, done, timeout_s: float = 20.0) -> None:
    """The subscriber's loop until ``done()`` (checked every 50 ms), then stop; fails after ``timeout_s``."""
    async def rounds():
        stop = asyncio.Event()
        task = asyncio.create_task(subscriber.run(stop))
        try:
            async with asyncio.timeout(timeout_s):
                while not done():
                    await asyncio.sleep(0.05)
        finally:
            stop.set()
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            # The pool's keep-alive connections belong to this event loop: close them in it, or they stay
            # open until collected, inside some later test (the fetcher itself is used again next run).
            await subscriber._fetcher._client._transport.aclose()
    asyncio.run(rounds())


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


@pytest.fixture
def good_hub():
    server = WebSubHub()  # answers a subscribe request 202 (its verification then finds no callback server)
    yield server
    server.close()


def hub_setup(subscriptions, *hubs: str, clock: Clock, **overrides):
    settings = Settings(public_url="http://127.0.0.1:9", allow_private_networks=True, min_poll_interval_s=60,
                        max_poll_interval_s=3600, websub_lease_s=3600, **overrides)
    subscriber = Subscriber(settings, subscriptions, Fetcher(settings, private_origins=list(hubs)), Feeds(FEED),
                            on_quiet=lambda url: None, clock=clock)
    subscriber.feed_polled(FEED, parsed_with(*hubs), 0, None)
    return subscriber


def test_a_hub_that_refuses_is_left_for_the_next_one(subscriptions, site, good_hub):
    clock = Clock()
    refusing, good = site.url("/hub"), good_hub.url("/hub")  # the test server answers POST with 501
    subscriber = hub_setup(subscriptions, refusing, good, clock=clock)
    (first,) = subscriptions.list_subscriptions()
    assert (first.hub, first.hubs) == (refusing, [refusing, good])
    run_until(subscriber, lambda: good_hub.requests)  # refused by the first hub, then asked at the second at once
    (sub,) = subscriptions.list_subscriptions()
    assert (sub.hub, sub.hubs, sub.state, sub.attempts) == (good, [refusing, good], "requested", 0)
    assert "HTTP 501" in sub.last_error and refusing in sub.last_error
    assert sub.callback_id != first.callback_id and sub.secret != first.secret  # a new subscription, at the new hub
    assert subscriber.lookup(first.callback_id) is None  # the first hub's late verification is refused
    assert [(f["hub.callback"], f["hub.secret"]) for f in good_hub.requests] == [
        (subscriber.callback_url(sub), sub.secret)]
    assert subscriber.status()["websub_hub_fallbacks"] == 1 and subscriber.stats.request_errors == 1
    assert subscriber.verify(subscriber.lookup(sub.callback_id), "subscribe", "600")
    assert subscriber.poll_floor_s(FEED) is not None  # live, at the second hub
    # A restarted subscriber knows the feed's hubs (kept in the database), and its current one.
    again = Subscriber(subscriber.settings, subscriptions, Fetcher(subscriber.settings), Feeds(FEED),
                       on_quiet=lambda url: None, clock=clock)
    assert again.lookup(sub.callback_id).hubs == [refusing, good]
    # The feed's list changing around the current hub keeps the subscription, with the new list.
    subscriber.feed_polled(FEED, parsed_with("https://third.example/", good), 0, clock.now)
    (kept,) = subscriptions.list_subscriptions()
    assert (kept.callback_id, kept.state, kept.hubs) == (sub.callback_id, "active", ["https://third.example/", good])


def test_denials_go_round_the_hubs_and_the_first_again_after_a_wait(subscriptions):
    clock = Clock()
    hubs = ("https://a.example/hub", "https://b.example/hub")
    quiet: list[str] = []
    subscriber = hub_setup(subscriptions, *hubs, clock=clock)
    subscriber._on_quiet = quiet.append
    sub = subscriber.lookup(subscriptions.list_subscriptions()[0].callback_id)
    sub.state, sub.requested_at = "requested", clock.now
    assert subscriber.verify(sub, "subscribe", "600") and subscriber.poll_floor_s(FEED) is not None
    subscriber.denied(sub, "this hub will not deliver it")  # an active subscription denied: the next hub at once
    (second,) = subscriptions.list_subscriptions()
    assert (second.hub, second.state, second.next_attempt_at, second.attempts) == (hubs[1], "new", None, 0)
    assert quiet == [FEED] and subscriber.poll_floor_s(FEED) is None  # polled meanwhile
    subscriber.denied(subscriber.lookup(second.callback_id), "nor this one")  # the last: round to the first, later
    (third,) = subscriptions.list_subscriptions()
    assert (third.hub, third.state, third.attempts) == (hubs[0], "new", 1)
    assert third.next_attempt_at == clock.now + timedelta(seconds=3600)  # the longest poll interval
    assert "nor this one" in third.last_error and subscriber.stats.denied == 2 and subscriber.stats.fallbacks == 2


def test_a_verification_that_never_comes_moves_to_the_next_hub(subscriptions, good_hub):
    clock = Clock()
    silent, good = "https://silent.example/hub", good_hub.url("/hub")
    subscriber = hub_setup(subscriptions, silent, good, clock=clock)
    sub = subscriber.lookup(subscriptions.list_subscriptions()[0].callback_id)
    sub.state, sub.requested_at = "requested", clock.now  # asked; the hub answered 202 and never verified
    clock.now += timedelta(seconds=119)
    run_once(subscriber)
    assert subscriptions.list_subscriptions()[0].hub == silent  # still within the wait
    clock.now += timedelta(seconds=2)
    run_until(subscriber, lambda: good_hub.requests)
    (moved,) = subscriptions.list_subscriptions()
    assert (moved.hub, moved.state) == (good, "requested") and "did not verify" in moved.last_error
    assert len(good_hub.requests) == 1 and subscriber.stats.fallbacks == 1


def test_a_renewal_failing_while_the_lease_holds_stays_at_its_hub(subscriptions, site, good_hub):
    clock = Clock()
    refusing, good = site.url("/hub"), good_hub.url("/hub")
    subscriber = hub_setup(subscriptions, refusing, good, clock=clock)
    sub = subscriber.lookup(subscriptions.list_subscriptions()[0].callback_id)
    sub.state, sub.requested_at = "requested", clock.now
    assert subscriber.verify(sub, "subscribe", "600")
    clock.now += timedelta(seconds=500)  # past 80 % of the lease: renewed, and the hub refuses
    run_until(subscriber, lambda: subscriber.stats.request_errors)
    (kept,) = subscriptions.list_subscriptions()
    assert (kept.hub, kept.callback_id, kept.state, kept.attempts) == (refusing, sub.callback_id, "active", 1)
    assert kept.next_attempt_at > clock.now and subscriber.stats.fallbacks == 0 and good_hub.requests == []
    clock.now = kept.expires_at + timedelta(seconds=1)  # the lease ran out, and the hub refuses again: the next hub
    run_until(subscriber, lambda: good_hub.requests)
    (moved,) = subscriptions.list_subscriptions()
    assert (moved.hub, moved.state) == (good, "requested") and len(good_hub.requests) == 1
