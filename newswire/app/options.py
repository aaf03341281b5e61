"""What every ``newswire`` command shares: Settings built once, time options, progress, signals."""

from __future__ import annotations

import signal
from datetime import datetime
from pathlib import Path
from typing import Optional

import typer
from pydantic import ValidationError

from newswire.logs import console, for_people, setup_logging
from newswire.records import as_utc
from newswire.settings import Settings

FeedsOption = typer.Option(None, "--feeds", help="Feed URLs or OPML/list files (overrides NEWSWIRE_FEEDS).")


def read_settings(feeds: Optional[list[str]] = None, **overrides: object) -> Settings:
    """The settings from the environment and ``overrides``; a bad value ends the command with a usage error."""
    try:
        settings = Settings(**({"feeds": feeds} if feeds else {}),
                           **{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:  # a bad NEWSWIRE_* value: one line a person can act on, not a traceback
        problems = "; ".join(f"NEWSWIRE_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors())
        console.print(f"[red]bad setting: {problems}[/red]")
        raise typer.Exit(2) from None
    return settings


def load_settings(feeds: Optional[list[str]] = None, **overrides: object) -> Settings:
    """``read_settings``, then logging set up and the data directory made: what a working command needs."""
    settings = read_settings(feeds, **overrides)
    setup_logging(settings.log_level, settings.log_format)
    Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    return settings


def stop_on_signals(callback) -> None:
    signal.signal(signal.SIGINT, callback)
    signal.signal(signal.SIGTERM, callback)


def unwind_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl-C, so process pools, child stages and scratch files are cleaned up
    (Python's default for SIGTERM ends the process on the spot, leaving pool workers behind)."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)


def require_cluster(settings: Settings, stage: str) -> str:
    if settings.embedded:
        console.print(f"[red]`newswire {stage}` runs one stage against a shared cluster: set "
                      "NEWSWIRE_KAFKA_BOOTSTRAP (or use `newswire run` for everything on the embedded broker)[/red]")
        raise typer.Exit(2)
    return settings.kafka_bootstrap or ""


def parse_time(value: Optional[str], option: str) -> Optional[datetime]:
    """``--since``/``--until`` in UTC (naive: UTC); a usage error (one line, exit 2) if it is not one."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        problem = f"{value!r} is not an ISO date or time (2025-03-01, 2025-03-01T12:00Z)"
    else:
        try:
            return as_utc(parsed)
        except ValueError as exc:
            problem = str(exc)
    console.print(f"{option}: {problem}", style="red", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=False, disable=not for_people())

