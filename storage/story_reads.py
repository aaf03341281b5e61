"""Read-only queries of the stories stage's tables for the web interface and its JSON API (the story
list, a story's rows, its timeline, the most active stories, an article's story): plain dicts out, as
``storage.browse`` (which re-exports them) for the other tables. A story's reads are bounded
(``STORY_*_MAX``), whatever the story's size.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Sequence

from sqlalchemy import Engine, exists, select
from sqlalchemy.sql import ColumnElement

from newswire.storage.browse import By, _articles, _events, _page
from newswire.storage.mapping import utc


def _story_tables():
    from newswire.storage.models import Observation, Story, StoryArticle

    return Story.__table__, StoryArticle.__table__, Observation.__table__


_UNSHOWN = ("state", "published_version", "titles")  # story columns the web never shows


def story_filters(since: datetime | None, until: datetime | None, text: str | None) -> list[ColumnElement]:
    """Stories seen in [since, until) (any overlap), with ``text`` in their title or a member article's
    title: the web's list and the ``stories`` command filter alike."""
    stories, _, _ = _story_tables()
    where: list[ColumnElement] = []
    if since is not None:
        where.append(stories.c.last_seen_at >= utc(since))
    if until is not None:
        where.append(stories.c.first_seen_at < utc(until))
    if text:  # ``titles``: the story's and its members' titles, one column (migration 0009)
        where.append(stories.c.titles.icontains(text, autoescape=True))
    return where


def browse_stories(engine: Engine, *, text: str | None = None, since: datetime | None = None,
                   until: datetime | None = None, after: Sequence[Any] | None = None, limit: int = 50):
    """A page of stories, latest seen first, and the next page's key. ``since``/``until``: the story was
    seen in [since, until) (any overlap); ``text``: in its title or a member article's title."""
    stories, _, _ = _story_tables()
    where = story_filters(since, until, text)
    query = select(*[c for c in stories.c if c.name not in _UNSHOWN]).where(*where)
    order = [By(stories.c.last_seen_at, desc=True), By(stories.c.story_id, desc=True)]
    with engine.connect() as conn:
        rows, key = _page(conn, query, order, ["last_seen_at", "story_id"], after, limit)
    for row in rows:
        row["first_seen_at"], row["last_seen_at"] = utc(row["first_seen_at"]), utc(row["last_seen_at"])
    return rows, key


def most_active_stories(engine: Engine, *, since: datetime, limit: int = 10) -> list[dict[str, Any]]:
    """The stories with the most articles among those seen at or after ``since``."""
    stories, _, _ = _story_tables()
    query = (select(stories.c.story_id, stories.c.title, stories.c.articles, stories.c.outlets,
                    stories.c.first_seen_at, stories.c.last_seen_at)
             .where(stories.c.last_seen_at >= utc(since))
             .order_by(stories.c.articles.desc(), stories.c.last_seen_at.desc(), stories.c.story_id).limit(limit))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def story_of_article(engine: Engine, article_id: str) -> dict[str, Any] | None:
    """The story an article was placed in, and its series' observations (to link the article's figures)."""
    stories, placed, obs = _story_tables()
    with engine.connect() as conn:
        row = conn.execute(select(stories.c.story_id, stories.c.title)
                           .join(placed, placed.c.story_id == stories.c.story_id)
                           .where(placed.c.article_id == article_id)).first()
        if row is None:
            return None
        series = {}
        for o in conn.execute(select(obs.c.series_id, obs.c.figure_ids).where(obs.c.story_id == row.story_id)):
            for figure_id in o.figure_ids or []:
                series[figure_id] = o.series_id
    return {"story_id": row.story_id, "title": row.title, "series_of_figure": series}


