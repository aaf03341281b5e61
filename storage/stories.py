"""The stories stage's SQL: what it has yet to place, what it restores at start, and its batch write.

The stage's progress is its own rows: an article is placed when it has a ``story_articles`` row, and
a batch's rows (placements, stories, observations) are written in one transaction, so a process
killed at any point leaves either the whole batch or none of it, and the next one carries on from
the articles that have no row yet. An article is ready once its extraction marker is stored (its
figures and events are then complete).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable

from sqlalchemy import Engine, and_, bindparam, false, func, or_, select, update

from newswire.storage.db import chunked, upsert
from newswire.storage.mapping import utc
from newswire.storage.models import Article, Event, Extraction, Figure, Observation, Story, StoryArticle

_articles, _figures, _events = Article.__table__, Figure.__table__, Event.__table__
_stories, _placed, _observations = Story.__table__, StoryArticle.__table__, Observation.__table__
_extractions = Extraction.__table__

Row = dict[str, Any]

# What the stage reads of a pending article, its figures and its events (``processors.storyline``'s
# ArticleLike, FigureLike and EventLike): not the other columns, whose JSON and timestamps cost more to
# decode than the stage spends on the rest of an article's read
ARTICLE_COLUMNS = ("article_id", "version", "url", "canonical_url", "title", "site", "text", "published_at",
                   "fetched_at")
FIGURE_COLUMNS = ("figure_id", "category", "value", "value_max", "qualifier", "source", "anchor_kind",
                  "anchor_date", "anchor_phrase", "sentence", "start", "end", "published_at", "place")
EVENT_COLUMNS = ("type", "actors", "location")


def pending_articles(engine: Engine, limit: int, horizon: datetime | None = None,
                     only: list[str] | None = None) -> list[Row]:
    """Up to ``limit`` extracted, unplaced articles (first stored version), oldest first, with figures and events.

    ``horizon``: only articles published at or after it (or with no publication time), so that the
    query reads the recent part of the table (by the ``published_at`` index), not all of it;
    ``only``: only these article ids (see :func:`unplaced_ids`).
    """
    seen_at = func.coalesce(_articles.c.published_at, _articles.c.fetched_at)
    recent = [] if horizon is None else [or_(_articles.c.published_at >= utc(horizon),
                                             _articles.c.published_at.is_(None))]
    if only is not None:
        recent.append(_articles.c.article_id.in_(only))
    query = (
        select(*(_articles.c[name] for name in ARTICLE_COLUMNS), seen_at.label("seen_at"))
        .join(_extractions, and_(_extractions.c.article_id == _articles.c.article_id,
                                 _extractions.c.article_version == _articles.c.version))
        .outerjoin(_placed, _placed.c.article_id == _articles.c.article_id)
        .where(_placed.c.article_id.is_(None), *recent)
        .order_by(seen_at, _articles.c.article_id, _articles.c.version)
        .limit(limit)
    )
    with engine.connect() as conn:
        rows: dict[str, Row] = {}
        for row in conn.execute(query):
            rows.setdefault(row.article_id, row._asdict())  # lowest version first (_asdict: no key view a row)
        keys = [(r["article_id"], r["version"]) for r in rows.values()]
        for article in rows.values():
            article["figures"], article["events"] = [], []
        for table, name, columns in ((_figures, "figures", FIGURE_COLUMNS), (_events, "events", EVENT_COLUMNS)):
            for part in chunked(keys, 500):
                ids = [k[0] for k in part]
                for row in conn.execute(select(*(table.c[c] for c in ("article_id", "article_version", *columns)))
                                        .where(table.c.article_id.in_(ids))
                                        .order_by(table.c.article_id, table.c.start, table.c.end)):
                    article = rows[row.article_id]
                    if row.article_version == article["version"]:
                        article[name].append(row._asdict())
    return list(rows.values())


def unplaced_ids(engine: Engine, limit: int) -> list[str]:
    """Up to ``limit`` ids of extracted articles with no placement, of any publication time: a walk of the
    narrow extraction markers' key and of the placements' key, not of the articles' rows."""
    query = (select(_extractions.c.article_id).distinct()
             .join(_articles, and_(_articles.c.article_id == _extractions.c.article_id,
                                   _articles.c.version == _extractions.c.article_version))
             .outerjoin(_placed, _placed.c.article_id == _extractions.c.article_id)
             .where(_placed.c.article_id.is_(None)).limit(limit))
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())


