"""Read-only, paged queries for the web interface and its JSON API: plain dicts out.

Every list is ordered by a unique key and paged by keyset (a *cursor* holds the last row's key), so a
page never shifts when rows arrive while someone reads, and a deep page costs what the first one does.
Lists come newest first, each in the order an index of its table reads backwards, so that a page of
a million figures is an index range scan that stops after the page, not a sort of the table: figures
and events as the CLI lists them (``ix_*_listing``: undated rows last, then article, position, id),
articles by ``ix_articles_published_at`` (undated rows first). ``limit`` is capped by the caller (the
API), not here.

Filters: ``since``/``until`` bound the article's publication time (aware datetimes); ``text`` is a
case-insensitive substring of the sentence (figures, events) or title (articles); ``site`` is a
substring of the article's site; ``place`` a substring of an event's location (for figures: the
article has such an event). Figures and events come from the newest stored version of their article.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, NamedTuple, Sequence

from sqlalchemy import Connection, Engine, and_, case, exists, false, func, literal, literal_column, or_, select
from sqlalchemy.sql import ColumnElement

from newswire.storage.mapping import utc
from newswire.storage.models import Article, DeadLetter, Event, Feed, Figure
from newswire.storage.substring import candidate_rowids, contains

_articles = Article.__table__
_figures = Figure.__table__
_events = Event.__table__
_dead = DeadLetter.__table__
_feeds = Feed.__table__

class By(NamedTuple):
    """One column of an ordering. Only the leading column may hold NULLs: a descending one puts them
    before every value (``nulls_last=False``) or after (``nulls_last=True``)."""

    column: ColumnElement
    desc: bool = False
    nulls_last: bool = False


Order = Sequence[By]


def _order_by(order: Order) -> list:
    return [(by.column.desc().nulls_last() if by.nulls_last else by.column.desc().nulls_first()) if by.desc
            else by.column.asc() for by in order]


def _beyond(by: By, value: Any) -> ColumnElement:
    """Rows whose ``by`` column sorts after ``value`` (for a NULLs-last column: among the non-NULL ones;
    ``_page`` reads its NULL rows apart)."""
    if not by.desc:
        return by.column > value
    if value is None:
        return false() if by.nulls_last else by.column.is_not(None)
    return by.column < value


def _same(column: ColumnElement, value: Any) -> ColumnElement:
    return column.is_(None) if value is None else column == value


def _after(order: Order, key: Sequence[Any]) -> ColumnElement:
    """Rows strictly after the row whose ordering key is ``key``."""
    branches = []
    for i, by in enumerate(order):
        branches.append(and_(*[_same(b.column, v) for b, v in zip(order[:i], key[:i])], _beyond(by, key[i])))
    first = order[0]
    if key[0] is None:
        return or_(*branches)
    # The same rows, with a plain bound on the leading column that an index range scan can start from
    # (the OR alone made PostgreSQL read the index from its top on every page: deep pages slowed down).
    return and_(first.column <= key[0] if first.desc else first.column >= key[0], or_(*branches))


def _rows(conn, query, order: Order, after: Sequence[Any] | None, limit: int) -> list[dict[str, Any]]:
    if after is not None:
        query = query.where(_after(order, after))
    return [dict(row._mapping) for row in conn.execute(query.order_by(*_order_by(order)).limit(limit))]


def _page(conn, query, order: Order, key_names: Sequence[str], after: Sequence[Any] | None, limit: int
          ) -> tuple[list[dict[str, Any]], list[Any] | None]:
    """One page of ``query`` and the key of its last row (None when there is no next page).

    A NULLs-last leading column is read as two ranges of its index, one after the other: the rows
    with a value, then (when the page is not full yet) those without; one ``col < v OR col IS NULL``
    would have kept PostgreSQL from starting an index range scan at the cursor."""
    first = order[0]
    if not first.nulls_last:
        rows = _rows(conn, query, order, after, limit + 1)
    else:
        rows = []
        if after is None or after[0] is not None:
            rows = _rows(conn, query.where(first.column.is_not(None)), order, after, limit + 1)
        if len(rows) <= limit:
            rows += _rows(conn, query.where(first.column.is_(None)), order,
                          after if after is not None and after[0] is None else None, limit + 1 - len(rows))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, ([rows[-1][name] for name in key_names] if more and rows else None)


# Figures and events are listed in the order of the backward scan of their listing index (migration
# 0005, ``models.LISTING_INDEXES``; the CLI's order too): newest publication first, undated rows last,
# then by article, position in it, and id. Their page keys (a cursor holds them) follow it.
FIGURE_KEY = ("published_at", "article_id", "start", "figure_id")
EVENT_KEY = ("published_at", "article_id", "start", "event_id")


def _listing_order(table, id_column: str) -> list[By]:
    return [By(table.c.published_at, desc=True, nulls_last=True), By(table.c.article_id), By(table.c.start),
            By(table.c[id_column])]


def _time_filters(column: ColumnElement, since: datetime | None, until: datetime | None) -> list[ColumnElement]:
    where = []
    if since is not None:
        where.append(column >= utc(since))
    if until is not None:
        where.append(column < utc(until))
    return where


def _newest_version_of(table) -> ColumnElement:
    """The row belongs to its article's newest stored version (or to an article not stored yet).

    NOT EXISTS rather than ``version = (SELECT max ...)``: PostgreSQL plans it as an anti-join and
    estimates it well; the max() form made it expect 25 rows of a million and pick a nested loop."""
    newer = _articles.alias("newer")
    return ~exists().where(newer.c.article_id == table.c.article_id, newer.c.version > table.c.article_version)


def _of_site(table, site: str) -> ColumnElement:
    return exists().where(_articles.c.article_id == table.c.article_id, _articles.c.version == table.c.article_version,
                          _articles.c.site.icontains(site, autoescape=True))


def _with_article(table, where: list[ColumnElement]):
    """``table``'s rows with their article's title, URL and site (None when that version of the article
    is not stored yet), joined in the same statement: the join looks each row's article up by primary
    key as the listing index hands the row over, so the order stays the index's and the page costs
    one round trip."""
    article = _articles.alias("article")
    joined = table.outerjoin(article, and_(article.c.article_id == table.c.article_id,
                                           article.c.version == table.c.article_version))
    return (select(table, article.c.title.label("article_title"), article.c.url.label("article_url"),
                   article.c.site.label("article_site")).select_from(joined).where(*where))


def browse_figures(engine: Engine, *, category: str | None = None, source: str | None = None,
                   site: str | None = None, place: str | None = None, since: datetime | None = None,
                   until: datetime | None = None, text: str | None = None, article_id: str | None = None,
                   after: Sequence[Any] | None = None, limit: int = 50):
    """A page of figures (each with its article's title, URL and site) and the next page's key."""
    where = _time_filters(_figures.c.published_at, since, until) + [_newest_version_of(_figures)]
    if category:
        where.append(_figures.c.category == category)
    if site:
        where.append(_of_site(_figures, site))
    if article_id:
        where.append(_figures.c.article_id == article_id)
    with engine.connect() as conn:
        if source:
            where.append(contains(conn, _figures.c.source, source))
        if text:
            where.append(contains(conn, _figures.c.sentence, text))
        if place:
            where.append(_with_event_at(conn, _figures, place))
        return _page(conn, _with_article(_figures, where), _listing_order(_figures, "figure_id"), FIGURE_KEY, after,
                     limit)


def _with_event_at(conn: Connection, table, place: str) -> ColumnElement:
    """``table``'s row belongs to an article version with an event whose location holds ``place``."""
    if "\x00" in place:  # as ``substring.contains``: no stored location holds a NUL
        return false()
    where = exists().where(_events.c.article_id == table.c.article_id,
                           _events.c.article_version == table.c.article_version,
                           _events.c.location.icontains(place, autoescape=True))
    rowids = candidate_rowids(conn, _events.c.location, place)
    if rowids is None:
        return where
    # a rare place: its few articles, looked up by the primary key's first column, not the whole listing
    found = conn.execute(select(_events.c.article_id).distinct()
                         .where(literal_column("events.rowid").in_(rowids))).scalars().all() if rowids else []
    return table.c.article_id.in_(found) & where if found else false()


def browse_events(engine: Engine, *, type: str | None = None, site: str | None = None, place: str | None = None,
                  since: datetime | None = None, until: datetime | None = None, text: str | None = None,
                  article_id: str | None = None, after: Sequence[Any] | None = None, limit: int = 50):
    """A page of events (each with its article's title, URL and site) and the next page's key."""
    where = _time_filters(_events.c.published_at, since, until) + [_newest_version_of(_events)]
    if type:
        where.append(_events.c.type == type)
    if site:
        where.append(_of_site(_events, site))
    if article_id:
        where.append(_events.c.article_id == article_id)
    with engine.connect() as conn:
        if place:
            where.append(contains(conn, _events.c.location, place))
        if text:
            where.append(contains(conn, _events.c.sentence, text))
        return _page(conn, _with_article(_events, where), _listing_order(_events, "event_id"), EVENT_KEY, after,
                     limit)


_ARTICLE_LIST_COLUMNS = [c for c in _articles.c if c.name != "text"]


def browse_articles(engine: Engine, *, site: str | None = None, since: datetime | None = None,
                    until: datetime | None = None, text: str | None = None, after: Sequence[Any] | None = None,
                    limit: int = 50):
    """A page of articles (newest stored version each, without the text) and the next page's key."""
    newer = _articles.alias("newer")
    newest = ~exists().where(newer.c.article_id == _articles.c.article_id, newer.c.version > _articles.c.version)
    where = _time_filters(_articles.c.published_at, since, until) + [newest]
    if site:
        where.append(_articles.c.site.icontains(site, autoescape=True))
    if text:
        where.append(_articles.c.title.icontains(text, autoescape=True))
    query = select(*_ARTICLE_LIST_COLUMNS).where(*where)
    order = [By(_articles.c.published_at, desc=True), By(_articles.c.article_id, desc=True)]
    with engine.connect() as conn:
        return _page(conn, query, order, ["published_at", "article_id"], after, limit)


def get_article(engine: Engine, article_id: str, version: int | None = None) -> dict[str, Any] | None:
    """One stored article (its newest version unless ``version``) with its figures and events, by span."""
    query = select(_articles).where(_articles.c.article_id == article_id)
    query = query.where(_articles.c.version == version) if version is not None else query
    with engine.connect() as conn:
        row = conn.execute(query.order_by(_articles.c.version.desc()).limit(1)).first()
        if row is None:
            return None
        article = dict(row._mapping)
        versions = conn.execute(select(_articles.c.version).where(_articles.c.article_id == article_id)
                                .order_by(_articles.c.version)).scalars().all()
        article["versions"] = list(versions)
        for name, table in (("figures", _figures), ("events", _events)):
            article[name] = [dict(r._mapping) for r in conn.execute(
                select(table).where(table.c.article_id == article_id, table.c.article_version == article["version"])
                .order_by(table.c.start, table.c.end))]
    return article


def recent_articles_per_feed(engine: Engine, now: datetime) -> dict[str, tuple[int, int]]:
    """Articles (first versions) each feed brought in the 24 hours and 7 days before ``now``, by fetch time."""
    day, week = now - timedelta(days=1), now - timedelta(days=7)
    query = (select(_articles.c.feed_url, func.sum(case((_articles.c.fetched_at >= day, 1), else_=0)), func.count())
             .where(_articles.c.fetched_at >= week, _articles.c.version == 1, _articles.c.feed_url.is_not(None))
             .group_by(_articles.c.feed_url))
    with engine.connect() as conn:
        return {url: (int(day_n), int(week_n)) for url, day_n, week_n in conn.execute(query)}


def browse_feeds(engine: Engine, *, failing_only: bool = False, after: Sequence[Any] | None = None, limit: int = 100):
    """A page of feeds, failing ones (unhealthy, or an error streak) first, most consecutive errors
    first, then by URL; each row's ``working`` says whether it is failing."""
    failing = case((or_(_feeds.c.healthy == false(), _feeds.c.consecutive_errors > 0), 0), else_=1)
    query = select(_feeds, failing.label("rank"))
    if failing_only:
        query = query.where(failing == 0)
    order = [By(failing), By(-_feeds.c.consecutive_errors), By(_feeds.c.url)]
    with engine.connect() as conn:
        rows, key = _page(conn, query, order, ["rank", "consecutive_errors", "url"], after, limit)
    if key is not None:
        key[1] = -key[1]
    for row in rows:
        row["working"] = row.pop("rank") == 1
    return rows, key


def count_feeds(engine: Engine) -> dict[str, int]:
    failing = or_(_feeds.c.healthy == false(), _feeds.c.consecutive_errors > 0)
    with engine.connect() as conn:
        total, bad = conn.execute(select(func.count(), func.coalesce(func.sum(case((failing, 1), else_=0)), 0))
                                  .select_from(_feeds)).one()
    return {"feeds": int(total), "failing": int(bad)}


def browse_dead_letters(engine: Engine, *, reason: str | None = None, after: Sequence[Any] | None = None,
                        limit: int = 50):
    """A page of dead letters, newest first, and the next page's key."""
    query = select(_dead)
    if reason:
        query = query.where(_dead.c.reason == reason)
    order = [By(_dead.c.failed_at, desc=True), By(_dead.c.id, desc=True)]
    with engine.connect() as conn:
        return _page(conn, query, order, ["failed_at", "id"], after, limit)


def counts_per_hour(engine: Engine, *, since: datetime, until: datetime) -> dict[str, dict[str, int]]:
    """Articles (first versions), figures and events per hour of publication in [since, until):
    ``{"articles": {"2026-03-01T12": n, ...}, ...}`` (hours with none are left out)."""
    found: dict[str, dict[str, int]] = {}
    with engine.connect() as conn:
        postgres = conn.dialect.name == "postgresql"
        for name, table, extra in (("articles", _articles, [_articles.c.version == 1]),
                                   ("figures", _figures, []), ("events", _events, [])):
            column = table.c.published_at
            hour = (func.to_char(func.date_trunc("hour", func.timezone("UTC", column)), literal("YYYY-MM-DD HH24"))
                    if postgres else func.substr(column, 1, 13))
            query = (select(hour.label("hour"), func.count()).where(column >= utc(since), column < utc(until), *extra)
                     .group_by(hour))
            found[name] = {str(h).replace(" ", "T"): int(n) for h, n in conn.execute(query)}
    return found
