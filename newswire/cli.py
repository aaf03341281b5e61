"""The ``newswire`` command: the one place that builds Settings and wires stages together."""

from __future__ import annotations

import json
import signal
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from newswire.logs import console, for_people, say, setup_logging
from newswire.settings import Settings

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="Streaming news ingestion: feeds -> Kafka -> extractors -> database.")
from newswire.cli_feeds import feeds_app
db_app = typer.Typer(no_args_is_help=True, help="Database schema.")
config_app = typer.Typer(no_args_is_help=True, help="Configuration.")
app.add_typer(feeds_app, name="feeds")
app.add_typer(db_app, name="db")
app.add_typer(config_app, name="config")

FeedsOption = typer.Option(None, "--feeds", help="Feed URLs or OPML/list files (overrides NEWSWIRE_FEEDS).")


def load_settings(feeds: Optional[list[str]] = None, **overrides: object) -> Settings:
    settings = Settings(**({"feeds": feeds} if feeds else {}), **{k: v for k, v in overrides.items() if v is not None})
    setup_logging(settings.log_level, settings.log_format)
    Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    return settings


def _show_version(value: bool) -> None:
    if value:
        from newswire.versions import describe

        print(describe())
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                      help="Print newswire's, the extractor's and the schema's versions, and exit.")
         ) -> None:
    """Streaming news ingestion: feeds -> Kafka -> extractors -> database."""


def stop_on_signals(callback) -> None:
    signal.signal(signal.SIGINT, callback)
    signal.signal(signal.SIGTERM, callback)


def unwind_on_sigterm() -> None:
    """SIGTERM unwinds like Ctrl-C, so process pools, child stages and scratch files are cleaned up
    (Python's default for SIGTERM ends the process on the spot, leaving pool workers behind)."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)


# --- the whole pipeline ------------------------------------------------------------------------
@app.command()
def run(feeds: Optional[list[str]] = FeedsOption) -> None:
    """Monitor the configured feeds continuously: broker (if embedded), ingest, process, sink."""
    from rich.live import Live
    from rich.text import Text

    from newswire.supervisor import Supervisor
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
    try:
        if live is not None:
            live.start()
        supervisor.start()
        say(f"newswire running; {where}; Ctrl-C stops (draining first)")
        supervisor.watch()
    finally:
        say("stopping: draining in-flight records ...")
        try:
            supervisor.stop()
        finally:
            if live is not None:
                live.stop()
        say("stopped.")


def status_counters(statuses: dict[str, list[dict]]) -> dict[str, int]:
    """The numbers of ``run``'s status line (the fields of its JSON record when not on a terminal)."""
    from newswire.status import total

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
def _require_cluster(settings: Settings, stage: str) -> str:
    if settings.embedded:
        console.print(f"[red]`newswire {stage}` runs one stage against a shared cluster: set "
                      "NEWSWIRE_KAFKA_BOOTSTRAP (or use `newswire run` for everything on the embedded broker)[/red]")
        raise typer.Exit(2)
    return settings.kafka_bootstrap or ""


@app.command()
def ingest(feeds: Optional[list[str]] = FeedsOption) -> None:
    """Poll feeds, fetch and clean articles, publish them (stage 1)."""
    from newswire.stages import run_ingest

    settings = load_settings(feeds)
    _require_cluster(settings, "ingest")
    run_ingest(settings)


@app.command()
def process() -> None:
    """Run the Faust worker that extracts figures and events (stage 2)."""
    from newswire.processors.agents import run_worker

    settings = load_settings()
    _require_cluster(settings, "process")
    run_worker(settings)


@app.command()
def sink() -> None:
    """Write articles, figures, events and dead letters to the database (stage 3)."""
    from newswire.stages import run_sink

    settings = load_settings()
    _require_cluster(settings, "sink")
    run_sink(settings)


# --- history: replay archives, reprocess what is stored -----------------------------------------
def _parse_time(value: Optional[str], option: str) -> Optional[datetime]:
    """``--since``/``--until`` in UTC (naive: UTC); a usage error (one line, exit 2) if it is not one."""
    from newswire.records import as_utc

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