def placed_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(_placed)).scalar_one()


def newest_seen(engine: Engine) -> datetime | None:
    with engine.connect() as conn:
        return utc(conn.execute(select(func.max(_placed.c.seen_at))).scalar_one())


def active_stories(engine: Engine, since: datetime) -> list[tuple[Row, list[str]]]:
    """Stories seen at or after ``since``, each with its member article ids."""
    with engine.connect() as conn:
        stories = [dict(r._mapping) for r in conn.execute(
            select(*(c for c in _stories.c if c.name != "titles"))
            .where(_stories.c.last_seen_at >= utc(since)).order_by(_stories.c.story_id))]
        members: dict[str, list[str]] = {s["story_id"]: [] for s in stories}
        for part in chunked(list(members), 500):
            for row in conn.execute(select(_placed.c.article_id, _placed.c.story_id)
                                    .where(_placed.c.story_id.in_(part))
                                    .order_by(_placed.c.seen_at, _placed.c.article_id)):
                members[row.story_id].append(row.article_id)
    return [(s, members[s["story_id"]]) for s in stories]


def placed_since(engine: Engine, since: datetime) -> list[Row]:
    """Placed articles seen at or after ``since`` (texts of their first version), in the order they are seen."""
    first = (select(func.min(_articles.c.version)).where(_articles.c.article_id == _placed.c.article_id)
             .correlate(_placed).scalar_subquery())
    query = (select(_placed.c.article_id, _placed.c.duplicate_of, _placed.c.seen_at, _articles.c.text)
             .join(_articles, and_(_articles.c.article_id == _placed.c.article_id, _articles.c.version == first))
             .where(_placed.c.seen_at >= utc(since)).order_by(_placed.c.seen_at, _placed.c.article_id))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def write_batch(engine: Engine, placements: list[Row], stories: list[Row], observations: list[Row]) -> dict[str, int]:
    """One transaction: the placements, the stories (version + 1 each), observations merged with stored ones.
    Returns each story's new version."""
    rows: list[Row] = []
    with engine.begin() as conn:
        upsert(conn, _placed, placements, ["article_id"], update=False)
        if stories:
            ids = [s["story_id"] for s in stories]
            versions = dict(conn.execute(select(_stories.c.story_id, _stories.c.version)
                                         .where(_stories.c.story_id.in_(ids))).all())
            rows = [{**s, "version": versions.get(s["story_id"], 0) + 1,
                     "published_version": 0} for s in stories]
            upsert(conn, _stories, [{k: v for k, v in r.items() if k != "published_version"} for r in rows
                                    if r["story_id"] in versions], ["story_id"])
            upsert(conn, _stories, [r for r in rows if r["story_id"] not in versions], ["story_id"])
        add_titles(conn, {p["article_id"]: p["story_id"] for p in placements}, {s["story_id"] for s in stories})
        if observations:
            stored = {r.observation_id: dict(r._mapping) for part in chunked(
                [o["observation_id"] for o in observations], 500) for r in conn.execute(
                select(_observations).where(_observations.c.observation_id.in_(part)))}
            upsert(conn, _observations, [merge_observation(stored.get(o["observation_id"]), o)
                                         for o in observations], ["observation_id"])
    return {r["story_id"]: r["version"] for r in rows}


def merge_titles(titles: str | None, more: Iterable[str | None]) -> str | None:
    """``titles`` (newline-separated) with each of ``more`` that is not in it yet appended; empty ones left
    out. A search term holds no newline (``newswire.app.web.params.search_text``), so a match of the
    whole never spans two titles: ``titles ILIKE '%term%'`` is "the term is in one of the titles"."""
    merged = titles or ""
    lines = set(merged.split("\n"))
    for title in more:
        if not title or title in lines or ("\n" in title and f"\n{title}\n" in f"\n{merged}\n"):
            continue
        merged = f"{merged}\n{title}" if merged else title
        lines.add(title)
    return merged or None


