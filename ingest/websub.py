"""WebSub (W3C Recommendation 2018) subscriber: feeds that announce a hub are pushed to, not only polled.

Off unless ``NEWSWIRE_PUBLIC_URL`` is set: a hub must reach the callback, served by the ingest
process (:mod:`ingest.websub_callback`) at ``<public URL>/websub/<callback id>``.

A subscription's life (:class:`~newswire.feeds.Subscription`, kept in the database):

- a poll finds hubs (the HTTP ``Link: <...>; rel="hub"`` headers first, then the document's
  ``rel="hub"``, JSON Feed ``hubs``: :func:`ingest.parse.parse_feed`) -> ``new``, at the first hub: a
  random ``callback_id`` and ``secret`` are drawn and kept for the subscription's life, so a restart
  keeps checking pushes;
- the subscribe request (``hub.callback``, ``hub.topic`` = the Link header's ``rel="self"``, else
  the document's, else the feed's URL, ``hub.secret``, ``hub.lease_seconds``) is POSTed -> ``requested``; the hub's verification of
  intent is answered only for the topic, callback and mode newswire asked for -> ``active`` until
  the granted lease ends; renewed (same callback and secret) at :data:`RENEW_AT` of the lease;
- a request that fails, that the hub does not verify within :data:`VERIFY_WAIT_S`, or that it
  denies (``hub.mode=denied``), moves the subscription to the feed's next hub at once (a new
  subscription there: new callback and secret, so the failed hub's late verification is refused);
  after the last hub, back to the first after the poller's backoff (a denial: after the longest
  poll interval). A feed with one hub retries it so. A renewal failing while the lease still holds
  is retried at the same hub with the backoff;
- the feed removed, or announcing another hub or none -> unsubscribed (``unsubscribing``, deleted once
  the hub verifies or after :data:`UNSUBSCRIBE_TRIES`); another hub gets a new subscription.

Polling stays the fallback. A subscription is *live* while it is active, unexpired, has had a push
(or, before the first push, its verification) within ``websub_silence_s``, and no poll since the
last push found an entry the pushes missed. A live feed is polled only every
``websub_check_interval_s``; any other on its own schedule; a feed whose subscription stops being
live is polled at once. Each process requests and renews the subscriptions of the feeds it polls.
"""

from __future__ import annotations

import asyncio
import logging
import random
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable

from newswire.errors import FetchError
from newswire.feeds import FeedStore, Subscription, SubscriptionStore
from newswire.ingest import schedule
from newswire.ingest.fetch import Fetcher
from newswire.ingest.parse import ParsedFeed
from newswire.settings import Settings

log = logging.getLogger(__name__)

CALLBACK_PATH = "/websub/"
RENEW_AT = 0.8  # of the granted lease
VERIFY_WAIT_S = 120.0  # a request the hub has not verified by then is made again (with backoff)
UNSUBSCRIBE_TRIES = 3
TICK_S = 5.0  # the longest the loop sleeps (a feed newly assigned to this process waits at most this)
REMOVAL_CHECK_S = 60.0  # how often the feed list is read to unsubscribe from removed feeds
AWAITING = ("requested", "active", "unsubscribing")
MAX_LEASE_S = 366 * 86400


@dataclass
class WebSubStats:
    requests: int = 0  # (un)subscribe requests sent, renewals included
    renewals: int = 0
    request_errors: int = 0  # refused or failed requests, and requests never verified
    verified: int = 0
    denied: int = 0
    fallbacks: int = 0  # subscriptions moved to the feed's next hub after a failure at the current one
    pushes: int = 0  # accepted pushes
    missed: int = 0  # entries a poll found that no push brought
    quiet: int = 0  # live subscriptions that went silent or expired (their feed polled again)
    refused: Counter = field(default_factory=Counter)  # reason -> refused callback requests