def _newest_articles(conn, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    newer = _articles.alias("newer")
    query = (select(_articles.c.article_id, _articles.c.version, _articles.c.title, _articles.c.url,
                    _articles.c.site, _articles.c.published_at, _articles.c.fetched_at)
             .where(_articles.c.article_id.in_(sorted(ids)),
                    ~exists().where(newer.c.article_id == _articles.c.article_id,
                                    newer.c.version > _articles.c.version)))
    return {r.article_id: dict(r._mapping) for r in conn.execute(query)}


# What one story's page and API draw, at most (a developing story can gather thousands of articles; its
# page shows the latest of them, ``article_count`` still counts all): members (placed articles), the
# events of those members, and observations (the latest by ``as_of``, each series' tail).
# (At 200 articles, 400 events and 1,870 observations a big story's page took 470 ms and its JSON, 2 MB,
# 360 ms at the median under the load test, and held the server's one Python process up for the rest;
# at 200 / 200 / 1,000 still 260 and 220 ms. The timeline reads observations only: it may take as many;
# at 1,000, with their lists of articles, outlets and figures, 950 KB and 20 ms of the server's CPU, over
# 300 ms at the 95th percentile under the load test at load 8 to 9.)
STORY_MEMBERS_MAX = 100
STORY_EVENTS_MAX = 300
STORY_OBSERVATIONS_MAX = 500
STORY_TIMELINE_MAX = 500
# The HTML page draws half the observations the JSON has (250): its Python time (rows, charts, and every
# value escaped into the page) was three times a small story's and over 300 ms p95 in the load test at
# load 6 to 8, with 500 observations drawn as 500 points with their sentences. (Its events stay: the map
# of the story's places is drawn from them.)
PAGE_SHARE = 2


def story_rows(engine: Engine, story_id: str, category: str | None = None, source: str | None = None,
               full: bool = True) -> dict[str, Any] | None:
    """One story's rows: the story, its members (placed articles; the latest ``STORY_MEMBERS_MAX``),
    their newest article versions, the events of those versions (those of the latest members, at most
    ``STORY_EVENTS_MAX``) and the
    story's observations (of ``category``, from a ``source`` like the one given; the latest
    ``STORY_OBSERVATIONS_MAX``); None for an unknown story. ``newswire.app.web.stories`` assembles the
    page from them; ``truncated`` names the lists that were cut. ``full=False`` (the HTML page): only
    the columns of events and observations that the page shows (``_PAGE_*``), and half as many
    observations (``PAGE_SHARE``)."""
    stories, placed, obs = _story_tables()
    member_columns = [placed.c.article_id, placed.c.story_id, placed.c.duplicate_of, placed.c.similarity,
                      placed.c.seen_at, placed.c.outlet]  # not ``figures``: a JSON list an article, unused here
    with engine.connect() as conn:
        row = conn.execute(select(*[c for c in stories.c if c.name not in _UNSHOWN])
                           .where(stories.c.story_id == story_id)).first()
        if row is None:
            return None
        story = dict(row._mapping)
        story["first_seen_at"], story["last_seen_at"] = utc(story["first_seen_at"]), utc(story["last_seen_at"])
        truncated = []
        members = [dict(r._mapping) for r in conn.execute(
            select(*member_columns).where(placed.c.story_id == story_id)
            .order_by(placed.c.seen_at.desc(), placed.c.article_id.desc()).limit(STORY_MEMBERS_MAX + 1))]
        if len(members) > STORY_MEMBERS_MAX:
            members, truncated = members[:STORY_MEMBERS_MAX], ["articles"]
        members.reverse()  # in the order they were seen
        found = _newest_articles(conn, [m["article_id"] for m in members])
        events = []
        if found:  # by article id (one index range a member), the newest version's kept
            columns = _events.c if full else [_events.c[name] for name in _PAGE_EVENT]
            events = [dict(r._mapping) for r in conn.execute(
                select(*columns).where(_events.c.article_id.in_(sorted(found)))
                .order_by(_events.c.article_id, _events.c.start, _events.c.event_id))
                if r.article_version == found[r.article_id]["version"]]
            if len(events) > STORY_EVENTS_MAX:  # those of the latest members
                seen = {m["article_id"]: i for i, m in enumerate(members)}
                events.sort(key=lambda e: -seen[e["article_id"]])  # stable: each article's by position
                events, truncated = events[:STORY_EVENTS_MAX], truncated + ["events"]
        observations, cut = _story_observations(conn, story_id, category, source, full,
                                                None if full else STORY_OBSERVATIONS_MAX // PAGE_SHARE)
        truncated += ["observations"] if cut else []
    return {"story": story, "members": members, "articles": found, "events": events,
            "observations": observations, "truncated": truncated}


# What the HTML page reads (``full=False``): the columns it shows, of the events and the observations.
# (The observations' lists of articles, outlets and figures were a third of the page's read; the other
# columns not shown, and the events' actors, spans and extractor, another fifth of its Python time.)
_PAGE_EVENT = ("event_id", "article_id", "article_version", "type", "trigger", "location", "place", "date",
               "sentence", "published_at")
_PAGE_OBSERVATION = ("observation_id", "series_id", "category", "source", "value", "as_of", "reported_at",
                     "article_id", "sentence")


def _story_observations(conn, story_id: str, category: str | None, source: str | None, full: bool = True,
                        limit: int | None = None) -> tuple[list[dict[str, Any]], bool]:
    """The story's latest ``limit`` (``STORY_OBSERVATIONS_MAX``) observations (of ``category``, from a
    ``source`` like the one given) in time order, and whether there were more."""
    limit = STORY_OBSERVATIONS_MAX if limit is None else limit
    _, _, obs = _story_tables()
    where = [obs.c.story_id == story_id]
    if category:
        where.append(obs.c.category == category)
    if source:
        where.append(obs.c.source.icontains(source, autoescape=True))
    order = [obs.c.as_of, obs.c.reported_at, obs.c.series_id, obs.c.value, obs.c.observation_id]
    columns = obs.c if full else [obs.c[name] for name in _PAGE_OBSERVATION]
    rows = [dict(r._mapping) for r in conn.execute(
        select(*columns).where(*where).order_by(*[c.desc() for c in order]).limit(limit + 1))]
    cut = len(rows) > limit
    rows = rows[:limit]
    rows.reverse()
    return rows, cut


def story_observations(engine: Engine, story_id: str, category: str | None = None, source: str | None = None
                       ) -> dict[str, Any] | None:
    """A story's timeline rows alone, its latest ``STORY_TIMELINE_MAX`` observations:
    ``{"observations", "truncated"}``, None for an unknown story. Its members, articles and events are not read."""
    stories, _, _ = _story_tables()
    with engine.connect() as conn:
        if conn.execute(select(stories.c.story_id).where(stories.c.story_id == story_id)).first() is None:
            return None
        rows, cut = _story_observations(conn, story_id, category, source, limit=STORY_TIMELINE_MAX)
    return {"observations": rows, "truncated": ["observations"] if cut else []}
