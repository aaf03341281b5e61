"""Polls feeds and publishes their new and changed articles: the ingest stage's loop.

One poll of a feed: conditional GET -> parse (skipped when the body is byte for byte the one parsed
last time, see ``BODY_HASH``) -> for each entry not known yet (or whose feed entry
changed), fetch the page -> clean -> publish an :class:`ArticleRecord`; then save the feed's state
and schedule the next poll. Every failure is published as a :class:`DeadLetterRecord` and counted;
nothing a feed or a page contains can stop the poller.

Which entries count as already seen, and which version a page's text is, is decided in
:mod:`ingest.dedup`; the entries are fetched and published by :mod:`ingest.entries`, which also takes
the feeds a WebSub hub pushes (:meth:`Poller.push_feed`, :mod:`ingest.websub`). A feed whose entries were published by an earlier process but never reached
the database is fetched unconditionally, so those entries are fetched again.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import random
import threading
import time
from datetime import datetime, timedelta, timezone
from hashlib import sha256
from typing import Callable, Iterable, Protocol

from newswire.ingest import dedup, schedule
from newswire.ingest.entries import EntryIngester
from newswire.ingest.fetch import Fetcher, as_fetch_error
from newswire.ingest.parse import ParsedFeed, ScheduleHints, parse_feed
from newswire.ingest.poll_report import PollResult, PollStats
from newswire import metrics
from newswire.errors import FetchError, PermanentFetchError
from newswire.feeds import FeedState, FeedStore, SeenStore
from newswire.records import ArticleRecord, DeadLetterRecord
from newswire.settings import Settings

log = logging.getLogger(__name__)

FEED_LIST_REFRESH_S = 60.0  # run() re-reads the feed store's list and due times this often
REFRESH_SLACK = timedelta(seconds=1)  # a stored due time this much earlier than ours was moved forward
BODY_HASH = "body_sha256"  # FeedState.extra key: sha256 hex of the feed body last parsed


class PushHooks(Protocol):
    """What the poller asks of WebSub (``ingest.websub.Subscriber``) about a feed."""

    def feed_polled(self, url: str, parsed: ParsedFeed, fresh_entries: int, previous_poll_at: datetime | None
                    ) -> None: ...

    def poll_floor_s(self, url: str) -> float | None: ...


class Poller:
    def __init__(
        self,
        settings: Settings,
        fetcher: Fetcher,
        feed_store: FeedStore,
        seen: SeenStore,
        publish_article: Callable[[ArticleRecord], None],
        publish_dead_letter: Callable[[DeadLetterRecord], None],
        *,
        clock: Callable[[], datetime] | None = None,
        rng: random.Random | None = None,
    ):
        self.settings = settings
        self.stats = PollStats()
        self._fetcher = fetcher
        self._feeds = feed_store
        self._seen = seen
        self._publish_dead_letter = publish_dead_letter
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self._rng = rng or random.Random()
        self._inflight = dedup.InFlight()
        self._entries = EntryIngester(settings, fetcher, seen, self.stats, self._inflight, publish_article,
                                      self._dead_letter)
        self._feed_locks: dict[str, asyncio.Lock] = {}  # a poll and a push of one feed take turns
        self.push: PushHooks | None = None  # set when WebSub is on (ingest.websub)
        self._poll_now: set[str] = set()  # feeds to poll as soon as possible (poll_soon)
        self._last_prune = time.monotonic()
        # update_feeds() hands a new feed set to run() from any thread (the feed assignment's).
        self._feed_update: list[str] | None = None
        self._feed_update_lock = threading.Lock()
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    # --- one feed ------------------------------------------------------------------------------

    async def poll_feed(self, url: str) -> PollResult:
        """Poll one feed now; never raises (except cancellation)."""
        async with self._feed_locks.setdefault(url, asyncio.Lock()):
            return await self._poll_feed(url)

    async def push_feed(self, url: str, body: bytes, content_type: str | None) -> PollResult:
        """Take a feed document a WebSub hub pushed for ``url``: parsed and its entries ingested as a
        poll's are (:class:`EntryIngester`), without touching the feed's poll schedule or health; a
        body that is no feed is a counted dead letter. Never raises (except cancellation)."""
        async with self._feed_locks.setdefault(url, asyncio.Lock()):
            state = self._feeds.get(url) or FeedState(url=url)
            try:
                parsed = await asyncio.to_thread(parse_feed, body, url, content_type=content_type)
            except Exception as exc:
                error = as_fetch_error(url, exc)
                self.stats.errors[error.reason] += 1
                log.warning("pushed body refused: %s", error, extra={"feed_url": url, "reason": error.reason})
                self._dead_letter(error, url)
                return PollResult(url, "error", next_poll_at=self._clock(), error=str(error))
            outcome = await self._entries.process(state, parsed, partial=True)
            self._save(state)
            log.info("feed pushed", extra={"feed_url": url, "new_entries": outcome.todo, "published": outcome.published})
            return PollResult(url, "ok", next_poll_at=self._clock(), entries=len(parsed.entries),
                              new_entries=outcome.todo, published=outcome.published,
                              page_errors=tuple(outcome.page_errors))

    def poll_soon(self, url: str) -> None:
        """Make :meth:`run` poll ``url`` now if it is one of its feeds (WebSub went quiet); same loop only."""
        self._poll_now.add(url)
        if self._wake is not None:
            self._wake.set()

    async def _poll_feed(self, url: str) -> PollResult:
        previous_poll_at = (self._feeds.get(url) or FeedState(url=url)).last_poll_at
        if time.monotonic() - self._last_prune > 60:
            self._inflight.prune()
            self._last_prune = time.monotonic()
        state = self._feeds.get(url) or FeedState(url=url)
        hints = ScheduleHints.from_dict(state.extra.get("hints"))
        self.stats.feeds_polled += 1
        metrics.FEEDS_POLLED.inc()
        state.last_poll_at = self._clock()
        etag, last_modified = state.etag, state.last_modified
        # Entries published before (by a process that crashed, or to a broker that was lost) that never
        # reached the database: a 304, or skipping an unchanged body, would hide them for good.
        unstored = self._has_unstored_entries(state) if (etag or last_modified or state.extra.get(BODY_HASH)) else False
        if unstored:
            log.info("feed has published entries the database does not hold: fetching and parsing it whole",
                     extra={"feed_url": url})
            etag = last_modified = None
        try:
            fetched = await self._fetcher.fetch_feed(url, etag=etag, last_modified=last_modified)
            parsed = None
            body_hash = None if fetched.not_modified else sha256(fetched.body).hexdigest()
            # Servers that ignore conditional GET send the same bytes again: not parsed twice (a big
            # feed costs seconds of feedparser CPU), unless entries of it wait for a retry.
            unchanged = (body_hash is not None and body_hash == state.extra.get(BODY_HASH)
                         and not unstored and not dedup.has_pending_retries(state))
            if not fetched.not_modified and not unchanged:
                parsed = await asyncio.to_thread(parse_feed, fetched.body, fetched.url,
                                                 content_type=fetched.content_type, link_header=fetched.link_header)
        except Exception as exc:  # FetchError, or a bug: either way this poll failed, the next one may not
            return self._feed_failed(state, hints, as_fetch_error(url, exc))

        state.consecutive_errors = 0
        # An unchanged feed keeps the problem its content has (see _note_feed_warning).
        state.last_error = state.extra.get("warning_error") if parsed is None else None
        state.healthy = True
        state.last_success_at = state.last_poll_at
        if fetched.etag or not fetched.not_modified:
            state.etag = fetched.etag
        if fetched.last_modified or not fetched.not_modified:
            state.last_modified = fetched.last_modified
        if parsed is None:
            self.stats.not_modified += 1
            if unchanged:
                self.stats.bodies_unchanged += 1
            return self._finish(state, hints, PollResult(url, "not_modified", next_poll_at=state.last_poll_at))

        state.extra[BODY_HASH] = body_hash
        hints = parsed.hints
        state.extra["hints"] = hints.to_dict()
        state.extra["parse_error"] = parsed.error
        self._note_feed_warning(state, parsed)
        state.title = state.title or parsed.title
        state.entries_per_day = schedule.estimate_entries_per_day(
            (entry.date for entry in parsed.entries), state.last_poll_at, state.entries_per_day)
        outcome = await self._entries.process(state, parsed)
        if self.push is not None:
            self.push.feed_polled(url, parsed, outcome.fresh, previous_poll_at)
        return self._finish(state, hints, PollResult(
            url, "ok", next_poll_at=state.last_poll_at, entries=len(parsed.entries), new_entries=outcome.todo,
            published=outcome.published, page_errors=tuple(outcome.page_errors)))

    def _feed_failed(self, state: FeedState, hints: ScheduleHints, error: FetchError) -> PollResult:
        state.consecutive_errors += 1
        state.last_error = str(error)
        state.healthy = schedule.is_healthy(state.consecutive_errors)
        state.next_poll_at = schedule.next_poll_after_error(
            state.last_poll_at, self.settings, hints, state.consecutive_errors, error.retry_after, self._rng)
        self.stats.feed_errors += 1
        self.stats.errors[error.reason] += 1
        log.warning("feed poll failed: %s", error,
                    extra={"feed_url": state.url, "reason": error.reason, "consecutive_errors": state.consecutive_errors})
        self._dead_letter(error, state.url)
        self._save(state)
        return PollResult(state.url, "error", next_poll_at=state.next_poll_at, error=str(error))

    def _note_feed_warning(self, state: FeedState, parsed: ParsedFeed) -> None:
        """A feed that works but is broken (malformed XML recovered, too many entries) is shown, not hidden.

        Its problem goes to ``last_error`` and is counted in ``extra["warnings"]`` on every poll that
        sees it; a dead letter is sent when the problem first appears or changes, not on every poll
        of a feed that stays the same for months.
        """
        warning: FetchError | None = None
        if parsed.error:
            warning = PermanentFetchError("malformed_feed", f"recovered {len(parsed.entries)} entries from "
                                          f"malformed XML: {parsed.error}", url=state.url)
        elif parsed.total_entries > len(parsed.entries):
            warning = PermanentFetchError("feed_truncated", f"{parsed.total_entries} entries; only the newest "
                                          f"{len(parsed.entries)} are read", url=state.url)
        previous = state.extra.pop("warning", None)
        state.extra.pop("warning_error", None)
        if warning is None:
            return
        state.extra["warning"] = warning.reason
        state.extra["warning_error"] = str(warning)
        state.extra["warnings"] = int(state.extra.get("warnings") or 0) + 1
        state.last_error = str(warning)
        self.stats.errors[warning.reason] += 1
        if previous != warning.reason:
            log.warning("feed is degraded: %s", warning, extra={"feed_url": state.url, "reason": warning.reason})
            self._dead_letter(warning, state.url)

    def _finish(self, state: FeedState, hints: ScheduleHints, result: PollResult) -> PollResult:
        floor_s = self.push.poll_floor_s(state.url) if self.push is not None else None
        state.next_poll_at, state.interval_s = schedule.next_poll_after_success(
            state.last_poll_at, self.settings, hints, state.entries_per_day, self._rng, floor_s=floor_s)
        self._save(state)
        log.info("feed polled", extra={"feed_url": state.url, "status": result.status,
                                       "new_entries": result.new_entries, "published": result.published})
        return dataclasses.replace(result, next_poll_at=state.next_poll_at)

    # --- plumbing ------------------------------------------------------------------------------

    def _dead_letter(self, error: FetchError, url: str | None) -> None:
        metrics.DEAD_LETTERS.labels("ingest", error.reason).inc()
        try:
            self._publish_dead_letter(DeadLetterRecord.for_failure(stage="ingest", reason=error.reason, error=error,
                                                                  url=url))
        except Exception:  # the broker being down must not stop polling; the log still has it
            log.exception("could not publish a dead letter", extra={"url": url, "reason": error.reason})

    def _save(self, state: FeedState) -> None:
        try:
            self._feeds.save(state)
        except Exception:  # the database being down must not stop polling; state is re-derived next time
            log.exception("could not save feed state", extra={"feed_url": state.url})

    # --- many feeds ----------------------------------------------------------------------------

    async def run(self, feed_urls: Iterable[str] | None, stop: asyncio.Event) -> None:
        """Poll feeds as they fall due until ``stop`` is set, ``fetch_concurrency`` feeds at a time.

        ``feed_urls=None`` polls the feed store's list, re-read every minute, so feeds added or
        removed with ``newswire feeds`` are picked up without a restart. :meth:`update_feeds`
        replaces the set at any time (scale-out: the feeds this process is assigned). Every minute
        too, a feed whose stored next poll is earlier than this process's (``newswire feeds
        refresh`` wrote it) is polled at that time instead.
        """
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        dynamic = feed_urls is None
        queue = schedule.DueQueue()
        queue.set_active(self._feed_urls() if dynamic else dict.fromkeys(feed_urls or ()), self._due)
        running: dict[asyncio.Task, str] = {}
        stopping = asyncio.create_task(stop.wait())
        waking = asyncio.create_task(self._wake.wait())
        next_refresh = time.monotonic() + FEED_LIST_REFRESH_S
        try:
            while not stop.is_set():
                with self._feed_update_lock:
                    update, self._feed_update = self._feed_update, None
                if update is not None:
                    dynamic = False  # an assigned set replaces the store's list
                    queue.set_active(update, self._due)
                for url in self._poll_now & queue.active - set(running.values()):
                    queue.schedule(url, self._clock())
                self._poll_now.clear()
                if time.monotonic() >= next_refresh:
                    next_refresh = time.monotonic() + FEED_LIST_REFRESH_S
                    stored_due = schedule.stored_due_times(self._feeds)
                    if dynamic and stored_due is not None:
                        queue.set_active(stored_due, self._due)
                    # `newswire feeds refresh` moved these feeds' next poll forward: honour it now.
                    for url, due in (stored_due or {}).items():
                        current = queue.due_at(url)
                        if (url in queue.active and due is not None and current is not None
                                and url not in running.values() and due < current - REFRESH_SLACK):
                            queue.schedule(url, due)
                now = self._clock()
                while len(running) < self.settings.fetch_concurrency:
                    url = queue.pop_due(now, running.values())
                    if url is None:
                        break
                    running[asyncio.create_task(self.poll_feed(url))] = url
                timeout = max(0.0, next_refresh - time.monotonic())
                earliest = queue.next_due()
                if earliest is not None and len(running) < self.settings.fetch_concurrency:
                    due_in = max(0.0, (earliest - now).total_seconds())
                    timeout = due_in if timeout is None else min(timeout, due_in)
                done, _ = await asyncio.wait([*running, stopping, waking], timeout=timeout,
                                             return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    if task is stopping:
                        continue
                    if task is waking:
                        self._wake.clear()
                        waking = asyncio.create_task(self._wake.wait())
                        continue
                    url = running.pop(task)
                    next_due = self._next_due(task, url)
                    if url in queue.active:
                        queue.schedule(url, next_due)
        finally:
            stopping.cancel()
            waking.cancel()
            for task in running:
                task.cancel()  # a cut-short poll saved nothing: it is simply done again next start
            await asyncio.gather(stopping, waking, *running, return_exceptions=True)
            self._loop = None

    def update_feeds(self, feed_urls: Iterable[str]) -> None:
        """Make :meth:`run` poll exactly ``feed_urls`` from now on; callable from any thread.

        Feeds that stay keep their schedule; new ones are due when the feed store says; polls of
        dropped feeds already running finish, and nothing more is scheduled for them.
        """
        with self._feed_update_lock:
            self._feed_update = list(dict.fromkeys(feed_urls))
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            try:
                loop.call_soon_threadsafe(wake.set)
            except RuntimeError:
                pass  # the loop is closing: run() is over

    def _next_due(self, task: asyncio.Task, url: str) -> datetime:
        if not task.cancelled() and task.exception() is None:
            return task.result().next_poll_at
        log.error("poll crashed", exc_info=task.exception() if not task.cancelled() else None,
                  extra={"feed_url": url})
        return self._clock() + timedelta(seconds=self.settings.min_poll_interval_s)

    def _due(self, url: str) -> datetime:
        state = self._feeds.get(url)
        if state is not None and state.next_poll_at is not None and not self._has_unstored_entries(state):
            return state.next_poll_at
        return self._clock()  # never polled, or entries published earlier are missing from the database

    def _has_unstored_entries(self, state: FeedState) -> bool:
        """True when the feed's remembered entries name articles that were published (by an earlier
        process: this one's are in flight) but that the database does not hold."""
        published = dedup.published_elsewhere(state, self._inflight)
        if not published:
            return False
        try:
            stored = self._seen.latest_versions(article_ids=sorted(published))
        except Exception:  # the database being down must not stop polling; conditional GET it is
            log.exception("could not check the feed's entries against the database", extra={"feed_url": state.url})
            return False
        return any(aid not in stored for aid in published)

    def _feed_urls(self) -> list[str]:
        return [state.url for state in self._feeds.list_feeds()]
