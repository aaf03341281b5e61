"""The JSON API, ``/api/v1/...``: what the pages show, as data. Read-only (GET only), every list paged
by an opaque ``cursor`` (``next_cursor`` of the previous page; null on the last) with ``limit`` capped
at ``params.MAX_LIMIT``. Figures and events also download whole as CSV or JSONL (``/figures.csv``,
``/figures.jsonl``, ...: exactly the rows the same filters page through, up to ``EXPORT_MAX_ROWS``).

The OpenAPI document is at ``/api/v1/openapi.json``.
"""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from pydantic_core import to_jsonable_python

from newswire.app.web import params
from newswire.app.web.stories import get_story, get_timeline
from newswire.storage import browse, story_reads
from newswire.storage.queries import count_rows, dead_letter_counts

router = APIRouter(prefix="/api/v1")
EXPORT_MAX_ROWS = 100_000
EXPORT_PAGE = 500
EXPORT_FIRST_PAGE = 100
ACTIVE_DAYS = 7  # the overview's most active stories: most articles among those seen in these days
STALE_S = 10.0  # as newswire.app.dashboard: a status file older than this belongs to a stopped reporter


def _engine(request: Request):
    return request.app.state.engine


# --- filters, shared with the pages ------------------------------------------------------------------
TEXT_HELP = "Case-insensitive substring of the sentence."
SINCE = Query(None, description="Published at or after (ISO 8601 date or date-time; naive is UTC).")
UNTIL = Query(None, description="Published before (ISO 8601).")
CURSOR = Query(None, description="next_cursor of the previous page.", max_length=1000)
LIMIT = Query(None, description=f"Rows a page, 1 to {params.MAX_LIMIT} (default {params.DEFAULT_LIMIT}).")


def figure_filters(category: str | None, source: str | None, site: str | None, place: str | None,
                   since: str | None, until: str | None, text: str | None, article: str | None) -> dict[str, Any]:
    return dict(category=params.category(category), source=params.search_text(source, "source"),
                site=params.search_text(site, "site"), place=params.search_text(place, "place"),
                since=params.when(since, "since"), until=params.when(until, "until"),
                text=params.search_text(text, "text"), article_id=_article_id(article))


def event_filters(type: str | None, site: str | None, place: str | None, since: str | None, until: str | None,
                  text: str | None, article: str | None) -> dict[str, Any]:
    return dict(type=params.event_type(type), site=params.search_text(site, "site"),
                place=params.search_text(place, "place"), since=params.when(since, "since"),
                until=params.when(until, "until"), text=params.search_text(text, "text"),
                article_id=_article_id(article))


