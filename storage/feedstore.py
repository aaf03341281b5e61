"""``SqlFeedStore``: ingest's memory (feed state, seen articles) kept in the database.

Implements ``newswire.feeds.FeedStore`` and ``newswire.feeds.SeenStore``. "Seen" means stored by
the sink: an article published to the broker but lost before the database committed it is not seen,
and ingest fetches it again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from sqlalchemy import Engine, delete, update
from sqlmodel import Session, select

from newswire.feeds import FeedState, StoredVersion
from newswire.storage import mapping
from newswire.storage.db import chunked, upsert
from newswire.storage.models import Article, Feed

IN_CLAUSE_CHUNK = 500


class SqlFeedStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    # --- FeedStore ---------------------------------------------------------------------------------

    def list_feeds(self) -> list[FeedState]:
        with Session(self.engine) as session:
            return [mapping.feed_state(row) for row in session.exec(select(Feed).order_by(Feed.url)).all()]

    def get(self, url: str) -> FeedState | None:
        with Session(self.engine) as session:
            row = session.get(Feed, url)
            return mapping.feed_state(row) if row is not None else None

    def save(self, state: FeedState) -> None:
        with self.engine.begin() as conn:
            upsert(conn, Feed.__table__, [mapping.feed_row(state)], ["url"])

    def add(self, url: str, title: str | None = None) -> bool:
        """Start following ``url``; False if it is followed already (its state is kept)."""
        with self.engine.begin() as conn:
            return upsert(conn, Feed.__table__, [mapping.feed_row(FeedState(url=url, title=title))],
                          ["url"], update=False) > 0

    def add_many(self, feeds: Iterable[tuple[str, str | None]]) -> int:
        """Follow every ``(url, title)`` in one transaction (all or none); returns how many were new."""
        rows = [mapping.feed_row(FeedState(url=url, title=title)) for url, title in feeds]
        with self.engine.begin() as conn:
            return upsert(conn, Feed.__table__, rows, ["url"], update=False)

    def request_poll(self, urls: Iterable[str] | None = None, *, at: datetime) -> list[str]:
        """Make feeds due at ``at`` (every feed when ``urls`` is None); returns the URLs it changed.

        Only ``next_poll_at`` is written, so the feed's other state (ETag, entries, error streak)
        stays. A running ingest re-reads the due times every minute (``ingest.poller``); a stopped one
        starts with these feeds.
        """
        table = Feed.__table__
        with self.engine.begin() as conn:
            query = select(table.c.url)
            if urls is not None:
                wanted = sorted(set(urls))
                if not wanted:
                    return []
                query = query.where(table.c.url.in_(wanted))
            found = sorted(conn.execute(query).scalars())
            for chunk in chunked(found, IN_CLAUSE_CHUNK):
                conn.execute(update(table).where(table.c.url.in_(list(chunk))).values(next_poll_at=at))
        return found

    def due_times(self) -> dict[str, datetime | None]:
        """Every feed's ``next_poll_at``: one light query (no state blobs) for the poller's minute check."""
        table = Feed.__table__
        with self.engine.connect() as conn:
            return {url: mapping.utc(due) for url, due in conn.execute(select(table.c.url, table.c.next_poll_at))}

    def remove(self, url: str) -> bool:
        with self.engine.begin() as conn:
            return conn.execute(delete(Feed.__table__).where(Feed.__table__.c.url == url)).rowcount > 0

    # --- SeenStore ---------------------------------------------------------------------------------

    def latest_versions(
        self, *, guids: Iterable[str] = (), canonical_urls: Iterable[str] = (), article_ids: Iterable[str] = ()
    ) -> dict[str, StoredVersion]:
        """The newest stored version of each article a key names, keyed by that guid / URL / id."""
        table = Article.__table__
        wanted = {"guid": set(guids), "canonical_url": set(canonical_urls), "article_id": set(article_ids)}
        owners: dict[str, set[str]] = {}  # key -> article ids it names
        with self.engine.connect() as conn:
            for column, keys in wanted.items():
                for chunk in chunked(sorted(keys), IN_CLAUSE_CHUNK):
                    rows = conn.execute(select(table.c[column], table.c.article_id).distinct()
                                        .where(table.c[column].in_(list(chunk))))
                    for key, article_id in rows:
                        owners.setdefault(key, set()).add(article_id)
            ids = sorted(set().union(*owners.values())) if owners else []
            newest: dict[str, StoredVersion] = {}
            for chunk in chunked(ids, IN_CLAUSE_CHUNK):
                rows = conn.execute(select(table.c.article_id, table.c.version, table.c.content_hash)
                                    .where(table.c.article_id.in_(list(chunk))))
                for article_id, version, content_hash in rows:
                    if article_id not in newest or version > newest[article_id].version:
                        newest[article_id] = StoredVersion(article_id, version, content_hash)
        return {
            key: max((newest[a] for a in article_ids_ if a in newest), key=lambda s: (s.version, s.article_id))
            for key, article_ids_ in owners.items()
        }
