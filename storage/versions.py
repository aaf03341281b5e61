"""Every stored version of an article, for replay's versions-by-content (see ``newswire.history``).

``stored_versions`` says which texts an article already has and when each was captured (its
``fetched_at``); ``article_rows`` and ``drop_versions`` let a replay renumber an article whose captures
arrived out of capture-time order: the versions whose number changes are deleted with their figures,
events and extraction marker, and published again under the right number.
"""

from __future__ import annotations

from typing import Iterable

from sqlalchemy import Engine, and_, delete, select

from newswire.feeds import StoredVersion
from newswire.storage.db import chunked
from newswire.storage.models import Article, Event, Extraction, Figure

IN_CLAUSE_CHUNK = 500


def stored_versions(engine: Engine, article_ids: Iterable[str]) -> dict[str, list[StoredVersion]]:
    """article_id -> its stored versions, oldest number first."""
    table = Article.__table__
    found: dict[str, list[StoredVersion]] = {}
    with engine.connect() as conn:
        for chunk in chunked(sorted(set(article_ids)), IN_CLAUSE_CHUNK):
            rows = conn.execute(select(table.c.article_id, table.c.version, table.c.content_hash, table.c.fetched_at)
                                .where(table.c.article_id.in_(list(chunk))).order_by(table.c.version))
            for article_id, version, content_hash, fetched_at in rows:
                found.setdefault(article_id, []).append(StoredVersion(article_id, version, content_hash, fetched_at))
    return found


def article_rows(engine: Engine, article_id: str) -> list[Article]:
    """Every stored version of one article, as rows."""
    from sqlmodel import Session

    with Session(engine) as session:
        return list(session.execute(select(Article).where(Article.article_id == article_id)
                                    .order_by(Article.version)).scalars())


def drop_versions(engine: Engine, article_id: str, versions: Iterable[int]) -> None:
    """Delete these versions of an article and everything extracted from them, in one transaction."""
    versions = sorted(set(versions))
    if not versions:
        return
    with engine.begin() as conn:
        articles = Article.__table__
        conn.execute(delete(articles).where(and_(articles.c.article_id == article_id,
                                                 articles.c.version.in_(versions))))
        for model in (Figure, Event, Extraction):
            table = model.__table__
            conn.execute(delete(table).where(and_(table.c.article_id == article_id,
                                                  table.c.article_version.in_(versions))))