def _article_id(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not params.ARTICLE_ID.match(value):
        raise params.bad("article", "an article id is 8 to 64 lower-case hex digits")
    return value


def page_of(lister: Callable, engine, filters: dict, cursor: str | None, limit: int | None, kinds: str,
            **extra) -> dict[str, Any]:
    rows, key = lister(engine, **filters, after=params.decode_cursor(cursor, kinds), limit=params.limit(limit),
                       **extra)
    return {"items": rows, "next_cursor": params.encode_cursor(key)}


FIGURE_KEY, EVENT_KEY, ARTICLE_KEY, FEED_KEY, DEAD_KEY = "tn s i s", "tn s i s", "tn s", "i i s", "t s"


# --- lists -------------------------------------------------------------------------------------------
@router.get("/figures", summary="Figures, newest publication first")
def figures(request: Request, category: str | None = Query(None, description=f"One of {', '.join(params.CATEGORIES)}."),
            source: str | None = Query(None, description="Substring of the attributed source."),
            site: str | None = Query(None, description="Substring of the article's site."),
            place: str | None = Query(None, description="Substring of a location of an event of the same article."),
            since: str | None = SINCE, until: str | None = UNTIL,
            text: str | None = Query(None, description=TEXT_HELP),
            article: str | None = Query(None, description="Only this article's figures."),
            cursor: str | None = CURSOR, limit: int | None = LIMIT) -> dict[str, Any]:
    filters = figure_filters(category, source, site, place, since, until, text, article)
    return page_of(browse.browse_figures, _engine(request), filters, cursor, limit, FIGURE_KEY)


@router.get("/events", summary="Events, newest publication first")
def events(request: Request, type: str | None = Query(None, description="Event type: attack, talks, arrest, ..."),
           site: str | None = Query(None, description="Substring of the article's site."),
           place: str | None = Query(None, description="Substring of the event's location."),
           since: str | None = SINCE, until: str | None = UNTIL,
           text: str | None = Query(None, description=TEXT_HELP),
           article: str | None = Query(None, description="Only this article's events."),
           cursor: str | None = CURSOR, limit: int | None = LIMIT) -> dict[str, Any]:
    filters = event_filters(type, site, place, since, until, text, article)
    return page_of(browse.browse_events, _engine(request), filters, cursor, limit, EVENT_KEY)


@router.get("/articles", summary="Articles (newest version each, without text), newest publication first")
def articles(request: Request, site: str | None = Query(None, description="Substring of the site."),
             since: str | None = SINCE, until: str | None = UNTIL,
             text: str | None = Query(None, description="Case-insensitive substring of the title."),
             cursor: str | None = CURSOR, limit: int | None = LIMIT) -> dict[str, Any]:
    filters = dict(site=params.search_text(site, "site"), since=params.when(since, "since"),
                   until=params.when(until, "until"), text=params.search_text(text, "text"))
    return page_of(browse.browse_articles, _engine(request), filters, cursor, limit, ARTICLE_KEY)


@router.get("/articles/{article_id}", summary="One article: text, figures and events with their spans")
def article(request: Request, article_id: str,
            version: int | None = Query(None, description="A stored version (default: the newest).")
            ) -> dict[str, Any]:
    return load_article(request, article_id, version)


def load_article(request: Request, article_id: str, version: int | None) -> dict[str, Any]:
    if not params.ARTICLE_ID.match(article_id):
        raise HTTPException(404, "no such article (an article id is 8 to 64 lower-case hex digits)")
    if version is not None and not 1 <= version <= 2 ** 31:
        raise params.bad("version", "a positive integer")
    found = browse.get_article(_engine(request), article_id, version)
    if found is None:
        raise HTTPException(404, "no such article" + (" version" if version is not None else ""))
    return found


@router.get("/feeds", summary="Feeds, failing first, with their last check, error streak and recent articles")
def feeds(request: Request, failing: bool = Query(False, description="Only failing feeds."),
          cursor: str | None = CURSOR, limit: int | None = LIMIT) -> dict[str, Any]:
    rows, next_cursor = feed_page(request, failing, cursor, params.limit(limit, 100))
    return {"items": rows, "next_cursor": next_cursor}


@router.get("/deadletters", summary="Dead letters: counts by reason, and the newest")
def deadletters(request: Request, reason: str | None = Query(None, description="Only this reason."),
                cursor: str | None = CURSOR, limit: int | None = LIMIT) -> dict[str, Any]:
    if reason is not None and not params.EVENT_TYPE.match(reason):
        raise params.bad("reason", "a reason is lower-case letters, digits and _ (e.g. not_html)")
    engine = _engine(request)
    rows, key = browse.browse_dead_letters(engine, reason=reason, after=params.decode_cursor(cursor, DEAD_KEY),
                                           limit=params.limit(limit))
    for row in rows:
        row.pop("payload", None)  # raw bytes of a broken message: the CLI's `tail`/SQL show them, not the web
    return {"by_reason": dead_letters_by_reason(request), "items": rows, "next_cursor": params.encode_cursor(key)}


def dead_letters_by_reason(request: Request) -> dict[str, int]:
    """Dead letters counted by reason, at most ``cache_ttl_s`` old (a count of the whole table)."""
    engine = _engine(request)
    return request.app.state.cache.get("dead_letters_by_reason", lambda: dead_letter_counts(engine))


STORY_KEY = "t s"
STORY_ID = params.ARTICLE_ID  # a story id is a sha256 hex digest, as an article id


@router.get("/stories", summary="Stories, latest seen first")
def stories(request: Request, text: str | None = Query(None, description="Substring of the title or a member's title."),
            since: str | None = Query(None, description="Seen at or after (ISO 8601; any overlap)."),
            until: str | None = Query(None, description="Seen before (ISO 8601; any overlap)."),
            cursor: str | None = CURSOR, limit: int | None = LIMIT) -> dict[str, Any]:
    filters = story_filters(text, since, until)
    return page_of(story_reads.browse_stories, _engine(request), filters, cursor, limit, STORY_KEY)


def story_filters(text: str | None, since: str | None, until: str | None) -> dict[str, Any]:
    return dict(text=params.search_text(text, "text"), since=params.when(since, "since"),
                until=params.when(until, "until"))


def load_story(request: Request, story_id: str, category: str | None = None, source: str | None = None,
               full: bool = True) -> dict[str, Any]:
    if not STORY_ID.match(story_id):
        raise HTTPException(404, "no such story (a story id is 8 to 64 lower-case hex digits)")
    found = get_story(_engine(request), story_id, category=params.category(category),
                      source=params.search_text(source, "source"), full=full)
    if found is None:
        raise HTTPException(404, "no such story")
    return found


@router.get("/stories/{story_id}", summary="One story: articles (copies folded), events, places, figure series")
def story(request: Request, story_id: str) -> dict[str, Any]:
    return load_story(request, story_id)


@router.get("/stories/{story_id}/timeline", summary="One story's observations in time order, revisions marked")
def story_timeline(request: Request, story_id: str,
                   category: str | None = Query(None, description=f"One of {', '.join(params.CATEGORIES)}."),
                   source: str | None = Query(None, description="Substring of the source.")) -> dict[str, Any]:
    if not STORY_ID.match(story_id):
        raise HTTPException(404, "no such story (a story id is 8 to 64 lower-case hex digits)")
    found = get_timeline(_engine(request), story_id, category=params.category(category),
                         source=params.search_text(source, "source"))
    if found is None:
        raise HTTPException(404, "no such story")
    return found


# --- overview ----------------------------------------------------------------------------------------
# The stages ``newswire run`` starts, in the order records flow through them: the health table lists each
# (down when it has no status file) once any stage reports, then any other reporter (supervisor, replay).
PIPELINE_STAGES = ("ingest", "process", "sink", "storify")


def pipeline_health(data_dir: Path | None) -> dict[str, Any]:
    """Each stage's processes from the status files the running pipeline writes (``newswire.status``):
    up or down, and its lag: records behind on its topics (``process``, ``sink``: their running
    processes' consumer lag), or for ``storify`` whether its last batch left articles waiting
    (``caught_up``). ``sink_lag`` is the sink's, as before."""
    from newswire.app.dashboard import _alive
    from newswire.status import read_status

    stages: dict[str, Any] = {}
    if data_dir is None or not (Path(data_dir) / "status").is_dir():
        return {"stages": stages, "sink_lag": None, "reporting": False}
    now = time.time()
    statuses = read_status(data_dir)
    if not statuses:
        return {"stages": stages, "sink_lag": 0, "reporting": False}
    for stage in [*PIPELINE_STAGES, *sorted(set(statuses) - set(PIPELINE_STAGES))]:
        processes, lag, caught_up = [], None, None
        for entry in statuses.get(stage, []):
            age = now - float(entry.get("updated_at") or 0)
            state = ("stopped" if entry.get("stopped") or not _alive(entry.get("pid"))
                     else "stale" if age > STALE_S else "running")
            if state == "running" and isinstance(entry.get("lag"), dict):
                lag = (lag or 0) + sum(v for v in entry["lag"].values() if isinstance(v, (int, float)))
            if state == "running" and "caught_up" in entry:
                caught_up = bool(entry["caught_up"]) and caught_up is not False
            processes.append({"pid": entry.get("pid"), "state": state, "updated_s_ago": round(age, 1)})
        up = sum(p["state"] == "running" for p in processes)
        stages[stage] = {"up": up > 0, "running": up, "processes": processes, "lag": lag}
        if stage == "storify":
            stages[stage]["caught_up"] = caught_up
    return {"stages": stages, "sink_lag": stages["sink"]["lag"] or 0, "reporting": True}


def overview_data(request: Request, hours: int = 48) -> dict[str, Any]:
    """The overview: the database's aggregates (at most ``cache_ttl_s`` old: ``generated_at`` says when)
    and the pipeline's health (read now)."""
    engine = _engine(request)

    def aggregates() -> dict[str, Any]:
        now = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        since = now - timedelta(hours=hours)
        return {
            "generated_at": datetime.now(timezone.utc),
            "rows": count_rows(engine),
            "feeds": browse.count_feeds(engine),
            "per_hour": {"since": since, "until": now, **browse.counts_per_hour(engine, since=since, until=now)},
            "dead_letters_by_reason": dead_letter_counts(engine),
            "most_active_stories": story_reads.most_active_stories(engine, since=now - timedelta(days=ACTIVE_DAYS)),
        }

    return {**request.app.state.cache.get(("overview", hours), aggregates),
            "health": pipeline_health(request.app.state.data_dir), "database": request.app.state.database_shown}


def feed_page(request: Request, failing: bool, cursor: str | None, limit: int) -> tuple[list[dict], str | None]:
    """A page of feeds; the articles each brought in 24 h / 7 d are at most ``cache_ttl_s`` old."""
    engine = _engine(request)
    now = datetime.now(timezone.utc)
    recent = request.app.state.cache.get("recent_per_feed", lambda: browse.recent_articles_per_feed(engine, now))
    rows, key = browse.browse_feeds(engine, failing_only=failing, after=params.decode_cursor(cursor, FEED_KEY),
                                    limit=limit)
    for row in rows:
        row["articles_24h"], row["articles_7d"] = recent.get(row["url"], (0, 0))
    return rows, params.encode_cursor(key)


@router.get("/overview", summary="Row counts, counts per hour of publication, dead letters by reason, pipeline health")
def overview(request: Request, hours: int = Query(48, ge=1, le=24 * 14, description="Hours of counts per hour.")
             ) -> dict[str, Any]:
    return overview_data(request, hours)


# --- downloads ---------------------------------------------------------------------------------------
def _all_pages(lister: Callable, engine, filters: dict) -> Iterator[list[dict[str, Any]]]:
    """The rows the filters select, a keyset page at a time (each an index range scan that stops after
    the page): a small first page, so that the download starts after one short query, then
    ``EXPORT_PAGE`` rows a page, up to ``EXPORT_MAX_ROWS`` in all."""
    after, sent = None, 0
    while sent < EXPORT_MAX_ROWS:
        size = EXPORT_FIRST_PAGE if sent == 0 else EXPORT_PAGE
        rows, after = lister(engine, **filters, after=after, limit=min(size, EXPORT_MAX_ROWS - sent))
        yield [to_jsonable_python(row) for row in rows]  # as the JSON responses write it (times end in Z)
        sent += len(rows)
        if after is None:
            return


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: strings that would start a formula get a leading ' (OWASP)."""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def download(pages: Iterator[list[dict[str, Any]]], fmt: str, name: str) -> StreamingResponse:
    """``pages`` streamed as CSV or JSONL, a chunk a page (not a row: each chunk of a synchronous
    iterator costs Starlette a hop to a worker thread)."""
    def as_jsonl() -> Iterator[str]:
        for rows in pages:
            yield "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)

    def as_csv() -> Iterator[str]:
        buffer = io.StringIO()
        writer = None
        for rows in pages:
            for row in rows:
                if writer is None:
                    writer = csv.DictWriter(buffer, fieldnames=list(row), extrasaction="ignore")
                    writer.writeheader()
                writer.writerow({k: _csv_cell(v) for k, v in row.items()})
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()

    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    return StreamingResponse(as_csv() if fmt == "csv" else as_jsonl(), media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"', "X-Newswire-Row-Cap": str(EXPORT_MAX_ROWS)})


@router.get("/figures.{fmt}", summary="Every figure the filters select, as CSV or JSONL",
            responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}})
def figures_download(request: Request, fmt: str, category: str | None = None, source: str | None = None,
                     site: str | None = None, place: str | None = None, since: str | None = SINCE,
                     until: str | None = UNTIL, text: str | None = None, article: str | None = None):
    if fmt not in ("csv", "jsonl"):
        raise HTTPException(404, "downloads are .csv or .jsonl")
    filters = figure_filters(category, source, site, place, since, until, text, article)
    return download(_all_pages(browse.browse_figures, _engine(request), filters), fmt, "figures")


@router.get("/events.{fmt}", summary="Every event the filters select, as CSV or JSONL",
            responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}})
def events_download(request: Request, fmt: str, type: str | None = None, site: str | None = None,
                    place: str | None = None, since: str | None = SINCE, until: str | None = UNTIL,
                    text: str | None = None, article: str | None = None):
    if fmt not in ("csv", "jsonl"):
        raise HTTPException(404, "downloads are .csv or .jsonl")
    filters = event_filters(type, site, place, since, until, text, article)
    return download(_all_pages(browse.browse_events, _engine(request), filters), fmt, "events")
