"""Decides which feed entries the poller fetches: new, changed, or already seen.

What counts as already seen is what the database holds (``SeenStore``), plus what this process
published in the last hour and the database may not hold yet (:class:`InFlight`). The second is not
persisted on purpose: after a crash, entries that never reached the database are fetched again.

Versions: an article's id is the sha256 of its canonical URL (the page's rel=canonical when
trusted, else the URL after redirects). A page whose cleaned text hashes differently from the
newest stored or in-flight version is published as version + 1; the same text is not published.
Stored entries are re-fetched only when their feed entry changed (title, summary, dates, link),
tracked by a fingerprint per entry in ``FeedState.extra["entries"]``: entry key -> ``{"fp"}`` plus
``"aid"`` once published, or ``"tries"`` / ``"gave_up"`` while its page fails.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Iterable

from newswire.ingest.parse import FeedEntry
from newswire.errors import FetchError, PermanentFetchError
from newswire.feeds import FeedState, SeenStore, StoredVersion
from newswire.ids import article_id, canonical_url, sha256_hex

INFLIGHT_TTL_S = 3600.0  # after this, an article the database never stored is fetched again
MAX_ENTRY_TRIES = 3  # transient page failures of one unchanged entry before giving up on it


@dataclass
class EntryWork:
    entry: FeedEntry
    key: str  # guid, else canonical link, else hash of the entry's content
    fingerprint: str


class InFlight:
    """Entries and article versions this process published that the database may not hold yet."""

    def __init__(self) -> None:
        self.keys: dict[str, float] = {}  # entry key / canonical link -> monotonic time published
        self.articles: dict[str, tuple[StoredVersion, float]] = {}
        self.claimed: set[str] = set()  # being fetched right now (two feeds, one article)

    def has(self, *keys: str | None) -> bool:
        return any(key in self.keys or key in self.claimed for key in keys if key)

    def add(self, keys: Iterable[str | None], version: StoredVersion) -> None:
        now = time.monotonic()
        for key in keys:
            if key:
                self.keys[key] = now
        self.articles[version.article_id] = (version, now)

    def prune(self) -> None:
        oldest = time.monotonic() - INFLIGHT_TTL_S
        self.keys = {key: at for key, at in self.keys.items() if at >= oldest}
        self.articles = {aid: item for aid, item in self.articles.items() if item[1] >= oldest}


def select_entries(state: FeedState, entries: Iterable[FeedEntry], seen: SeenStore, inflight: InFlight
                   ) -> tuple[list[EntryWork], dict[str, dict]]:
    """The entries whose page must be fetched, and the memory to keep for the others.

    Counts entries not remembered before in ``state.entries_seen``. The caller adds the fetched
    entries' memory and stores the whole in ``state.extra["entries"]``.
    """
    memory: dict[str, dict] = state.extra.get("entries") or {}
    works = [EntryWork(entry, entry_key(entry), fingerprint(entry)) for entry in entries]
    links = {work.key: canonical_url(work.entry.link) for work in works if work.entry.link}
    # The article id a page resolved to last time (its rel=canonical may differ from the link).
    resolved = {key: entry["aid"] for key, entry in memory.items() if entry.get("aid")}
    # One batched, synchronous query a poll: short next to the HTTP work, so not worth a thread.
    stored = seen.latest_versions(
        guids=[work.entry.guid for work in works if work.entry.guid and not work.entry.link],
        canonical_urls=list(links.values()),
        article_ids=[article_id(link) for link in links.values()] + list(resolved.values()),
    )
    next_memory: dict[str, dict] = {}
    todo: list[EntryWork] = []
    for work in works:
        link = links.get(work.key)
        known = find_stored(stored, work.entry.guid, link, resolved.get(work.key))
        remembered = memory.get(work.key)
        if work.key not in memory:
            state.entries_seen += 1
        if known is not None:
            inflight.keys.pop(work.key, None)  # the database has it now
        if inflight.has(link or work.key):  # by link, as entries.py claims: guids are copied between feeds
            next_memory[work.key] = remembered or {"fp": work.fingerprint}
        elif known is not None and (remembered is None or remembered.get("fp") == work.fingerprint):
            # Stored, and its feed entry did not change.
            next_memory[work.key] = {"fp": work.fingerprint, "aid": known.article_id}
        elif remembered and remembered.get("gave_up") and remembered.get("fp") == work.fingerprint:
            next_memory[work.key] = remembered  # failed for good; retried only if the entry changes
        else:
            todo.append(work)
    return todo, next_memory


def failed_entry_memory(work: EntryWork, remembered: dict | None, error: FetchError) -> dict:
    """What to remember of an entry whose page failed; unchanged entries give up after a few tries."""
    tries = (remembered or {}).get("tries", 0) + 1 if (remembered or {}).get("fp") == work.fingerprint else 1
    gave_up = isinstance(error, PermanentFetchError) or tries >= MAX_ENTRY_TRIES
    return {"fp": work.fingerprint, "tries": tries, "gave_up": gave_up}


def latest_version(seen: SeenStore, inflight: InFlight, aid: str) -> StoredVersion | None:
    """The newest version of an article, stored or published by this process."""
    stored = seen.latest_versions(article_ids=[aid]).get(aid)
    pending = inflight.articles.get(aid)
    if pending is not None and (stored is None or pending[0].version > stored.version):
        return pending[0]
    return stored


def published_elsewhere(state: FeedState, inflight: InFlight) -> set[str]:
    """Article ids the feed's remembered entries were published as by an earlier process (this
    one's are in flight): the ones to check the database still holds."""
    memory = state.extra.get("entries") or {}
    published = {entry["aid"] for entry in memory.values() if isinstance(entry, dict) and entry.get("aid")}
    return published - set(inflight.articles)


def find_stored(stored: dict[str, StoredVersion], guid: str | None, link: str | None, resolved: str | None
                ) -> StoredVersion | None:
    # An entry with a link is its link: feeds copy guids, so a guid finds a stored article only for
    # entries that have no link (the same rule as the in-flight claim).
    keys = (link, article_id(link), resolved) if link else (guid, resolved)
    for key in keys:
        if key and key in stored:
            return stored[key]
    return None


def entry_key(entry: FeedEntry) -> str:
    if entry.guid:
        return entry.guid
    if entry.link:
        return canonical_url(entry.link)
    return "sha256:" + sha256_hex(entry.title, entry.summary, entry.date)


def fingerprint(entry: FeedEntry) -> str:
    return sha256_hex(entry.link, entry.title, entry.summary, entry.published_at, entry.updated_at)[:16]


def has_pending_retries(state: FeedState) -> bool:
    """True when an entry's page failed transiently and has tries left (see failed_entry_memory)."""
    memory = state.extra.get("entries") or {}
    return any(isinstance(entry, dict) and entry.get("tries") and not entry.get("gave_up") for entry in memory.values())
