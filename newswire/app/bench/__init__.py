"""``newswire bench``: the pipeline's throughput against what this machine can do at most, in one run.

Three measurements on the same input (``pages``): (a) the in-process ceiling (``ceiling``), (b) the
full pipeline on the embedded broker (``pipeline``) and (c) the obvious script (``script``:
trafilatura's ``bare_extraction`` on every core, nothing stored); the pipeline's ratio to each, its
latency percentiles, and CPU (user + sys) and peak RSS (VmHWM) of every process, read from ``/proc``: broker,
worker, sink, the publisher (this process) and its cleaning processes. A third section, ``worst_case``
(``worst``), times the extractor on hostile texts at a small and a large size: its cost must stay linear.
The ``stories`` section is the stories stage (copies, stories, series), which runs beside the
pipeline's sink as under ``newswire run``: its CPU per article placed, at the pipeline's rate.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import shutil
import tempfile
import uuid
from pathlib import Path

from newswire.app.bench.ceiling import measure_ceiling
from newswire.app.bench.pages import SYNTHETIC_PAGES, write_synthetic_corpus
from newswire.app.bench.phase import percentile
from newswire.app.bench.pipeline import measure_pipeline
from newswire.app.bench.script import measure_script
from newswire.app.bench.worst import DEFAULT_SIZES_KB, measure_worst_cases
from newswire.settings import Settings
from newswire.app.versions import versions

log = logging.getLogger(__name__)


def run_benchmark(articles: int, corpus: Path | None = None, slow_db_ms: float = 0.0, workers: int | None = None,
                  base: Settings | None = None, progress=None,
                  worst_case_kb: tuple[float, ...] = DEFAULT_SIZES_KB, pace_per_s: float = 0.0) -> dict:
    """Both measurements and the worst cases; returns the report (what ``--json`` writes)."""
    workers = workers or os.cpu_count() or 1
    base = base or Settings()
    scratch = Path(tempfile.mkdtemp(prefix="newswire-bench-"))
    unique = uuid.uuid4().hex[:8]
    settings = base.model_copy(update=dict(
        kafka_bootstrap=base.kafka_bootstrap, database_url=None, data_dir=scratch, topic_prefix=f"bench{unique}.",
        consumer_group_prefix=f"bench{unique}", metrics_port=None))

    def task(name: str):
        if progress is None:
            return lambda *args: None
        task_id = progress.add_task(name, total=articles)
        return lambda done, total=None: progress.update(task_id, completed=done)

    try:
        pages = corpus or write_synthetic_corpus(scratch / "pages")
        ceiling = measure_ceiling(settings, articles, pages, workers, task("ceiling: clean+extract+store"))
        pipeline = measure_pipeline(settings, articles, pages, workers, slow_db_ms,
                                    task("pipeline: published"), task("pipeline: stored"), pace_per_s)
        script = measure_script(articles, pages, workers, task("script: bare_extraction"))
    except Exception:
        log.error("bench failed; its database and logs are kept in %s", scratch)
        raise
    except BaseException:  # Ctrl-C or SIGTERM: stopped on purpose, nothing worth keeping
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    shutil.rmtree(scratch, ignore_errors=True)
    worst = measure_worst_cases(worst_case_kb)
    lat = pipeline.latencies_ms
    ratio = pipeline.phase.articles_per_s / ceiling.articles_per_s if ceiling.articles_per_s else 0.0
    ceiling_cpu, pipeline_cpu = ceiling.to_json()["cpu_ms_per_article"], pipeline.phase.to_json()["cpu_ms_per_article"]
    return {
        "articles": articles,
        "input": str(corpus) if corpus else f"{SYNTHETIC_PAGES} synthetic news-site pages (newswire.app.bench.synthetic)",
        "slow_db_ms": slow_db_ms,
        "pace_per_s": pace_per_s,  # the pipeline's publishing rate (0: as fast as it can)
        "broker": settings.kafka_bootstrap or "embedded Tansu",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "cleaning_workers": workers},
        "versions": versions(),  # newswire, extractor, schema
        "ceiling_articles_per_s": round(ceiling.articles_per_s, 2),
        "pipeline_articles_per_s": round(pipeline.phase.articles_per_s, 2),
        "ratio": round(ratio, 3),
        # The obvious script (newswire.app.bench.script) on the same pages: pipeline articles/s over its.
        "script_articles_per_s": round(script.articles_per_s, 2),
        "pipeline_vs_script": round(pipeline.phase.articles_per_s / script.articles_per_s, 3)
        if script.articles_per_s else None,
        # Ceiling CPU per article over the pipeline's: what the ratio would be with both on idle cores
        # (it does not move with the other load of a shared machine, the ratio does).
        "cpu_ratio": round(ceiling_cpu / pipeline_cpu, 3) if ceiling_cpu and pipeline_cpu else None,
        "latency_ms": {"p50": round(percentile(lat, 50), 1), "p95": round(percentile(lat, 95), 1),
                       "p99": round(percentile(lat, 99), 1), "max": round(max(lat, default=0.0), 1),
                       "articles": len(lat),
                       "measures": "producer.send called -> sink committed the article's last row"},
        "peak_rss_mb": {k: round(v, 1) for k, v in pipeline.phase.peak_rss_mb.items()},
        "max_sink_lag_messages": pipeline.max_sink_lag,
        "ceiling": ceiling.to_json(),
        "pipeline": pipeline.phase.to_json() | {"published": pipeline.published},
        "stories": pipeline.stories,  # the stories stage beside the pipeline, at its rate
        "script": script.to_json(),
        "worst_case": worst,
    }


def render(report: dict):
    """A rich table of the report."""
    from rich.table import Table

    ceiling, pipeline = report["ceiling"], report["pipeline"]
    table = Table("", "ceiling (in-process)", "pipeline (broker)", title=(
        f"newswire bench: {report['articles']} articles, {report['input']}"
        + (f", slow database {report['slow_db_ms']:g} ms/batch" if report["slow_db_ms"] else "")
        + (f", pipeline paced at {report['pace_per_s']:g} articles/s" if report.get("pace_per_s") else "")))
    table.add_row("articles stored / failed", f"{ceiling['articles']} / {ceiling['failed']}",
                  f"{pipeline['articles']} / {pipeline['failed']}")
    table.add_row("seconds", f"{ceiling['seconds']:.1f}", f"{pipeline['seconds']:.1f}")
    table.add_row("articles/s", f"{ceiling['articles_per_s']:.1f}", f"{pipeline['articles_per_s']:.1f}")
    table.add_row("ratio", "", f"[bold]{report['ratio']:.3f}[/bold]")
    table.add_row("script (bare_extraction, all cores) articles/s", "", f"{report['script_articles_per_s']:.1f}")
    table.add_row("pipeline_vs_script", "", f"[bold]{report['pipeline_vs_script']}[/bold]")
    table.add_row("CPU ms / article", str(ceiling["cpu_ms_per_article"]), str(pipeline["cpu_ms_per_article"]))
    table.add_row("CPU ratio (ceiling / pipeline CPU per article)", "", str(report["cpu_ratio"]))
    table.add_row("cores busy", str(ceiling["cores_busy"]), str(pipeline["cores_busy"]))
    for name in sorted(set(ceiling["cpu_s"]) | set(pipeline["cpu_s"])):
        table.add_row(f"CPU s: {name}", str(ceiling["cpu_s"].get(name, "")), str(pipeline["cpu_s"].get(name, "")))
    for name in sorted(set(ceiling["peak_rss_mb"]) | set(pipeline["peak_rss_mb"])):
        table.add_row(f"peak RSS MiB: {name}", str(ceiling["peak_rss_mb"].get(name, "")),
                      str(pipeline["peak_rss_mb"].get(name, "")))
    latency = report["latency_ms"]
    table.add_row("latency ms p50 / p95 / p99", "",
                  f"{latency['p50']:.0f} / {latency['p95']:.0f} / {latency['p99']:.0f}")
    table.add_row("max sink lag (messages)", "", str(report["max_sink_lag_messages"]))
    stories = report.get("stories") or {}
    table.add_row("stories stage (copies+stories+series) CPU ms / article", "",
                  f"{stories.get('cpu_ms_per_article')} ({stories.get('articles', 0)} of "
                  f"{stories.get('stored', 0)} placed)")
    table.add_row("stories stage peak RSS MiB", "", str(stories.get("peak_rss_mb", "")))
    return table


def render_worst_case(worst: dict):
    """A rich table of the ``worst_case`` section: ms per KB of each hostile class at each size."""
    from rich.table import Table

    sizes = worst["sizes_kb"]
    table = Table("class", *(f"ms/KB at {kb:g} KB" for kb in sizes), "ratio (largest / smallest)", title=(
        f"extractor worst cases: cost per KB, target ratio <= {worst['target_ratio']:g}"))
    for name, row in worst["classes"].items():
        table.add_row(name, *(f"{size['ms_per_kb']:.2f}" for size in row["sizes"]), f"{row['ratio']:.2f}")
    return table


def write_report(report: dict, path: Path) -> None:
    Path(path).write_text(json.dumps(report, indent=2) + "\n")