class Subscriber:
    def __init__(self, settings: Settings, store: SubscriptionStore, fetcher: Fetcher, feeds: FeedStore, *,
                 on_quiet: Callable[[str], None], owns: Callable[[str], bool] = lambda url: True,
                 clock: Callable[[], datetime] | None = None, rng: random.Random | None = None):
        if not settings.public_url:
            raise ValueError("WebSub needs NEWSWIRE_PUBLIC_URL")
        self.settings = settings
        self.stats = WebSubStats()
        self._store = store
        self._fetcher = fetcher
        self._feeds = feeds
        self._on_quiet = on_quiet
        self._owns = owns
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self._rng = rng or random.Random()
        self._subs: dict[str, Subscription] = {sub.feed_url: sub for sub in store.list_subscriptions()}
        now = self._clock()
        self._live = {url: now for url, sub in self._subs.items() if self.is_live(sub, now)}  # url -> live since
        self._wake: asyncio.Event | None = None
        self._next_removal_check = 0.0

    def callback_url(self, sub: Subscription) -> str:
        return f"{self.settings.public_url.rstrip('/')}{CALLBACK_PATH}{sub.callback_id}"

    # --- what the poller asks (ingest.poller.PushHooks) ------------------------------------------

    def feed_polled(self, url: str, parsed: ParsedFeed, fresh_entries: int, previous_poll_at: datetime | None
                    ) -> None:
        """A poll read the feed: subscribe to the hub it announces, and note entries pushes missed."""
        sub = self._subs.get(url)
        topic = parsed.self_url or url
        hubs = list(parsed.hubs)
        if sub is None or sub.state == "unsubscribing":
            if hubs and sub is None:
                self._start(url, hubs, topic)
            return
        if sub.hub not in hubs or sub.topic != topic:
            log.info("feed changed its WebSub hub or topic", extra={"feed_url": url, "hub": sub.hub})
            self._unsubscribe(sub, "the feed no longer announces this hub and topic")
            return
        if sub.hubs != hubs:  # the current hub stays; the others changed (the next to try after a failure)
            sub.hubs = hubs
            self._save(sub)
        live_since = self._live.get(url)
        # Entries new since the previous poll, which came while pushes were trusted: a push missed them.
        if fresh_entries and live_since and previous_poll_at and live_since <= previous_poll_at:
            sub.missed_at = self._clock()
            self.stats.missed += fresh_entries
            log.warning("a poll found %d entries no push brought: polling the feed on its own schedule again",
                        fresh_entries, extra={"feed_url": url, "hub": sub.hub})
            self._save(sub)
            self._live.pop(url, None)

    def poll_floor_s(self, url: str) -> float | None:
        return self.settings.websub_check_interval_s if url in self._live else None

    def is_live(self, sub: Subscription, now: datetime | None = None) -> bool:
        now = now or self._clock()
        if sub.state != "active" or sub.expires_at is None or sub.expires_at <= now:
            return False
        heard = sub.last_push_at or sub.verified_at
        if heard is None or (now - heard).total_seconds() > self.settings.websub_silence_s:
            return False
        return not (sub.missed_at and (sub.last_push_at is None or sub.missed_at > sub.last_push_at))

    # --- what the callback server asks (ingest.websub_callback) ----------------------------------

    def lookup(self, callback_id: str) -> Subscription | None:
        """The subscription a callback URL names (another ingest process's too: read from the store)."""
        for sub in self._subs.values():
            if sub.callback_id == callback_id:
                return sub
        try:
            return self._store.by_callback(callback_id)
        except Exception:  # the database being down: refused now, the hub retries
            log.exception("could not read a WebSub subscription")
            return None

    def verify(self, sub: Subscription, mode: str, lease: str | None) -> bool:
        """The hub's verification of intent for ``sub`` (its topic already checked): True when newswire
        asked for exactly this (the challenge is then echoed)."""
        now = self._clock()
        awaiting = sub.requested_at is not None and (sub.verified_at is None or sub.requested_at > sub.verified_at)
        if mode == "subscribe" and sub.state in ("requested", "active") and awaiting:
            granted = int(lease) if lease and lease.isascii() and lease.isdigit() and 0 < int(lease) <= MAX_LEASE_S \
                else min(self.settings.websub_lease_s, MAX_LEASE_S)  # a hub's lease past a year is not believed
            sub.state, sub.verified_at, sub.lease_s = "active", now, granted
            sub.expires_at = now + timedelta(seconds=granted)
            sub.attempts, sub.next_attempt_at, sub.last_error = 0, None, None
            self.stats.verified += 1
            log.info("WebSub subscription verified", extra={"feed_url": sub.feed_url, "hub": sub.hub,
                                                           "lease_s": granted})
            self._save(sub)
            self._update_live(sub, now)
            self._poke()  # the loop's next wake-up (renewal, silence) moved
            return True
        if mode == "unsubscribe" and sub.state == "unsubscribing" and awaiting:
            self._forget(sub)
            return True
        return False

    def denied(self, sub: Subscription, reason: str | None) -> None:
        self.stats.denied += 1
        why = f"denied by the hub: {(reason or 'no reason given')[:500]}"
        log.warning("WebSub subscription denied", extra={"feed_url": sub.feed_url, "hub": sub.hub, "reason": reason})
        if self._next_hub(sub, why, wrap_wait_s=self.settings.max_poll_interval_s):
            return
        sub.state, sub.last_error = "denied", why
        sub.next_attempt_at = self._clock() + timedelta(seconds=self.settings.max_poll_interval_s)
        self._save(sub)
        self._update_live(sub)
        self._poke()

    def pushed(self, sub: Subscription) -> None:
        now = self._clock()
        sub.last_push_at = now
        sub.pushes += 1
        self.stats.pushes += 1
        self._save(sub)
        self._update_live(sub, now)
        self._poke()  # the loop's next wake-up (renewal, silence) moved

    def refused(self, reason: str) -> None:
        self.stats.refused[reason] += 1

    # --- requests and renewals -------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Send due requests and renewals, and notice subscriptions going quiet, until ``stop``."""
        self._wake = asyncio.Event()
        while not stop.is_set():
            self._wake.clear()
            now = self._clock()
            if time.monotonic() >= self._next_removal_check:
                self._next_removal_check = time.monotonic() + REMOVAL_CHECK_S
                self._drop_removed_feeds()
            for sub in list(self._subs.values()):
                self._update_live(sub, now)
                if self._owns(sub.feed_url) and (mode := self._request_due(sub, now)):
                    await self._request(sub, mode)
            sleep = min([TICK_S, *(max(0.05, (when - self._clock()).total_seconds()) for when in self._events())])
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=sleep)
            except TimeoutError:
                pass

    def _request_due(self, sub: Subscription, now: datetime) -> str | None:
        if sub.next_attempt_at is not None and sub.next_attempt_at > now:
            return None
        mode = "unsubscribe" if sub.state == "unsubscribing" else "subscribe"
        awaiting = sub.requested_at is not None and (sub.verified_at is None or sub.requested_at > sub.verified_at)
        if sub.state in ("new", "denied"):
            return mode
        if awaiting and sub.state in AWAITING:
            if (now - sub.requested_at).total_seconds() < VERIFY_WAIT_S:
                return None
            self._failed(sub, f"the hub did not verify the {mode} request within {VERIFY_WAIT_S:g} s")
            return None
        if sub.state == "unsubscribing":
            return mode
        if sub.state == "active" and sub.verified_at and sub.lease_s and now >= self._renew_at(sub):
            self.stats.renewals += 1
            return mode
        return None

    async def _request(self, sub: Subscription, mode: str) -> None:
        form = {"hub.mode": mode, "hub.topic": sub.topic, "hub.callback": self.callback_url(sub)}
        if mode == "subscribe":
            form |= {"hub.secret": sub.secret, "hub.lease_seconds": str(self.settings.websub_lease_s)}
        # Marked before sending: a hub may verify before it answers the POST.
        sub.requested_at = self._clock()
        if sub.state in ("new", "denied"):
            sub.state = "requested"
        self._save(sub)
        self.stats.requests += 1
        try:
            status, reply = await self._fetcher.post_form(sub.hub, form)
            error = None if 200 <= status < 300 else f"hub answered HTTP {status}: {reply[:300]}"
        except FetchError as exc:
            error = f"hub request failed: {exc}"
        log.info("WebSub %s request sent", mode, extra={"feed_url": sub.feed_url, "hub": sub.hub, "error": error})
        verified_meanwhile = sub.verified_at is not None and sub.verified_at >= sub.requested_at
        if error is not None and self._subs.get(sub.feed_url) is sub and not verified_meanwhile:
            self._failed(sub, error)

    def _failed(self, sub: Subscription, error: str) -> None:
        self.stats.request_errors += 1
        log.warning("WebSub request failed: %s", error, extra={"feed_url": sub.feed_url, "hub": sub.hub})
        if sub.state != "unsubscribing" and not self._holds_lease(sub) and self._next_hub(sub, error):
            return
        sub.attempts += 1
        sub.last_error = error
        sub.requested_at = sub.verified_at  # no request outstanding: the next one goes after the backoff
        if sub.state == "unsubscribing" and sub.attempts >= UNSUBSCRIBE_TRIES:
            self._forget(sub)
            return
        if sub.state == "requested":
            sub.state = "new"
        delay = schedule.backoff_delay(sub.attempts, self.settings, rng=self._rng)
        sub.next_attempt_at = self._clock() + timedelta(seconds=delay)
        self._save(sub)

    def _holds_lease(self, sub: Subscription) -> bool:
        return sub.state == "active" and sub.expires_at is not None and sub.expires_at > self._clock()

    def _next_hub(self, sub: Subscription, why: str, wrap_wait_s: float | None = None) -> bool:
        """Subscribe at the feed's next hub instead of ``sub``'s, which failed (``why``); after the last, the
        first again, after the backoff (or ``wrap_wait_s``). False when the feed announces no other hub."""
        hubs = sub.hubs if sub.hub in sub.hubs else [sub.hub, *sub.hubs]
        if len(hubs) < 2:
            return False
        position = hubs.index(sub.hub) + 1
        wrapped = position == len(hubs)
        attempts = sub.attempts + wrapped  # the backoff grows a round of every hub failed
        wait_s = (wrap_wait_s or schedule.backoff_delay(attempts, self.settings, rng=self._rng)) if wrapped else 0.0
        self.stats.fallbacks += 1
        log.warning("WebSub hub failed (%s): subscribing at the feed's next hub", why,
                    extra={"feed_url": sub.feed_url, "hub": sub.hub, "next_hub": hubs[position % len(hubs)],
                           "wait_s": round(wait_s, 1)})
        self._start(sub.feed_url, hubs, sub.topic, hub=hubs[position % len(hubs)], attempts=attempts,
                    last_error=f"{sub.hub}: {why}"[:1000],
                    next_attempt_at=self._clock() + timedelta(seconds=wait_s) if wait_s else None)
        self._update_live(self._subs[sub.feed_url])
        return True

    def _renew_at(self, sub: Subscription) -> datetime:
        return sub.verified_at + timedelta(seconds=(sub.lease_s or 0) * RENEW_AT)

    def _events(self) -> list[datetime]:
        """When something may next need doing (for this process's feeds: the loop has just done what was
        due): attempts, renewals, verification deadlines, going quiet."""
        found: list[datetime] = []
        now = self._clock()
        for sub in self._subs.values():
            if not self._owns(sub.feed_url):
                continue
            found += [when for when in (sub.next_attempt_at, sub.expires_at) if when]
            if sub.requested_at:
                found.append(sub.requested_at + timedelta(seconds=VERIFY_WAIT_S))
            if sub.state == "active" and sub.verified_at and sub.lease_s:
                found.append(self._renew_at(sub))
            if heard := sub.last_push_at or sub.verified_at:
                found.append(heard + timedelta(seconds=self.settings.websub_silence_s))
        return [when for when in found if when > now]

    # --- bookkeeping -----------------------------------------------------------------------------

    def _start(self, url: str, hubs: list[str], topic: str, hub: str | None = None, attempts: int = 0,
               last_error: str | None = None, next_attempt_at: datetime | None = None) -> None:
        """A new subscription of feed ``url`` at ``hub`` (the first of ``hubs`` by default), replacing any other."""
        hub = hub or hubs[0]
        sub = Subscription(feed_url=url, topic=topic, hub=hub, hubs=list(hubs), callback_id=secrets.token_urlsafe(24),
                           secret=secrets.token_hex(32), attempts=attempts, last_error=last_error,
                           next_attempt_at=next_attempt_at)
        if not attempts and not last_error:
            log.info("feed announces a WebSub hub: subscribing", extra={"feed_url": url, "hub": hub})
        self._subs[url] = sub
        self._save(sub)
        self._poke()

    def _unsubscribe(self, sub: Subscription, why: str) -> None:
        if sub.state in ("new", "denied") or sub.verified_at is None:
            self._forget(sub)  # nothing the hub holds
            return
        sub.state, sub.last_error, sub.attempts, sub.next_attempt_at = "unsubscribing", why, 0, None
        self._save(sub)
        self._update_live(sub)
        self._poke()

    def _forget(self, sub: Subscription) -> None:
        self._subs.pop(sub.feed_url, None)
        self._live.pop(sub.feed_url, None)
        try:
            self._store.delete_subscription(sub.feed_url)
        except Exception:
            log.exception("could not delete a WebSub subscription", extra={"feed_url": sub.feed_url})

    def _drop_removed_feeds(self) -> None:
        try:
            followed = {state.url for state in self._feeds.list_feeds()}
        except Exception:  # the database being down: nothing is dropped
            log.exception("could not read the feed list")
            return
        for sub in list(self._subs.values()):
            if sub.feed_url not in followed and sub.state != "unsubscribing":
                self._unsubscribe(sub, "the feed was removed")

    def _update_live(self, sub: Subscription, now: datetime | None = None) -> None:
        now = now or self._clock()
        was, live = sub.feed_url in self._live, self.is_live(sub, now)
        if live and not was:
            self._live[sub.feed_url] = now
        elif was and not live:
            del self._live[sub.feed_url]
        if was and not live:  # silent, expired, denied or ending (a miss is counted where a poll finds it)
            self.stats.quiet += 1
            log.info("WebSub subscription went quiet: polling the feed again", extra={"feed_url": sub.feed_url})
            self._on_quiet(sub.feed_url)

    def _save(self, sub: Subscription) -> None:
        try:
            self._store.save_subscription(sub)
        except Exception:  # the database being down: the subscription lives on in memory
            log.exception("could not save a WebSub subscription", extra={"feed_url": sub.feed_url})

    def _poke(self) -> None:
        if self._wake is not None:
            self._wake.set()

    def status(self) -> dict:
        return {"websub_subscriptions": sum(1 for sub in self._subs.values() if sub.state == "active"),
                "websub_live": len(self._live), "websub_pushes": self.stats.pushes,
                "websub_requests": self.stats.requests, "websub_renewals": self.stats.renewals,
                "websub_request_errors": self.stats.request_errors, "websub_denied": self.stats.denied,
                "websub_hub_fallbacks": self.stats.fallbacks,
                "websub_missed": self.stats.missed, "websub_quiet": self.stats.quiet,
                "websub_refused": dict(self.stats.refused)}