def _print_summary(summary) -> None:
    table = Table("read", "outside window", "unchanged", "published", "dead letters", "known failures", "stored",
                  "failed in pipeline", "seconds", "articles/s", title="summary")
    table.add_row(*(str(v) for v in (summary.read, summary.outside_window, summary.unchanged, summary.published,
                                      summary.dead_letters, summary.known_failures, summary.stored,
                                      summary.failed_in_pipeline)),
                  f"{summary.seconds:.1f}", f"{summary.articles_per_s:.1f}")
    Console().print(table)
    if summary.dead_letter_reasons:
        say("dead letters by reason: " + ", ".join(
            f"{reason}={count}" for reason, count in sorted(summary.dead_letter_reasons.items())),
            dead_letter_reasons=summary.dead_letter_reasons)


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=False, disable=not for_people())


def _print_replay_files(summary) -> None:
    """Per file: records read, new versions, unchanged, skipped and dead letters by reason; then the
    date sources. Printed before the summary table, which stays the last table of the output."""
    def reasons(counts: dict[str, int]) -> str:
        return ", ".join(f"{reason}={n}" for reason, n in sorted(counts.items())) or "-"

    out = Console()  # stdout, with the summary table
    table = Table("file", "read", "new versions", "stored", "unchanged", "skipped", "dead letters",
                  title="replayed files")
    for source, counts in summary.files.items():
        table.add_row(source, str(counts.read), str(counts.articles), str(counts.stored), str(counts.unchanged),
                      reasons(counts.skipped), reasons(counts.dead_letters))
    out.print(table)
    for source, counts in summary.files.items():
        if counts.read and sum(counts.dead_letters.values()) + counts.known_failures == counts.read:
            why = reasons(counts.dead_letters) if counts.dead_letters else "failed the same way before"
            out.print(f"could not read {source}: {why}", style="red", markup=False, highlight=False, soft_wrap=True)
    if summary.date_sources:
        out.print("publication dates from: " + reasons(summary.date_sources), highlight=False)
    if summary.renumbered:
        out.print(f"versions renumbered by capture time: {summary.renumbered}", highlight=False)


@app.command()
def replay(sources: list[Path] = typer.Argument(..., exists=True, dir_okay=False,
                                                help="WARC (.warc/.warc.gz), feed XML archives, or JSONL of articles."),
           since: Optional[str] = typer.Option(None, help="Only articles published at or after this time."),
           until: Optional[str] = typer.Option(None, help="Only articles published before this time."),
           wait: bool = typer.Option(False, "--wait", help="On a shared cluster: wait until the sink stored all."),
           workers: Optional[int] = typer.Option(None, help="Cleaning processes (default: all cores)."),
           json_path: Optional[Path] = typer.Option(None, "--json", dir_okay=False,
                                                    help="Also write the summary, per file, as JSON here.")) -> None:
    """Push archived news through the same clean -> extract -> sink path."""
    unwind_on_sigterm()
    from newswire.ingest.replay import Skipped, clean_all, in_window, read_sources
    from newswire.history import HistorySummary, VersionLedger, publish_history, versioned
    from newswire.records import ArticleRecord
    from newswire.storage.db import open_database

    settings = load_settings()
    start, end = _parse_time(since, "--since"), _parse_time(until, "--until")
    engine = open_database(settings.db_url, upgrade=settings.embedded)
    summary = HistorySummary()
    ledger = VersionLedger(engine)
    with _progress() as progress:
        reading = progress.add_task("read", total=None)
        storing = progress.add_task("stored", total=None)

        def counted(outcomes):
            for source, outcome in outcomes:
                summary.read += 1
                counts = summary.file(source)
                counts.read += 1
                progress.update(reading, completed=summary.read)
                if isinstance(outcome, Skipped):
                    summary.skipped[outcome.reason] = summary.skipped.get(outcome.reason, 0) + 1
                    counts.skipped[outcome.reason] = counts.skipped.get(outcome.reason, 0) + 1
                    continue
                if isinstance(outcome, ArticleRecord) and not in_window(outcome, start, end):
                    summary.outside_window += 1
                    counts.outside_window += 1
                    continue
                yield source, outcome

        records = versioned(counted(clean_all(read_sources(sources, settings.max_response_bytes), workers)), engine, summary, ledger)
        publish_history(settings, engine, records, summary, wait=wait, ledger=ledger,
                        on_stored=lambda done, total: progress.update(storing, completed=done, total=total))
    summary.count_stored(engine)
    engine.dispose()
    _print_replay_files(summary)
    if summary.skipped:
        Console().print("skipped (not pages, or not 2xx): " + ", ".join(
            f"{reason}={count}" for reason, count in sorted(summary.skipped.items())), highlight=False)
    _print_summary(summary)
    if json_path is not None:
        json_path.write_text(json.dumps(summary.as_dict(), indent=2, default=str) + "\n")


