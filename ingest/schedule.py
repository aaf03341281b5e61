"""When to poll a feed next.

After a success: about one new entry a poll (from the feed's observed entries per day), never
sooner than the feed's ttl / sy:updatePeriod say anything changes, within
[min_poll_interval_s, max_poll_interval_s], jittered by +-10% so feeds added together drift apart,
and moved out of the feed's skipHours/skipDays.

After a failure: exponential backoff from min_poll_interval_s, jittered, at least the server's
Retry-After, at most max_poll_interval_s. A feed is never given up on: after
:data:`UNHEALTHY_AFTER` consecutive failures it is reported unhealthy and still tried at the cap.

Across feeds: :class:`DueQueue` holds each feed a poller polls with its one next due time, and
:func:`stored_due_times` reads the due times the feed store holds.
"""

from __future__ import annotations

import heapq
import logging
import random
from datetime import datetime, timedelta
from typing import Callable, Collection, Iterable

from newswire.ingest.parse import ScheduleHints
from newswire.feeds import FeedStore
from newswire.settings import Settings

log = logging.getLogger(__name__)

UNHEALTHY_AFTER = 5
JITTER = 0.1
RATE_SMOOTHING = 0.5  # weight of the newest observation of entries/day
_DAY_S = 86400.0


def poll_interval(settings: Settings, hints: ScheduleHints, entries_per_day: float | None) -> float:
    """Seconds between polls of a healthy feed (before jitter)."""
    interval = settings.poll_interval_s
    if entries_per_day is not None:
        interval = _DAY_S / entries_per_day if entries_per_day > 0 else settings.max_poll_interval_s
    # The publisher's own statement that nothing changes sooner is a floor, not a suggestion.
    interval = max(interval, hints.ttl_s or 0.0, hints.update_period_s or 0.0)
    return min(max(interval, settings.min_poll_interval_s), settings.max_poll_interval_s)


def next_poll_after_success(
    now: datetime, settings: Settings, hints: ScheduleHints, entries_per_day: float | None,
    rng: random.Random | None = None, *, floor_s: float | None = None,
) -> tuple[datetime, float]:
    """(next poll time, un-jittered interval in seconds); ``floor_s``: at least this long (a feed
    whose WebSub pushes arrive is only checked now and then, ``ingest.websub``)."""
    interval = max(poll_interval(settings, hints, entries_per_day), floor_s or 0.0)
    jittered = interval * (rng or random).uniform(1 - JITTER, 1 + JITTER)
    return skip_forward(now + timedelta(seconds=jittered), hints), interval


def backoff_delay(
    consecutive_errors: int, settings: Settings, retry_after: float | None = None,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait after the ``consecutive_errors``-th failure in a row (1 = first)."""
    exponent = min(max(consecutive_errors, 1) - 1, 30)  # 2**30 * anything is past any cap
    delay = min(settings.max_poll_interval_s, settings.min_poll_interval_s * 2 ** exponent)
    delay *= (rng or random).uniform(0.5, 1.0)  # "equal jitter": spread, but never collapse to 0
    if retry_after is not None:
        delay = max(delay, retry_after)
    return min(delay, settings.max_poll_interval_s)


def next_poll_after_error(
    now: datetime, settings: Settings, hints: ScheduleHints, consecutive_errors: int,
    retry_after: float | None = None, rng: random.Random | None = None,
) -> datetime:
    delay = backoff_delay(consecutive_errors, settings, retry_after, rng)
    return skip_forward(now + timedelta(seconds=delay), hints)


def is_healthy(consecutive_errors: int) -> bool:
    return consecutive_errors < UNHEALTHY_AFTER


def skip_forward(when: datetime, hints: ScheduleHints) -> datetime:
    """The first moment at or after ``when`` (UTC) outside skipHours and skipDays."""
    if not hints.skip_hours and not hints.skip_days:
        return when
    for _ in range(24 * 8):  # a week and a day covers every combination
        if when.hour not in hints.skip_hours and when.weekday() not in hints.skip_days:
            return when
        when = (when + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    return when  # every hour skipped: parse.py drops such hints, so this is unreachable in practice


def estimate_entries_per_day(dates: Iterable[datetime | None], now: datetime, previous: float | None) -> float | None:
    """Entries per day over the window the feed shows (oldest entry to now), smoothed with ``previous``.

    Measuring to *now* rather than to the newest entry lets a feed that went quiet slow down.
    """
    dated = [min(date, now) for date in dates if date is not None]
    if not dated:
        return previous
    window_days = max((now - min(dated)).total_seconds() / _DAY_S, 1 / 24)  # at least an hour
    rate = len(dated) / window_days
    if previous is None:
        return rate
    return RATE_SMOOTHING * rate + (1 - RATE_SMOOTHING) * previous


class DueQueue:
    """The feeds a poller polls, each with its one valid due time, in a heap: an entry of a feed
    dropped or rescheduled since it was pushed is stale and skipped when it comes to the top."""

    def __init__(self) -> None:
        self.active: set[str] = set()
        self._due_at: dict[str, datetime] = {}  # active feed -> its one valid heap entry
        self._heap: list[tuple[datetime, str]] = []

    def set_active(self, urls: Iterable[str], due: Callable[[str], datetime]) -> None:
        """Poll exactly ``urls``: a new one is due at ``due(url)``; one dropped is no longer scheduled."""
        wanted = set(urls)
        for url in wanted - self.active:  # newly ours: due when the store says (another process may have polled it)
            self.schedule(url, due(url))
        for url in self.active - wanted:
            self._due_at.pop(url, None)  # its heap entry is now stale; a poll already running finishes
        self.active = wanted

    def schedule(self, url: str, when: datetime) -> None:
        self._due_at[url] = when
        heapq.heappush(self._heap, (when, url))

    def due_at(self, url: str) -> datetime | None:
        return self._due_at.get(url)

    def next_due(self) -> datetime | None:
        """The earliest entry's time (perhaps a stale one), None when the heap is empty."""
        return self._heap[0][0] if self._heap else None

    def pop_due(self, now: datetime, busy: Collection[str]) -> str | None:
        """The next feed due by ``now`` that is not being polled (``busy``), or None."""
        while self._heap and self._heap[0][0] <= now:
            due, url = heapq.heappop(self._heap)
            if self._due_at.get(url) != due or url in busy:
                continue  # no longer ours, rescheduled, or being polled (its entry comes back after)
            return url
        return None


def stored_due_times(feeds: FeedStore) -> dict[str, datetime | None] | None:
    """Every stored feed's next_poll_at (None when the store cannot be read: nothing changes)."""
    try:
        due_times = getattr(feeds, "due_times", None)
        if due_times is not None:
            return due_times()
        return {state.url: state.next_poll_at for state in feeds.list_feeds()}
    except Exception:  # the database being down must not stop polling
        log.exception("could not read the feed list")
        return None
