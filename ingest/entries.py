"""A feed's entries -> fetched, cleaned, published articles: the one path every entry takes, whether
its feed was polled (:mod:`ingest.poller`) or pushed by a WebSub hub (:mod:`ingest.websub`).

Which entries to fetch is :mod:`ingest.dedup`'s decision; each page is fetched, cleaned and
published as a new version unless its text is the newest known. Every failure is a counted dead
letter (``dead_letter``); nothing an entry or a page contains stops the caller.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Callable

from newswire import metrics
from newswire.errors import FetchError, PermanentFetchError
from newswire.feeds import FeedState, SeenStore, StoredVersion, next_version
from newswire.ids import article_id, canonical_url, content_hash
from newswire.ingest import dedup
from newswire.ingest.clean import CleanedArticle, clean_article
from newswire.ingest.fetch import Fetcher, as_fetch_error
from newswire.ingest.parse import FeedEntry, ParsedFeed
from newswire.ingest.poll_report import PollStats
from newswire.records import ArticleRecord
from newswire.settings import Settings

log = logging.getLogger(__name__)

PUSH_MEMORY_CAP = 2000  # entries a feed remembers while pushes add to what its last poll saw


@dataclass(frozen=True)
class EntriesOutcome:
    todo: int  # entries whose page was fetched (new, changed, or retried)
    fresh: int  # of those, entries the feed's memory did not hold (never seen before)
    published: int
    page_errors: list[str]


class EntryIngester:
    def __init__(self, settings: Settings, fetcher: Fetcher, seen: SeenStore, stats: PollStats,
                 inflight: dedup.InFlight, publish_article: Callable[[ArticleRecord], None],
                 dead_letter: Callable[[FetchError, str | None], None]):
        self.settings = settings
        self.stats = stats
        self._fetcher = fetcher
        self._seen = seen
        self._inflight = inflight
        self._publish_article = publish_article
        self._dead_letter = dead_letter

    async def process(self, state: FeedState, parsed: ParsedFeed, *, partial: bool = False) -> EntriesOutcome:
        """Fetch, clean and publish the entries of ``parsed`` that need it; updates ``state``'s memory.

        ``partial``: ``parsed`` holds only some of the feed's entries (a WebSub push): the memory of
        the others is kept (a poll's memory is exactly the feed's entries).
        """
        memory: dict[str, dict] = state.extra.get("entries") or {}
        todo, next_memory = dedup.select_entries(state, parsed.entries, self._seen, self._inflight)
        self.stats.entries_new += len(todo)
        outcomes = await asyncio.gather(*(self._process_entry(state, work, memory.get(work.key)) for work in todo))
        published = 0
        page_errors: list[str] = []
        for work, (was_published, error, remembered) in zip(todo, outcomes):
            next_memory[work.key] = remembered
            published += was_published
            if error is not None:
                page_errors.append(error.reason)
        if partial:
            kept = [key for key in memory if key not in next_memory]
            next_memory = {**{key: memory[key] for key in kept[-PUSH_MEMORY_CAP:]}, **next_memory}
        state.extra["entries"] = next_memory  # a poll: only entries still in the feed, bounded by parse's cap
        fresh = sum(1 for work in todo if work.key not in memory)
        return EntriesOutcome(len(todo), fresh, published, page_errors)

    async def _process_entry(self, state: FeedState, work: dedup.EntryWork, remembered: dict | None
                             ) -> tuple[bool, FetchError | None, dict]:
        entry = work.entry
        link = canonical_url(entry.link) if entry.link else None
        # An article is its link; the entry's guid names it only when there is no link. Feeds copy
        # guids (the Atom spec's sample id is in many), and a guid claimed by another feed's fetch of
        # another page kept this entry waiting for good behind a feed that answers 304.
        claims = {link or work.key}
        if self._inflight.has(*claims):  # another feed is fetching the same article right now
            return False, None, {"fp": work.fingerprint}
        self._inflight.claimed |= claims
        try:
            if entry.bad_link is not None:
                raise PermanentFetchError("bad_url", f"feed entry {entry.guid or entry.title!r} links to "
                                          f"{entry.bad_link!r}, not a usable URL", url=state.url)
            if entry.link is None:
                raise PermanentFetchError("no_link", f"feed entry {entry.guid or entry.title!r} has no link",
                                          url=state.url)
            page = await self._fetcher.fetch_page(entry.link)
            with metrics.STAGE_SECONDS.labels("clean").time():
                cleaned = await asyncio.to_thread(clean_article, page.body, page.url, charset=page.charset,
                                                  max_bytes=self.settings.max_response_bytes)
            metrics.ARTICLES_CLEANED.inc()
            was_published, aid = self._publish(state, entry, page.url, cleaned, claims)
            return was_published, None, {"fp": work.fingerprint, "aid": aid}
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            error = as_fetch_error(entry.link, exc)
            self.stats.errors[error.reason] += 1
            state.last_error = f"page {entry.link}: {error}"
            log.info("article failed: %s", error, extra={"feed_url": state.url, "url": entry.link, "reason": error.reason})
            self._dead_letter(error, entry.link or state.url)
            return False, error, dedup.failed_entry_memory(work, remembered, error)
        finally:
            self._inflight.claimed -= claims

    def _publish(self, state: FeedState, entry: FeedEntry, page_url: str, cleaned: CleanedArticle,
                 claims: set[str]) -> tuple[bool, str]:
        """Publish the page as a new version unless its text is the newest known; (published?, article_id)."""
        canonical = canonical_url(cleaned.canonical_url or page_url)
        aid = article_id(canonical)
        text_hash = content_hash(cleaned.text)
        # No await from here to inflight.add: two feeds finishing the same article cannot interleave.
        latest = dedup.latest_version(self._seen, self._inflight, aid)
        version = next_version(latest, text_hash)
        if version is None:
            self.stats.articles_unchanged += 1
            self._inflight.add(claims, latest)
            return False, aid
        record = ArticleRecord(
            article_id=aid,
            version=version,
            url=page_url,
            canonical_url=canonical,
            feed_url=state.url,
            guid=entry.guid,
            title=cleaned.title or entry.title,
            author=cleaned.author,
            site=cleaned.site,
            language=cleaned.language,
            text=cleaned.text,
            content_hash=text_hash,
            published_at=entry.published_at or entry.updated_at or cleaned.published_at,
        )
        self._publish_article(record)
        self._inflight.add(claims | {canonical}, StoredVersion(aid, record.version, text_hash))
        self.stats.articles_published += 1
        return True, aid

