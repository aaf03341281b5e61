"""``newswire bench``, ``extract``, ``eval`` and ``tail``: measuring, the extractor alone, and watching a topic."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from newswire.app.options import load_settings, progress, unwind_on_sigterm
from newswire.logs import console, say


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
    from newswire.app.bench import render, render_worst_case, run_benchmark, write_report
    from newswire.app.bench.worst import measure_worst_cases

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
        with progress() as bars:
            report = run_benchmark(articles, corpus, slow_db_ms, workers, settings, bars, sizes, pace)
        Console().print(render(report))
    Console().print(render_worst_case(report["worst_case"]))
    if json_path is not None:
        write_report(report, json_path)
        say(f"report written to {json_path}", path=str(json_path))



# --- the extractor -----------------------------------------------------------------------------
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


def evaluate_command(gold: Path = typer.Argument(..., exists=True, dir_okay=False),
                     as_json: bool = typer.Option(False, "--json", help="Print the report as JSON.")) -> None:
    """Score the extractor against a gold file of annotated texts (format: docs/gold-format.md)."""
    from newswire.processors.evaluate import evaluate, render_report

    with open(gold, encoding="utf-8") as source:
        report = evaluate(json.loads(line) for line in source if line.strip())
    print(json.dumps(report, indent=2) if as_json else render_report(report))



def tail(topic: str = typer.Argument(..., help="figures, events, articles, deadletter (or a full topic name)"),
         from_beginning: bool = typer.Option(False, "--from-beginning", help="Start at the oldest record."),
         follow: bool = typer.Option(False, "--follow", "-f", help="Keep waiting for new records."),
         category: Optional[str] = typer.Option(None, help="Figures of this category only (killed, money...)."),
         event_type: Optional[str] = typer.Option(None, "--type", help="Events of this type only."),
         article: Optional[str] = typer.Option(None, help="Records of this article id (prefix) only."),
         as_json: bool = typer.Option(False, "--json", help="Print records as JSON lines."),
         limit: Optional[int] = typer.Option(None, help="Stop after this many records.")) -> None:
    """Print the records flowing on a topic, readably."""
    from newswire.app.broker import running_bootstrap
    from newswire.errors import BrokerError
    from newswire.app.tail import tail as tail_topic
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

