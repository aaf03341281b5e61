"""``newswire replay`` (archives) and ``newswire reprocess`` (what is stored), with their summaries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from newswire.app.options import load_settings, parse_time, progress, unwind_on_sigterm
from newswire.logs import say


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
    from newswire.app.history import HistorySummary, VersionLedger, publish_history, versioned
    from newswire.records import ArticleRecord
    from newswire.storage.db import open_database

    settings = load_settings()
    start, end = parse_time(since, "--since"), parse_time(until, "--until")
    engine = open_database(settings.db_url, upgrade=settings.embedded)
    summary = HistorySummary()
    ledger = VersionLedger(engine)
    with progress() as bars:
        reading = bars.add_task("read", total=None)
        storing = bars.add_task("stored", total=None)

        def counted(outcomes):
            for source, outcome in outcomes:
                summary.read += 1
                counts = summary.file(source)
                counts.read += 1
                bars.update(reading, completed=summary.read)
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
                        on_stored=lambda done, total: bars.update(storing, completed=done, total=total))
    summary.count_stored(engine)
    engine.dispose()
    _print_replay_files(summary)
    if summary.skipped:
        Console().print("skipped (not pages, or not 2xx): " + ", ".join(
            f"{reason}={count}" for reason, count in sorted(summary.skipped.items())), highlight=False)
    _print_summary(summary)
    if json_path is not None:
        json_path.write_text(json.dumps(summary.as_dict(), indent=2, default=str) + "\n")


def reprocess(since: Optional[str] = typer.Option(None, help="Articles published at or after this time."),
              until: Optional[str] = typer.Option(None, help="Articles published before this time.")) -> None:
    """Re-run the current extractor over stored articles; newer results replace older ones."""
    unwind_on_sigterm()
    from newswire.app.history import HistorySummary, publish_history
    from newswire.storage.versions import newest_articles
    from newswire.processors.extract import EXTRACTOR_VERSION
    from newswire.storage.db import open_database

    settings = load_settings()
    start, end = parse_time(since, "--since"), parse_time(until, "--until")
    engine = open_database(settings.db_url, upgrade=settings.embedded)
    summary = HistorySummary()
    with progress() as bars:
        reading = bars.add_task("republished", total=None)
        storing = bars.add_task("re-extracted", total=None)

        def counted():
            for record in newest_articles(engine, start, end):
                summary.read += 1
                bars.update(reading, completed=summary.read)
                yield record

        publish_history(settings, engine, counted(), summary, wait=True, extractor_version=EXTRACTOR_VERSION,
                        on_stored=lambda done, total: bars.update(storing, completed=done, total=total))
    engine.dispose()
    _print_summary(summary)