def add_titles(conn, members: dict[str, str], story_ids: Iterable[str] = ()) -> None:
    """In the caller's transaction: merge into each story's ``titles`` its own title and every stored
    version's title of the ``members`` placed in it (article id -> story id); ``story_ids``: stories
    to refresh besides the members' (their own title). What the story search reads, one column a story,
    where it had joined every article title to the placements (migration 0009)."""
    ids = sorted(set(members.values()) | set(story_ids))
    if not ids:
        return
    found: dict[str, list[str | None]] = {}
    for part in chunked(sorted(members), 500):
        for row in conn.execute(select(_articles.c.article_id, _articles.c.title)
                                .where(_articles.c.article_id.in_(part))
                                .order_by(_articles.c.article_id, _articles.c.version)):
            found.setdefault(members[row.article_id], []).append(row.title)
    changed = []
    for part in chunked(ids, 500):
        for row in conn.execute(select(_stories.c.story_id, _stories.c.title, _stories.c.titles)
                                .where(_stories.c.story_id.in_(part))):
            merged = merge_titles(row.titles, [row.title, *found.get(row.story_id, [])])
            if merged != row.titles:
                changed.append({"sid": row.story_id, "merged": merged})
    if changed:
        conn.execute(update(_stories).where(_stories.c.story_id == bindparam("sid"))
                     .values(titles=bindparam("merged")), changed)


def add_version_titles(conn, article_ids: Iterable[str]) -> None:
    """In the sink's transaction: the stories these articles (new versions) were placed in take their titles.
    (A version stored while the stage places that same article, the two transactions at once, is seen by
    neither: its title stays out of the story's titles, and the search does not find the story by it.)"""
    members = {}
    for part in chunked(sorted(set(article_ids)), 500):
        members.update(conn.execute(select(_placed.c.article_id, _placed.c.story_id)
                                    .where(_placed.c.article_id.in_(part))).all())
    add_titles(conn, members)


def merge_observation(stored: Row | None, new: Row) -> Row:
    """Articles, outlets and figures united; the earliest report keeps the sentence and span."""
    if stored is None:
        return new
    stored = {**stored, "reported_at": utc(stored["reported_at"])}
    first = min(stored, new, key=lambda r: (r["reported_at"] is None,
                                             r["reported_at"].timestamp() if r["reported_at"] else 0, r["article_id"]))
    return {**first, **{name: sorted(set(stored[name]) | set(new[name]))
                        for name in ("article_ids", "outlets", "figure_ids")}}


def unpublished_stories(engine: Engine, limit: int = 1000) -> list[Row]:
    """Stories updated since last sent, without their ``state`` and ``titles`` (the largest columns, not sent)."""
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(
            select(*(c for c in _stories.c if c.name not in ("state", "titles"))).where(_stories.c.version > _stories.c.published_version)
            .order_by(_stories.c.story_id).limit(limit))]


def story_members(engine: Engine, story_ids: Iterable[str], last: int | None = None) -> dict[str, list[str]]:
    """Each story's member article ids in the order they were seen; ``last``: only the latest that many
    (read by a window over each story's newest members, not the whole story)."""
    found: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for part in chunked(list(story_ids), 500):
            query = select(_placed.c.article_id, _placed.c.story_id).where(_placed.c.story_id.in_(part))
            if last is not None:
                newest = func.row_number().over(partition_by=_placed.c.story_id,
                                                order_by=(_placed.c.seen_at.desc(), _placed.c.article_id.desc()))
                ranked = query.add_columns(_placed.c.seen_at, newest.label("newest")).subquery()
                query = (select(ranked.c.article_id, ranked.c.story_id).where(ranked.c.newest <= last)
                         .order_by(ranked.c.seen_at, ranked.c.article_id))
            else:
                query = query.order_by(_placed.c.seen_at, _placed.c.article_id)
            for row in conn.execute(query):
                found.setdefault(row.story_id, []).append(row.article_id)
    return found


def unpublished_placements(engine: Engine, limit: int = 1000) -> list[Row]:
    """Placements not sent yet, oldest first (by the partial index ``ix_story_articles_unpublished``)."""
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(
            select(_placed).where(_placed.c.published == false())
            .order_by(_placed.c.seen_at, _placed.c.article_id).limit(limit))]


def mark_placements_published(engine: Engine, article_ids: list[str]) -> None:
    with engine.begin() as conn:
        for part in chunked(article_ids, 500):
            conn.execute(update(_placed).where(_placed.c.article_id.in_(part)).values(published=True))


def mark_published(engine: Engine, versions: dict[str, int]) -> None:
    """One statement for all: ``executemany`` of one UPDATE."""
    if not versions:
        return
    statement = (update(_stories).where(_stories.c.story_id == bindparam("sid"))
                 .values(published_version=bindparam("sent")))
    with engine.begin() as conn:
        conn.execute(statement, [{"sid": k, "sent": v} for k, v in versions.items()])
