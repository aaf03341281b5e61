"""``newswire status``: the running pipeline at a glance, from the status files and the database.

Every stage process writes its counters to ``<data_dir>/status`` about once a second
(``newswire.status``); this view reads them with the database's row counts, and shows each
process's metrics port (its ``/metrics`` and ``/healthz``). ``--once`` prints one snapshot;
otherwise it refreshes in place until Ctrl-C. The same numbers are in Prometheus (``newswire.metrics``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Group
from rich.table import Table

from newswire.status import read_status, total

STALE_S = 10.0  # a status file older than this belongs to a process that stopped reporting

# What each stage's row shows, in order: (status-file counter, label).
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "ingest": [("feeds_polled", "feeds polled"), ("articles_published", "published"), ("errors", "errors"),
               ("feeds_assigned", "feeds assigned"), ("websub_pushes", "pushed"), ("websub_refused", "push refused")],
    "replay": [("articles_published", "published")],
    "process": [("articles", "extracted"), ("figures", "figures"), ("events", "events"),
                ("dead_letters", "dead letters"), ("partitions", "partitions"), ("lag", "lag")],
    "sink": [("articles_stored", "articles"), ("figures_stored", "figures"), ("events_stored", "events"),
             ("extractions_stored", "extractions"), ("dead_letters_stored", "dead letters"), ("lag", "lag"),
             ("caught_up", "caught up")],
    "storify": [("placed", "placed"), ("failed", "placed alone"), ("caught_up", "caught up")],
    "supervisor": [("restarts", "restarts"), ("broker_epoch", "broker epoch"), ("last_restart", "last:")],  # "last: process restarted: no progress ..."
}


@dataclass
class Snapshot:
    taken_at: float
    statuses: dict[str, list[dict]]
    rows: dict[str, int] | None = None  # database row counts; None if it cannot be read
    database_error: str | None = None
    totals: dict[str, int] = field(default_factory=dict)


def _alive(pid: object) -> bool:
    try:
        stat = Path(f"/proc/{int(pid)}/stat").read_text()  # type: ignore[arg-type]
    except (OSError, TypeError, ValueError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def take_snapshot(data_dir: Path, database_url: str) -> Snapshot:
    from newswire.storage.db import make_engine
    from newswire.storage.queries import count_rows

    statuses = read_status(data_dir)
    snapshot = Snapshot(time.time(), statuses)
    try:
        from sqlalchemy.engine import make_url

        url = make_url(database_url)
        if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
            raise FileNotFoundError(f"no database at {url.database} yet")
        engine = make_engine(database_url)
        try:
            snapshot.rows = count_rows(engine)
        finally:
            engine.dispose()
    except Exception as exc:  # noqa: BLE001 - no database yet, or unreachable: show it, keep going
        snapshot.database_error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    lag = sum(sum((entry.get("lag") or {}).values()) for entry in statuses.get("sink", []) if _alive(entry.get("pid")))
    snapshot.totals = {
        "published": total(statuses, "ingest", "articles_published") + total(statuses, "replay", "articles_published"),
        "extracted": total(statuses, "process", "articles"),
        "stored": total(statuses, "sink", "articles_stored"),
        "dead_letters": total(statuses, "sink", "dead_letters_stored"),
        "sink_lag": lag,
    }
    return snapshot


def _show(value: object) -> str:
    if isinstance(value, dict):
        return str(sum(v for v in value.values() if isinstance(v, (int, float))))
    if isinstance(value, list):
        return ",".join(map(str, value)) or "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "-" if value is None else str(value)


def render(snapshot: Snapshot, data_dir: Path) -> Group:
    processes = Table("stage", "pid", "state", "updated", "counters", "metrics", title=f"newswire status ({data_dir})")
    if not snapshot.statuses:
        processes.add_row("-", "-", "no status files", "-", "is `newswire run` using this data dir?", "-")
    for stage in sorted(snapshot.statuses):
        for entry in sorted(snapshot.statuses[stage], key=lambda e: e.get("pid", 0)):
            age = snapshot.taken_at - float(entry.get("updated_at") or 0)
            if entry.get("stopped") or not _alive(entry.get("pid")):
                state = "stopped"
            else:
                state = "stale" if age > STALE_S else "running"
            counters = "  ".join(f"{label} {_show(entry.get(key))}" for key, label in COLUMNS.get(stage, [])
                                 if key in entry)
            port = entry.get("metrics_port")
            processes.add_row(stage, str(entry.get("pid", "?")), state, f"{age:.0f} s ago", counters,
                              f":{port}" if port else "-")
    totals = Table("published", "extracted", "stored", "dead letters", "sink lag", title="pipeline (status files)")
    totals.add_row(*(str(snapshot.totals.get(k, 0)) for k in ("published", "extracted", "stored", "dead_letters",
                                                              "sink_lag")))
    if snapshot.rows is not None:
        database = Table(*snapshot.rows, title="database rows")
        database.add_row(*(str(v) for v in snapshot.rows.values()))
    else:
        database = Table("database", title="database rows")
        database.add_row(f"unavailable: {snapshot.database_error}")
    from rich.text import Text

    from newswire.app.versions import describe

    return Group(Text(describe(), style="dim"), processes, totals, database)


def watch(data_dir: Path, database_url: str, console, interval_s: float = 1.0) -> None:
    """Refresh the view in place until Ctrl-C."""
    from rich.live import Live

    with Live(render(take_snapshot(data_dir, database_url), data_dir), console=console,
              refresh_per_second=4, screen=False) as live:
        try:
            while True:
                time.sleep(interval_s)
                live.update(render(take_snapshot(data_dir, database_url), data_dir))
        except KeyboardInterrupt:
            pass
