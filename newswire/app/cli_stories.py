"""``newswire stories``, ``newswire timeline`` and ``newswire storify`` (the stories stage).

``stories`` lists developing stories (one line a story); ``timeline`` lists the observations of one
story's figure series (one line an observation), each marked as a revision up or down of its series'
previous value. Both read the tables the stories stage fills (``newswire storify``).
"""

from __future__ import annotations

from typing import Optional

import typer

ID_PREFIX = 12  # hex digits of an id shown in a table; --story takes such a prefix
FormatOption = typer.Option("table", "--format", help="table, csv or jsonl")

STORY_COLUMNS = ["story_id", "title", "first_seen", "last_seen", "articles", "outlets", "places"]
TIMELINE_COLUMNS = ["series_id", "category", "source", "basis", "anchor_date", "as_of", "value", "value_max",
                    "qualifier", "reported_at", "revision", "article_ids", "outlets"]


def _engine():
    from newswire.app.options import load_settings
    from newswire.storage.db import open_database

    return open_database(load_settings().db_url, upgrade=False)


def _check_format(fmt: str) -> None:
    if fmt not in ("table", "csv", "jsonl"):
        raise typer.BadParameter(f"{fmt!r}: use table, csv or jsonl", param_hint="--format")


def stories(since: Optional[str] = typer.Option(None, help="Stories seen at or after this time."),
            until: Optional[str] = typer.Option(None, help="Stories seen before this time."),
            search: Optional[str] = typer.Option(None, "--search", help="Title (or a member's title) containing this."),
            limit: int = typer.Option(100, min=1), fmt: str = FormatOption) -> None:
    """Developing stories, latest first: title, first and last seen, articles (copies included), outlets, places."""
    from newswire.app.cli_query import _emit
    from newswire.app.options import parse_time as _parse_time
    from newswire.storage.queries import list_stories

    _check_format(fmt)
    start, end = _parse_time(since, "--since"), _parse_time(until, "--until")
    engine = _engine()
    try:
        rows = list_stories(engine, since=start, until=end, search=search, limit=limit)
    finally:
        engine.dispose()
    for row in rows:
        row["outlets"] = len(row["outlets"])
        if fmt != "jsonl":
            row["places"] = ", ".join(row["places"])
        if fmt == "table":
            row["story_id"] = row["story_id"][:ID_PREFIX]
    _emit(rows, STORY_COLUMNS, fmt, "stories")


def timeline(story: Optional[str] = typer.Option(None, "--story", help="A story_id, or the prefix `newswire stories` shows."),
             search: Optional[str] = typer.Option(None, "--search", help="Stories whose title contains this."),
             category: Optional[str] = typer.Option(None, help="killed, injured, missing, ..."),
             source: Optional[str] = typer.Option(None, help="Source organisation containing this."),
             fmt: str = FormatOption) -> None:
    """One story's figures over time, one line an observation, revisions marked up or down."""
    from newswire.app.cli_query import _emit
    from newswire.processors.series import revisions
    from newswire.storage.queries import list_observations, list_stories, story_ids_with_prefix

    _check_format(fmt)
    if (story is None) == (search is None):
        raise typer.BadParameter("give exactly one of --story ID or --search TEXT", param_hint="--story/--search")
    engine = _engine()
    try:
        ids = story_ids_with_prefix(engine, story) if story else [s["story_id"] for s in list_stories(engine, search=search, limit=1000)]
        rows = list_observations(engine, ids, category=category, source=source)
    finally:
        engine.dispose()
    for row, revision in zip(rows, revisions(rows)):
        row["revision"] = revision
        row["outlets"] = len(row["outlets"])
        if fmt == "table":
            row["article_ids"] = len(row["article_ids"])
            row["series_id"] = row["series_id"][:ID_PREFIX]
    _emit([{c: r[c] for c in TIMELINE_COLUMNS} for r in rows], TIMELINE_COLUMNS, fmt, "timeline")


def storify() -> None:
    """Run the stories stage: place stored articles in copies, stories and series, until Ctrl-C."""
    from newswire.app.options import load_settings, stop_on_signals
    from newswire.app.story_stage import run_stories
    import threading

    stop = threading.Event()
    stop_on_signals(lambda *_: stop.set())
    run_stories(load_settings(), stop, own_process=True)


def register(app: typer.Typer) -> None:
    app.command()(stories)
    app.command()(timeline)
    app.command()(storify)
