"""What ingest needs to remember between polls, and who remembers it.

Ingest talks to these protocols only; ``storage.feedstore.SqlFeedStore`` implements them on the
database, and the CLI hands one to the pollers. Keeping the contract here lets ingest and storage
stay ignorant of each other, and makes "what counts as seen is what the database holds" explicit:
an entry published to the broker but never stored is not seen, and is fetched again after a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Protocol, Sequence


@dataclass
class FeedState:
    """Per-feed memory and health. Timestamps are UTC."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_poll_at: datetime | None = None
    next_poll_at: datetime | None = None
    last_success_at: datetime | None = None
    consecutive_errors: int = 0
    last_error: str | None = None
    entries_seen: int = 0
    entries_per_day: float | None = None
    interval_s: float | None = None
    healthy: bool = True
    extra: dict = field(default_factory=dict)  # schedule hints (ttl, skipHours...) kept as parsed


@dataclass(frozen=True)
class StoredVersion:
    """A stored version of an article (the newest, for ingest), as the database holds it."""

    article_id: str
    version: int
    content_hash: str
    captured_at: datetime | None = None  # its fetched_at: for a replay, when the archive captured it


def next_version(latest: StoredVersion | None, text_hash: str) -> int | None:
    """The version a newly fetched text gets: 1 if unknown, newest + 1 if changed, None if unchanged.

    Ingest and replay both decide versions this way, so a page reached either way is one article.
    """
    if latest is None:
        return 1
    return None if latest.content_hash == text_hash else latest.version + 1


def replay_version(known: Sequence[StoredVersion], text_hash: str) -> int | None:
    """The version an archived capture gets: None if its text equals *any* known version (it is that
    version), else the newest number + 1. Replay then settles the order by capture time
    (``newswire.app.version_ledger.VersionLedger``), so the numbers do not depend on the order files are read in."""
    if any(version.content_hash == text_hash for version in known):
        return None
    return max((version.version for version in known), default=0) + 1


class FeedStore(Protocol):
    def list_feeds(self) -> list[FeedState]: ...

    def get(self, url: str) -> FeedState | None: ...

    def save(self, state: FeedState) -> None: ...

    def add(self, url: str, title: str | None = None) -> bool: ...

    def remove(self, url: str) -> bool: ...


class SeenStore(Protocol):
    def latest_versions(
        self, *, guids: Iterable[str] = (), canonical_urls: Iterable[str] = (), article_ids: Iterable[str] = ()
    ) -> dict[str, StoredVersion]:
        """Stored articles matching any of the keys, keyed by the guid / URL / id that matched."""
        ...


@dataclass
class Subscription:
    """A WebSub subscription of one feed (``ingest.websub``); timestamps are UTC.

    ``state``: ``new`` (to request), ``requested`` (asked; the hub has not verified yet), ``active``
    (verified; pushes accepted), ``unsubscribing``, ``denied`` (the hub said no; asked again later).
    ``secret`` signs every push (HMAC, ``X-Hub-Signature``); it and ``callback_id`` (the callback URL's
    last segment) stay for the subscription's life, so a restarted ingest still checks pushes.
    """

    feed_url: str
    topic: str  # the URL the hub knows the feed by (its rel="self", else the feed URL)
    hub: str
    callback_id: str
    secret: str
    state: str = "new"
    lease_s: int | None = None  # granted by the hub at verification
    requested_at: datetime | None = None  # latest (un)subscribe request sent
    verified_at: datetime | None = None  # latest verification of intent answered
    expires_at: datetime | None = None
    last_push_at: datetime | None = None
    missed_at: datetime | None = None  # a poll found an entry no push brought
    pushes: int = 0
    attempts: int = 0  # requests in a row that failed (backoff)
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    hubs: list[str] = field(default_factory=list)  # every hub the feed announces, in discovery order; ``hub``
    # is one of them (the first, else the next after a failure: ingest.websub)


class SubscriptionStore(Protocol):
    def list_subscriptions(self) -> list[Subscription]: ...

    def by_callback(self, callback_id: str) -> Subscription | None: ...

    def save_subscription(self, subscription: Subscription) -> None: ...

    def delete_subscription(self, feed_url: str) -> None: ...
