"""``newswire run``, ``status`` and the three stages alone (``ingest``, ``process``, ``sink``)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from newswire.app.options import FeedsOption, load_settings, require_cluster, stop_on_signals
from newswire.logs import console, for_people, say
from newswire.status import total


def run(feeds: Optional[list[str]] = FeedsOption) -> None:
    """Monitor the configured feeds continuously: broker (if embedded), ingest, process, sink."""
    from rich.live import Live
    from rich.text import Text

    from newswire.app.supervisor import Supervisor
    from newswire.storage.db import open_database

    settings = load_settings(feeds)
    open_database(settings.db_url, upgrade=True).dispose()
    # On a terminal the counters refresh in place, below the log lines (which print above them).
    live = Live(console=console, auto_refresh=False, transient=False) if for_people() and console.is_terminal else None
    last_said = -1

    def show(statuses: dict[str, list[dict]]) -> None:
        nonlocal last_said
        line = status_line(statuses)
        if live is not None:
            live.update(Text(line), refresh=True)
        elif int(time.monotonic()) // 10 != last_said:  # a pipe or a log file: one line in 10 s
            last_said = int(time.monotonic()) // 10
            say(line, **status_counters(statuses))

    supervisor = Supervisor(settings, on_status=show)
    stop_on_signals(supervisor.request_stop)
    if settings.database_url is None:
        where = f"data in {Path(settings.data_dir).resolve()}"
    else:  # the database the sink writes; the data dir still holds logs and status files
        where = f"database {settings.masked()['database_url']}; logs in {Path(settings.data_dir).resolve() / 'logs'}"
    from newswire.app.web.server import start_beside_pipeline

    web = start_beside_pipeline(settings)
    try:
        if live is not None:
            live.start()
        supervisor.start()
        say(f"newswire running; {where}; Ctrl-C stops (draining first)")
        if web is not None:
            say(f"web interface: {web.address}")
        supervisor.watch()
    finally:
        say("stopping: draining in-flight records ...")
        try:
            supervisor.stop()
        finally:
            if web is not None:
                web.stop()
            if live is not None:
                live.stop()
        say("stopped.")


def serve() -> None:
    """Serve the web interface and JSON API alone, against any newswire database (read-only)."""
    from newswire.app.web.server import serve_forever
    from newswire.errors import SchemaOutOfDate

    try:
        serve_forever(load_settings())
    except (SchemaOutOfDate, OSError) as exc:  # no schema yet, or the port is taken
        console.print(str(exc), style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2)


def status_counters(statuses: dict[str, list[dict]]) -> dict[str, int]:
    """The numbers of ``run``'s status line (the fields of its JSON record when not on a terminal)."""
    return {"feeds_polled": total(statuses, "ingest", "feeds_polled"),
            "feeds_assigned": total(statuses, "ingest", "feeds_assigned"),
            "feeds_failing": total(statuses, "ingest", "feeds_failing"),
            "articles": total(statuses, "sink", "articles_stored"), "events": total(statuses, "sink", "events_stored"),
            "figures": total(statuses, "sink", "figures_stored"),
            "errors": total(statuses, "ingest", "errors") + total(statuses, "process", "dead_letters")}


def status_line(statuses: dict[str, list[dict]]) -> str:
    counts = status_counters(statuses)
    line = (f"feeds polled {counts['feeds_polled']} | articles {counts['articles']} | events {counts['events']} | "
            f"figures {counts['figures']} | errors {counts['errors']}")
    assigned = counts["feeds_assigned"]
    if assigned and counts["feeds_failing"] >= assigned:
        line += (f" | {'the one feed is' if assigned == 1 else f'all {assigned} feeds are'} failing: "
                 "`newswire feeds status --unhealthy` shows why")
    return line



# --- the stages, each on its own against a shared cluster -------------------------------------
def ingest(feeds: Optional[list[str]] = FeedsOption) -> None:
    """Poll feeds, fetch and clean articles, publish them (stage 1)."""
    from newswire.ingest.stage import run_ingest
    from newswire.storage.db import open_database
    from newswire.storage.feedstore import SqlFeedStore
    from newswire.storage.subscriptions import SqlSubscriptionStore

    settings = load_settings(feeds)
    require_cluster(settings, "ingest")
    engine = open_database(settings.db_url, upgrade=False)
    try:
        run_ingest(settings, SqlFeedStore(engine), SqlSubscriptionStore(engine))
    finally:
        engine.dispose()


def process() -> None:
    """Run the Faust worker that extracts figures and events (stage 2)."""
    from newswire.processors.agents import run_worker

    settings = load_settings()
    require_cluster(settings, "process")
    run_worker(settings)


def sink() -> None:
    """Write articles, figures, events and dead letters to the database (stage 3)."""
    from newswire.storage.stage import run_sink

    settings = load_settings()
    require_cluster(settings, "sink")
    run_sink(settings)


def status(once: bool = typer.Option(False, "--once", help="Print one snapshot and exit."),
           interval: float = typer.Option(1.0, min=0.1, help="Seconds between refreshes.")) -> None:
    """Live view of the running pipeline: each process's counters, the sink's lag, database rows."""
    from newswire.app.dashboard import render, take_snapshot, watch

    settings = load_settings()
    if once:
        Console().print(render(take_snapshot(settings.data_dir, settings.db_url), settings.data_dir))
    else:
        watch(settings.data_dir, settings.db_url, Console(), interval)