@app.command()
def reprocess(since: Optional[str] = typer.Option(None, help="Articles published at or after this time."),
              until: Optional[str] = typer.Option(None, help="Articles published before this time.")) -> None:
    """Re-run the current extractor over stored articles; newer results replace older ones."""
    unwind_on_sigterm()
    from newswire.history import HistorySummary, publish_history, stored_articles
    from newswire.processors.extract import EXTRACTOR_VERSION
    from newswire.storage.db import open_database

    settings = load_settings()
    start, end = _parse_time(since, "--since"), _parse_time(until, "--until")
    engine = open_database(settings.db_url, upgrade=settings.embedded)
    summary = HistorySummary()
    with _progress() as progress:
        reading = progress.add_task("republished", total=None)
        storing = progress.add_task("re-extracted", total=None)

        def counted():
            for record in stored_articles(engine, start, end):
                summary.read += 1
                progress.update(reading, completed=summary.read)
                yield record

        publish_history(settings, engine, counted(), summary, wait=True, extractor_version=EXTRACTOR_VERSION,
                        on_stored=lambda done, total: progress.update(storing, completed=done, total=total))
    engine.dispose()
    _print_summary(summary)


@app.command()
def bench(articles: int = typer.Option(1000, "--articles", min=1, help="Articles to push through each measurement."),
          corpus: Optional[Path] = typer.Option(None, exists=True, file_okay=False,
                                                help="Directory of .html pages (recursive, cycled to reach N); "
                                                     "default: synthetic pages."),
          json_path: Optional[Path] = typer.Option(None, "--json", dir_okay=False, help="Write the report here."),
          slow_db_ms: float = typer.Option(0.0, "--slow-db-ms", min=0,
                                           help="The sink sleeps this long per batch: a slow database."),
          workers: Optional[int] = typer.Option(None, help="Cleaning processes (default: all cores)."),
          worst_case_only: bool = typer.Option(False, "--worst-case-only",
                                               help="Only time the extractor on hostile texts (no broker)."),
          worst_case_kb: str = typer.Option("2,200", "--worst-case-kb",
                                            help="Sizes in KB of the hostile texts, comma-separated."),
          pace: float = typer.Option(0.0, "--pace", min=0,
                                     help="Publish at this many articles/s (latency below full load); 0: flat out.")
          ) -> None:
    """Measure the pipeline on the embedded broker against the machine's in-process ceiling."""
    unwind_on_sigterm()
    from newswire.bench import render, render_worst_case, run_benchmark, write_report
    from newswire.bench.worst import measure_worst_cases

    try:
        sizes = tuple(float(kb) for kb in worst_case_kb.split(","))
        if len(sizes) < 2 or min(sizes) <= 0:
            raise ValueError
    except ValueError:
        raise typer.BadParameter("two or more positive sizes in KB, e.g. 2,200", param_hint="--worst-case-kb")
    if worst_case_only:
        report = {"worst_case": measure_worst_cases(sizes)}
    else:
        settings = load_settings()
        with _progress() as progress:
            report = run_benchmark(articles, corpus, slow_db_ms, workers, settings, progress, sizes, pace)
        Console().print(render(report))
    Console().print(render_worst_case(report["worst_case"]))
    if json_path is not None:
        write_report(report, json_path)
        say(f"report written to {json_path}", path=str(json_path))


@app.command()
def status(once: bool = typer.Option(False, "--once", help="Print one snapshot and exit."),
           interval: float = typer.Option(1.0, min=0.1, help="Seconds between refreshes.")) -> None:
    """Live view of the running pipeline: each process's counters, the sink's lag, database rows."""
    from newswire.dashboard import render, take_snapshot, watch

    settings = load_settings()
    if once:
        Console().print(render(take_snapshot(settings.data_dir, settings.db_url), settings.data_dir))
    else:
        watch(settings.data_dir, settings.db_url, Console(), interval)


# --- queries -------------------------------------------------------------------------------------
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
    start, end = _parse_time(since, "--since"), _parse_time(until, "--until")
    engine = open_database(settings.db_url, upgrade=False)
    try:
        rows = getattr(queries, lister)(engine, since=start, until=end, **filters)
    finally:
        engine.dispose()
    _emit(rows, columns, fmt, lister.removeprefix("list_"))


