"""``newswire feeds``: the feed list and each feed's health, on the database the settings name.

``status`` shows what a months-long deployment needs to trust its feeds: when each was polled and
will be next, its error streak and last error, how much it publishes and how often it is polled.
``import``, ``add``, ``list`` and ``remove`` edit the list; a running ingest picks changes up
within a minute when it follows the database's list (no ``NEWSWIRE_FEEDS``); ``refresh`` makes
feeds due now. The logic lives in ingest (``feedlist``/``opml``, ``discover``) and storage. ``list`` prints a
plain list file (``URL  # title``) or, with ``--opml``, OPML: ``import`` reads both back.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from newswire.errors import ConfigError, SchemaOutOfDate
from newswire.feeds import FeedState
from newswire.logs import setup_logging
from newswire.app.options import read_settings

feeds_app = typer.Typer(no_args_is_help=True, help="Manage the feed list and see feed health.")

err = Console(stderr=True, highlight=False, soft_wrap=True)


def _store():
    """The feed store on the settings' database, migrated to this version's schema first."""
    from sqlalchemy.exc import OperationalError

    from newswire.storage.db import open_database
    from newswire.storage.feedstore import SqlFeedStore

    settings = read_settings()
    setup_logging(settings.log_level, settings.log_format)
    for name in ("alembic", "newswire.storage.db"):  # migration chatter: these commands print their own result
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        engine = open_database(settings.db_url, upgrade=True)
    except (OperationalError, SchemaOutOfDate) as exc:
        err.print(f"[red]cannot open the database: {str(exc).splitlines()[0]}[/red]")
        raise typer.Exit(2)
    return SqlFeedStore(engine)


def _close(store) -> None:
    store.engine.dispose()


def _ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "never"
    seconds = (now - when).total_seconds()
    text = _duration(abs(seconds))
    return f"{text} ago" if seconds >= 0 else f"in {text}"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f}{unit}".replace(".0", "")
    return f"{seconds:.0f}s"


def _as_json(state: FeedState) -> dict:
    def iso(value: datetime | None) -> str | None:
        return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z") if value else None

    return {
        "url": state.url, "title": state.title, "healthy": state.healthy,
        "last_poll_at": iso(state.last_poll_at), "next_poll_at": iso(state.next_poll_at),
        "last_success_at": iso(state.last_success_at), "consecutive_errors": state.consecutive_errors,
        "last_error": state.last_error, "entries_seen": state.entries_seen,
        "entries_per_day": state.entries_per_day, "interval_s": state.interval_s,
        "warning": state.extra.get("warning"),
    }


@feeds_app.command("status")
def status(unhealthy: bool = typer.Option(False, "--unhealthy", help="Only feeds that are failing."),
           as_json: bool = typer.Option(False, "--json", help="One JSON object a line instead of a table.")) -> None:
    """Health of every feed: last and next poll, error streak, last error, volume, interval."""
    store = _store()
    try:
        feeds = store.list_feeds()
    finally:
        _close(store)
    shown = [state for state in feeds if state.healthy is False or state.consecutive_errors] if unhealthy else feeds
    if as_json:
        for state in shown:
            print(json.dumps(_as_json(state)))
        return
    now = datetime.now(timezone.utc)
    table = Table("url", "healthy", "last poll", "next poll", "errors", "last error", "entries seen",
                  "entries/day", "interval", title="feeds", title_justify="left")
    for column in table.columns:
        column.no_wrap = column.header not in ("url", "last error")
    table.columns[0].overflow = table.columns[5].overflow = "fold"
    for state in shown:
        table.add_row(
            state.url,
            "[green]yes[/green]" if state.healthy else "[red]NO[/red]",
            _ago(state.last_poll_at, now),
            _ago(state.next_poll_at, now) if state.next_poll_at else "now",
            str(state.consecutive_errors) if state.consecutive_errors else "0",
            (state.last_error or "")[:200],
            str(state.entries_seen),
            f"{state.entries_per_day:.1f}" if state.entries_per_day is not None else "-",
            _duration(state.interval_s),
        )
    out = Console(highlight=False)
    if not out.is_terminal:
        out = Console(highlight=False, width=200)  # piped or captured: do not squeeze into 80 columns
    out.print(table)
    failing = sum(1 for state in feeds if not state.healthy)
    erring = sum(1 for state in feeds if state.consecutive_errors)
    err.print(f"{len(feeds)} feeds, {failing} unhealthy, {erring} failing their last poll")


@feeds_app.command("import")
def import_feeds(path: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True,
                                             help="An OPML file, or a text file with one URL a line.")) -> None:
    """Follow every usable feed of an OPML file or a plain list, and list what could not be used.

    Malformed OPML (bare ``&``, HTML entities, stray markup, a wrong encoding declaration) is read
    leniently; feeds already followed keep their state; the whole file is added in one transaction.
    """
    from newswire.ingest.feedlist import read_list_file

    report = read_list_file(path.read_bytes(), str(path))
    if report.fatal:
        err.print(f"[red]{report.fatal}[/red]")
        raise typer.Exit(2)
    for repair in report.repairs:
        err.print(f"[yellow]{path}: {repair}[/yellow]")
    for skipped in report.skipped:
        err.print(f"skipped {skipped}")
    added = 0
    if report.feeds:
        store = _store()
        try:
            added = store.add_many((spec.url, spec.title) for spec in report.feeds)
        finally:
            _close(store)
    kinds = Counter(skipped.kind for skipped in report.skipped)
    reasons = ", ".join(f"{count} {SKIP_KINDS.get(kind, kind)}" for kind, count in kinds.items())
    err.print(f"{path}: {len(report.feeds)} of {report.outlines} imported "
              f"({added} added, {len(report.feeds) - added} already followed)"
              + (f"; {len(report.skipped)} skipped ({reasons})" if report.skipped else ""))
    if not report.feeds:
        raise typer.Exit(1)


SKIP_KINDS = {"no_url": "without a feed URL", "not_http": "not http(s)", "duplicate": "duplicates"}


@feeds_app.command("add")
def add(url: str = typer.Argument(..., help="The feed's http(s) URL, or a page of the site (its feed is found)."),
        title: str = typer.Option(None, "--title", help="A name to show for it."),
        discover: bool = typer.Option(True, "--discover/--no-discover",
                                      help="Fetch the URL and, when it is a page, find its feed (the default); "
                                           "--no-discover follows the URL as given, unfetched.")) -> None:
    """Follow one feed; given a page, find the feed it announces (or one at the usual paths)."""
    from newswire.ingest.feedlist import parse_plain_list

    try:
        (spec,) = parse_plain_list(url.strip(), source="URL")
    except (ConfigError, ValueError):
        err.print(f"[red]{url!r} is not an http(s) URL[/red]")
        raise typer.Exit(2)
    feed_url = spec.url
    if discover:
        feed_url, found_title = _discover(spec.url)
        title = title or found_title
    store = _store()
    try:
        added = store.add(feed_url, title)
    finally:
        _close(store)
    err.print(f"added {feed_url}" if added else f"{feed_url} is followed already")


def _discover(url: str) -> tuple[str, str | None]:
    """The feed to follow for ``url`` (printing every candidate tried), or exit 1 when there is none."""
    import asyncio

    from newswire.ingest.discover import discover_feed
    from newswire.ingest.fetch import Fetcher

    settings = read_settings()
    setup_logging(settings.log_level, settings.log_format)

    async def run():
        async with Fetcher(settings) as fetcher:
            return await discover_feed(fetcher, url)

    found = asyncio.run(run())
    for candidate in found.candidates:
        name = f" {candidate.title!r}" if candidate.title else ""
        if candidate.is_feed:
            outcome = f"a feed{name}, {candidate.entries} entries"
        elif candidate.error:
            outcome = f"no feed ({candidate.error[:200]})"
        else:
            outcome = f"not tried{name}"
        mark = "->" if candidate is found.chosen else "  "
        err.print(f"{mark} {candidate.url}: {candidate.how}: {outcome}")
    if found.chosen is None:
        err.print(f"[red]no feed found for {url}[/red] (--no-discover follows it as given)")
        raise typer.Exit(1)
    if found.chosen.url != url:
        err.print(f"chose {found.chosen.url} ({found.chosen.how})")
    return found.chosen.url, found.chosen.title


@feeds_app.command("refresh")
def refresh(url: str = typer.Argument(None, help="The feed's URL, as `feeds list` prints it."),
            every: bool = typer.Option(False, "--all", help="Every followed feed.")) -> None:
    """Poll now instead of at the scheduled time: sets the next poll to now in the feed store.

    A running ``newswire run`` reads due times every minute and polls these feeds then; a stopped
    one polls them first when it starts. The rest of their state (ETag, error streak) is kept.
    """
    if (url is None) == (not every):
        err.print("[red]give a feed URL or --all[/red]")
        raise typer.Exit(2)
    store = _store()
    try:
        changed = store.request_poll(None if every else [url.strip()], at=datetime.now(timezone.utc))
    finally:
        _close(store)
    if not changed:
        err.print(f"[red]{url} is not followed[/red]" if url else "no feeds are followed")
        raise typer.Exit(1)
    err.print(f"{len(changed)} feed{'s' if len(changed) != 1 else ''} due now: a running ingest polls "
              "them within a minute, a stopped one when it starts")


@feeds_app.command("list")
def list_feeds(opml: bool = typer.Option(False, "--opml", help="Print an OPML document (titles included).")) -> None:
    """Print the followed feeds, one a line (``URL  # title``); `feeds import` reads either form back."""
    store = _store()
    try:
        feeds = store.list_feeds()
    finally:
        _close(store)
    if opml:
        print(_to_opml(feeds))
        return
    for state in feeds:
        print(f"{state.url}  # {state.title}" if state.title else state.url)


def _to_opml(feeds: list[FeedState]) -> str:
    import xml.etree.ElementTree as ET

    root = ET.Element("opml", version="2.0")
    ET.SubElement(ET.SubElement(root, "head"), "title").text = "newswire feeds"
    body = ET.SubElement(root, "body")
    for state in feeds:
        attrs = {"type": "rss", "xmlUrl": state.url, "text": state.title or state.url}
        if state.title:
            attrs["title"] = state.title
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


@feeds_app.command("remove")
def remove(url: str = typer.Argument(..., help="The feed's URL, as `feeds list` prints it.")) -> None:
    """Stop following one feed (its articles stay in the database)."""
    store = _store()
    try:
        removed = store.remove(url.strip())
    finally:
        _close(store)
    if not removed:
        err.print(f"[red]{url} is not followed[/red]")
        raise typer.Exit(1)
    err.print(f"removed {url}")
