"""``newswire figures`` and ``newswire events``: what the database holds, as a table, CSV or JSONL."""

from __future__ import annotations

import json
import sys
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from newswire.app.options import load_settings, parse_time


def _emit(rows: list[dict], columns: list[str], fmt: str, title: str) -> None:
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(row, default=str))
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(*columns, title=title)
        for row in rows:
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
        Console().print(table)


FormatOption = typer.Option("table", "--format", help="table, csv or jsonl")
SinceOption = typer.Option(None, help="Articles published at or after this time.")
UntilOption = typer.Option(None, help="Articles published before this time.")
SearchOption = typer.Option(None, "--search", help="Sentence or title containing this.")
LimitOption = typer.Option(100)


def _query(lister: str, columns: list[str], fmt: str, since: Optional[str], until: Optional[str],
           **filters: object) -> None:
    """Run one of storage.queries' listings on the configured database and print it."""
    from newswire.storage import queries
    from newswire.storage.db import open_database

    settings = load_settings()
    start, end = parse_time(since, "--since"), parse_time(until, "--until")
    engine = open_database(settings.db_url, upgrade=False)
    try:
        rows = getattr(queries, lister)(engine, since=start, until=end, **filters)
    finally:
        engine.dispose()
    _emit(rows, columns, fmt, lister.removeprefix("list_"))


def figures(category: Optional[str] = typer.Option(None, help="killed, injured, money, percent, ..."),
            source: Optional[str] = typer.Option(None, help="Attributed to a source containing this."),
            since: Optional[str] = SinceOption, until: Optional[str] = UntilOption,
            text: Optional[str] = SearchOption, limit: int = LimitOption, fmt: str = FormatOption) -> None:
    """Figures found, newest first, each traceable to its article, sentence and span."""
    _query("list_figures", ["published_at", "category", "text", "unit", "qualifier", "source", "anchor_phrase",
                            "article_title"], fmt, since, until,
           category=category, source=source, text=text, limit=limit)


def events(event_type: Optional[str] = typer.Option(None, "--type", help="attack, talks, arrest, ..."),
           since: Optional[str] = SinceOption, until: Optional[str] = UntilOption,
           text: Optional[str] = SearchOption, limit: int = LimitOption, fmt: str = FormatOption) -> None:
    """Events found, newest first."""
    _query("list_events", ["published_at", "type", "trigger", "date", "location", "actors", "article_title"],
           fmt, since, until, type=event_type, text=text, limit=limit)

