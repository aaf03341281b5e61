"""Every stored version of an article: what replay, reprocess and recovery ask the database.

For replay's versions-by-content (see ``newswire.app.history``): ``stored_versions`` says which texts an article already has and when each was captured (its
``fetched_at``); ``article_rows`` and ``drop_versions`` let a replay renumber an article whose captures
arrived out of capture-time order: the versions whose number changes are deleted with their figures,
events and extraction marker, and published again under the right number.

For "stored" (replay waits for it, and a broker loss re-publishes what lacks it): ``stored_keys`` (the
extraction marker and as many figure and event rows as it counts), ``failed_in_process`` (dead-lettered
by the worker instead), ``known_dead_letters``, ``newest_articles`` (reprocess) and ``unextracted_articles``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable, Iterator

from sqlalchemy import Engine, and_, delete, func, select, tuple_
from sqlmodel import Session

from newswire.feeds import StoredVersion
from newswire.records import ArticleRecord
from newswire.storage.db import chunked
from newswire.storage.mapping import article_record
from newswire.storage.models import Article, DeadLetter, Event, Extraction, Figure

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


def stored_keys(engine: Engine, keys: Iterable[tuple[str, int]], extractor_version: str | None = None,
                chunk: int = 5000) -> set[tuple[str, int]]:
    """The (article_id, version) keys stored completely: the extraction marker (by ``extractor_version``,
    if given) and as many figure and event rows as the marker counts. Results travel on their own
    topics and may land after the marker, so the marker alone does not mean "stored"."""

    # By article id, versions matched here: a (article_id, version) IN list is a full scan on SQLite.
    def counted(model, ids) -> dict[tuple[str, int, str], int]:
        query = (select(model.article_id, model.article_version, model.extractor_version, func.count())
                 .where(model.article_id.in_(ids))
                 .group_by(model.article_id, model.article_version, model.extractor_version))
        return {(aid, version, made_by): n for aid, version, made_by, n in session.execute(query)}

    keys = list(keys)
    done: set[tuple[str, int]] = set()
    with Session(engine) as session:
        for start in range(0, len(keys), chunk):
            wanted = set(keys[start:start + chunk])
            ids = sorted({aid for aid, _ in wanted})
            markers = session.execute(
                select(Extraction.article_id, Extraction.article_version, Extraction.extractor_version,
                       Extraction.figures, Extraction.events)
                .where(Extraction.article_id.in_(ids))).all()
            markers = [m for m in markers if (m[0], m[1]) in wanted
                       and (extractor_version is None or m[2] == extractor_version)]
            if not markers:
                continue
            figures, events = counted(Figure, ids), counted(Event, ids)
            done |= {(aid, version) for aid, version, made_by, n_figures, n_events in markers
                     if figures.get((aid, version, made_by), 0) >= n_figures
                     and events.get((aid, version, made_by), 0) >= n_events}
    return done


def failed_in_process(engine: Engine, article_ids: Iterable[str]) -> set[str]:
    """Of these articles, those the process stage (the worker) dead-lettered."""
    with Session(engine) as session:
        return {row[0] for row in session.execute(
            select(DeadLetter.article_id).where(DeadLetter.stage == "process",
                                                DeadLetter.article_id.in_(set(article_ids))))}


def known_dead_letters(engine: Engine, ids: Iterable[str]) -> set[str]:
    """Of these dead-letter ids (``mapping.dead_letter_id``), those stored already."""
    with Session(engine) as session:
        return set(session.execute(select(DeadLetter.id).where(DeadLetter.id.in_(set(ids)))).scalars())


def newest_articles(engine: Engine, since: datetime | None, until: datetime | None,
                    batch: int = 500) -> Iterator[ArticleRecord]:
    """The newest stored version of every article published in the window (for reprocess)."""
    newest = select(Article.article_id, func.max(Article.version).label("version")).group_by(Article.article_id)
    if since is not None:
        newest = newest.where(Article.published_at >= since)
    if until is not None:
        newest = newest.where(Article.published_at < until)
    newest = newest.subquery()
    query = (select(Article).join(newest, (Article.article_id == newest.c.article_id)
                                  & (Article.version == newest.c.version)).order_by(Article.article_id))
    last = ""
    with Session(engine) as session:
        while True:
            rows = session.execute(query.where(Article.article_id > last).limit(batch)).scalars().all()
            if not rows:
                return
            for row in rows:
                yield article_record(row, reprocess=True)
            last = rows[-1].article_id


def unextracted_articles(engine: Engine, batch: int = 500) -> Iterator[ArticleRecord]:
    """Stored article versions without an extraction marker: their results were in flight when a broker was lost."""
    missing = (select(Article)
               .outerjoin(Extraction, and_(Extraction.article_id == Article.article_id,
                                           Extraction.article_version == Article.version))
               .where(Extraction.article_id.is_(None))
               .order_by(Article.article_id, Article.version))
    last: tuple[str, int] = ("", 0)
    with Session(engine) as session:
        while True:
            rows = session.execute(missing.where(tuple_(Article.article_id, Article.version) > last)
                                   .limit(batch)).scalars().all()
            if not rows:
                return
            for row in rows:
                yield article_record(row)
            last = (rows[-1].article_id, rows[-1].version)
