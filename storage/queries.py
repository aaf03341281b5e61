"""Read-only queries for the CLI (``status``, ``figures``, ``events``, ``deadletters``): plain dicts out.

Time filters (``since``/``until``, aware datetimes; naive ones are taken as UTC) apply to the
article's publication time. ``text`` is a case-insensitive substring of the sentence. Figures and
events come from the newest stored version of their article unless ``latest_only=False``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.sql import ColumnElement

from newswire.storage.mapping import utc
from newswire.storage.models import Article, DeadLetter, Event, Extraction, Feed, Figure
from newswire.storage.substring import contains

_articles = Article.__table__
_figures = Figure.__table__
_events = Event.__table__
_dead = DeadLetter.__table__


def count_rows(engine: Engine) -> dict[str, int]:
    """Rows a table: articles (versions), figures, events, extractions, dead_letters, feeds."""
    tables = {"articles": _articles, "figures": _figures, "events": _events,
              "extractions": Extraction.__table__, "dead_letters": _dead, "feeds": Feed.__table__}
    with engine.connect() as conn:
        return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in tables.items()}


def _newest_version_of(table) -> ColumnElement:
    stored = _articles.alias("stored")
    newest = (select(func.max(stored.c.version)).where(stored.c.article_id == table.c.article_id)
              .correlate(table).scalar_subquery())
    return table.c.article_version == func.coalesce(newest, table.c.article_version)


def _filters(conn: Connection, table, since: datetime | None, until: datetime | None, text: str | None,
             latest_only: bool) -> list[ColumnElement]:
    where: list[ColumnElement] = []
    if since is not None:
        where.append(table.c.published_at >= utc(since))
    if until is not None:
        where.append(table.c.published_at < utc(until))
    if text:
        where.append(contains(conn, table.c.sentence, text))
    if latest_only:
        where.append(_newest_version_of(table))
    return where


def _with_article(table, where: list[ColumnElement], limit: int, id_column: str) -> Any:
    join = table.outerjoin(_articles, (_articles.c.article_id == table.c.article_id)
                           & (_articles.c.version == table.c.article_version))
    return (
        select(table, _articles.c.title.label("article_title"), _articles.c.url.label("article_url"),
               _articles.c.canonical_url.label("article_canonical_url"), _articles.c.site.label("article_site"))
        .select_from(join).where(*where)
        .order_by(table.c.published_at.desc().nulls_last(), table.c.article_id, table.c.start, table.c[id_column])
        .limit(limit)
    )


def list_figures(
    engine: Engine, category: str | None = None, source: str | None = None, since: datetime | None = None,
    until: datetime | None = None, text: str | None = None, limit: int = 100, latest_only: bool = True,
) -> list[dict[str, Any]]:
    """Figures, newest publication first, each with its article's title and URL (None if not stored yet)."""
    with engine.connect() as conn:
        where = _filters(conn, _figures, since, until, text, latest_only)
        if category:
            where.append(_figures.c.category == category)
        if source:
            where.append(contains(conn, _figures.c.source, source))
        return [dict(row._mapping) for row in conn.execute(_with_article(_figures, where, limit, "figure_id"))]


def list_events(
    engine: Engine, type: str | None = None, since: datetime | None = None, until: datetime | None = None,
    text: str | None = None, limit: int = 100, latest_only: bool = True,
) -> list[dict[str, Any]]:
    """Events, newest publication first, each with its article's title and URL (None if not stored yet)."""
    with engine.connect() as conn:
        where = _filters(conn, _events, since, until, text, latest_only)
        if type:
            where.append(_events.c.type == type)
        return [dict(row._mapping) for row in conn.execute(_with_article(_events, where, limit, "event_id"))]


def dead_letter_counts(engine: Engine) -> dict[str, int]:
    """Dead letters by reason, most frequent first."""
    count = func.count().label("n")
    query = select(_dead.c.reason, count).group_by(_dead.c.reason).order_by(count.desc(), _dead.c.reason)
    with engine.connect() as conn:
        return {reason: n for reason, n in conn.execute(query)}


def list_dead_letters(engine: Engine, reason: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """The most recent dead letters (optionally of one reason), newest first."""
    query = select(_dead).order_by(_dead.c.failed_at.desc(), _dead.c.id).limit(limit)
    if reason:
        query = query.where(_dead.c.reason == reason)
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


# --- stories and timelines (the stories stage's tables) -----------------------------------------
def list_stories(engine: Engine, since: datetime | None = None, until: datetime | None = None,
                 search: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Stories seen in [since, until) (any overlap), latest first; ``search``: in the title or a member's title."""
    from newswire.storage.models import Story
    from newswire.storage.story_reads import story_filters

    stories = Story.__table__
    where = story_filters(since, until, search)
    query = (select(stories.c.story_id, stories.c.title, stories.c.first_seen_at.label("first_seen"),
                    stories.c.last_seen_at.label("last_seen"), stories.c.articles, stories.c.outlets,
                    stories.c.places)
             .where(*where).order_by(stories.c.last_seen_at.desc(), stories.c.story_id).limit(limit))
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
    for row in rows:
        row["first_seen"], row["last_seen"] = utc(row["first_seen"]), utc(row["last_seen"])
    return rows


def list_observations(engine: Engine, story_ids: list[str], category: str | None = None,
                      source: str | None = None) -> list[dict[str, Any]]:
    """The observations of these stories' figure series, in time order."""
    from newswire.storage.models import Observation

    obs = Observation.__table__
    where: list[ColumnElement] = [obs.c.story_id.in_(story_ids)]
    if category:
        where.append(obs.c.category == category)
    if source:
        where.append(obs.c.source.icontains(source, autoescape=True))
    query = select(obs).where(*where).order_by(obs.c.as_of, obs.c.reported_at, obs.c.series_id, obs.c.value)
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
    for row in rows:
        row["reported_at"] = utc(row["reported_at"])
    return rows


def story_ids_with_prefix(engine: Engine, prefix: str) -> list[str]:
    """The story ids starting with ``prefix`` (a full id, or the prefix a table shows)."""
    from newswire.storage.models import Story

    stories = Story.__table__
    with engine.connect() as conn:
        return list(conn.execute(select(stories.c.story_id).where(
            stories.c.story_id.startswith(prefix.strip().lower(), autoescape=True))).scalars())