@app.command()
def figures(category: Optional[str] = typer.Option(None, help="killed, injured, money, percent, ..."),
            source: Optional[str] = typer.Option(None, help="Attributed to a source containing this."),
            since: Optional[str] = SinceOption, until: Optional[str] = UntilOption,
            text: Optional[str] = SearchOption, limit: int = LimitOption, fmt: str = FormatOption) -> None:
    """Figures found, newest first, each traceable to its article, sentence and span."""
    _query("list_figures", ["published_at", "category", "text", "unit", "qualifier", "source", "anchor_phrase",
                            "article_title"], fmt, since, until,
           category=category, source=source, text=text, limit=limit)


@app.command()
def events(event_type: Optional[str] = typer.Option(None, "--type", help="attack, talks, arrest, ..."),
           since: Optional[str] = SinceOption, until: Optional[str] = UntilOption,
           text: Optional[str] = SearchOption, limit: int = LimitOption, fmt: str = FormatOption) -> None:
    """Events found, newest first."""
    _query("list_events", ["published_at", "type", "trigger", "date", "location", "actors", "article_title"],
           fmt, since, until, type=event_type, text=text, limit=limit)


# --- the extractor -----------------------------------------------------------------------------
@app.command()
def extract(jsonl: Path = typer.Option(..., "--jsonl", exists=True, dir_okay=False,
                                       help='Lines of {"id", "text", "published"}; "-" is not accepted.'),
            output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout.")) -> None:
    """Extract figures and events from a JSONL file of texts."""
    from newswire.processors.extract import extract_jsonl

    with open(jsonl, encoding="utf-8") as source:
        if output is None:
            count = extract_jsonl(source, sys.stdout)
        else:
            with open(output, "w", encoding="utf-8") as out:
                count = extract_jsonl(source, out)
    say(f"{count} texts extracted", texts=count)


@app.command("eval")
def evaluate_command(gold: Path = typer.Argument(..., exists=True, dir_okay=False),
                     as_json: bool = typer.Option(False, "--json", help="Print the report as JSON.")) -> None:
    """Score the extractor against a gold file of annotated texts (format: docs/gold-format.md)."""
    from newswire.processors.evaluate import evaluate, render_report

    with open(gold, encoding="utf-8") as source:
        report = evaluate(json.loads(line) for line in source if line.strip())
    print(json.dumps(report, indent=2) if as_json else render_report(report))


@app.command()
def tail(topic: str = typer.Argument(..., help="figures, events, articles, deadletter (or a full topic name)"),
         from_beginning: bool = typer.Option(False, "--from-beginning", help="Start at the oldest record."),
         follow: bool = typer.Option(False, "--follow", "-f", help="Keep waiting for new records."),
         category: Optional[str] = typer.Option(None, help="Figures of this category only (killed, money...)."),
         event_type: Optional[str] = typer.Option(None, "--type", help="Events of this type only."),
         article: Optional[str] = typer.Option(None, help="Records of this article id (prefix) only."),
         as_json: bool = typer.Option(False, "--json", help="Print records as JSON lines."),
         limit: Optional[int] = typer.Option(None, help="Stop after this many records.")) -> None:
    """Print the records flowing on a topic, readably."""
    from newswire.broker import running_bootstrap
    from newswire.errors import BrokerError
    from newswire.tail import tail as tail_topic
    from newswire.topics import topic_by_short_name

    settings = load_settings()
    try:
        chosen = topic_by_short_name(topic)
        bootstrap = running_bootstrap(settings.kafka_bootstrap, settings.data_dir)
    except (KeyError, BrokerError) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2)

    def keep(record: dict) -> bool:
        return ((category is None or record.get("category") == category)
                and (event_type is None or record.get("type") == event_type)
                and (article is None or str(record.get("article_id", "")).startswith(article)))

    tail_topic(bootstrap, chosen, chosen.full_name(settings.topic_prefix), from_beginning=from_beginning,
               follow=follow, keep=keep, out=sys.stdout, as_json=as_json, limit=limit)


# --- feeds, database, configuration -------------------------------------------------------------
@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the database schema to this version of newswire (Alembic migrations)."""
    from newswire.storage.db import upgrade

    settings = load_settings()
    upgrade(settings.db_url)
    say("database schema is up to date")


@config_app.command("show")
def config_show() -> None:
    """Print the effective settings (secrets masked)."""
    settings = Settings()
    table = Table("setting", "value", "environment variable")
    for column in table.columns:
        column.overflow = "fold"  # a URL cut short would hide which database this is
    for name, value in settings.masked().items():
        table.add_row(name, json.dumps(value) if not isinstance(value, str) else value, f"NEWSWIRE_{name.upper()}")
    Console().print(table)


if __name__ == "__main__":
    app()
