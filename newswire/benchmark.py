"""``newswire bench``: the pipeline's throughput against what this machine can do at most, in one run.

Two measurements on the same input (synthetic pages from ``newswire.synthetic``, or the HTML files
of ``--corpus``, cycled to reach N, each copy under a distinct URL so it is a distinct article):

(a) the **ceiling**: clean + extract + store in a plain loop on all cores: a process pool cleans and
    extracts, this process writes the records with ``storage.writer.RecordWriter`` into a fresh
    SQLite file, in transactions of ``sink_batch_size`` records (as the sink does). Articles/s from
    the first page handed to the pool to the last commit.
(b) the **pipeline**: replay's path on the embedded broker: a pool cleans, this process publishes
    ``ArticleRecord``s with replay's ``Publisher`` (kafka-python), the Faust worker extracts, the sink
    stores (a ``Supervisor`` runs broker and worker; the sink is the real ``run_sink`` with its
    ``RecordWriter`` wrapped by :class:`TimedWriter`, which notes when each batch committed).
    Articles/s from the first publish to the last row committed.

Latency of an article = the time its last row (article, figure, event or extraction marker) was
committed by the sink (wall clock right after the transaction's COMMIT returned) minus the time the
publisher called ``producer.send`` for it. It covers queueing in the producer, the broker, the
worker, the sink's batching and the database. Both clocks are this machine's ``time.time()``.

CPU (user + sys) and peak RSS (VmHWM) come from ``/proc`` for every process: broker, worker, sink,
the publisher (this process) and its cleaning processes. ``--slow-db-ms`` makes the sink sleep that
long before each batch's transaction: a deliberately slow database, to show back-pressure.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import shutil
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from ingest.replay import ArchivedItem, lower_priority, to_record
from newswire.procstat import ProcSampler, cpu_between, reset_peak
from newswire.records import ArticleRecord, DeadLetterRecord, _Record
from newswire.settings import Settings
from newswire.synthetic import make_page

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARMUP_ARTICLES = 20
STALL_S = 180.0  # no article stored for this long: the run failed (e.g. a worker stuck re-joining its group)
READ_AHEAD_PER_WORKER = 32  # pages in flight a cleaning process: bounded memory, busy cores


# --- input -----------------------------------------------------------------------------------------
def corpus_files(corpus: Path) -> list[Path]:
    files = sorted(p for p in Path(corpus).rglob("*") if p.is_file() and p.suffix.lower() in HTML_SUFFIXES)
    if not files:
        raise ValueError(f"no .html files under {corpus}")
    return files


def bench_items(count: int, corpus: Path | None, tag: str) -> Iterator[ArchivedItem]:
    """``count`` pages, read lazily; ``tag`` keeps the URLs (so the ids) of two runs apart."""
    # No real site: a page's absolute rel=canonical is ignored, and a relative one resolves to the
    # copy's own host (one a cycle through the corpus), so every copy is a distinct article.
    host = f"https://{tag}.bench.newswire.invalid"
    if corpus is None:
        for i in range(count):
            page = make_page(i, base_url=host)
            yield ArchivedItem(source="synthetic", url=page.url, html=page.html)
        return
    files = corpus_files(corpus)
    for i in range(count):
        path = files[i % len(files)]
        copy_host = f"https://c{i // len(files)}.{tag}.bench.newswire.invalid"
        yield ArchivedItem(source=str(path), url=f"{copy_host}/{path.relative_to(corpus).as_posix()}",
                           html=path.read_bytes())


def _clean(item: ArchivedItem) -> tuple[int, ArticleRecord | DeadLetterRecord]:
    return os.getpid(), to_record(item)


def _clean_and_extract(item: ArchivedItem) -> tuple[int, list[_Record]]:
    from newswire.records import ExtractionRecord
    from processors.agents import build_results
    from processors.extract import EXTRACTOR_VERSION, extract

    record = to_record(item)
    if isinstance(record, DeadLetterRecord):
        return os.getpid(), [record]
    figures, events = build_results(record, extract(record.text, record.published_at))
    done = ExtractionRecord(article_id=record.article_id, article_version=record.version,
                            extractor_version=EXTRACTOR_VERSION, figures=len(figures), events=len(events))
    return os.getpid(), [record, *figures, *events, done]


def in_order(pool: ProcessPoolExecutor, function: Callable, items: Iterable, window: int,
             on_worker: Callable[[int], None]) -> Iterator:
    """``function(item)`` on the pool, results in input order, at most ``window`` in flight."""
    pending: list = []
    seen: set[int] = set()

    def result(future):
        pid, value = future.result()
        if pid not in seen:
            seen.add(pid)
            on_worker(pid)
        return value

    for item in items:
        pending.append(pool.submit(function, item))
        if len(pending) >= window:
            yield result(pending.pop(0))
    for future in pending:
        yield result(future)


def _pool(workers: int) -> ProcessPoolExecutor:
    # forkserver: workers start from a clean process, not a fork of one running producer threads
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver"),
                               initializer=lower_priority)


# --- results ---------------------------------------------------------------------------------------
@dataclass
class Phase:
    articles: int = 0  # stored
    failed: int = 0  # pages that did not clean (dead letters)
    seconds: float = 0.0
    cpu_s: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict:
        total = sum(self.cpu_s.values())
        return {"articles": self.articles, "failed": self.failed, "seconds": round(self.seconds, 3),
                "articles_per_s": round(self.articles_per_s, 2), "cpu_s": self.cpu_s,
                "cpu_s_total": round(total, 2),
                "cpu_ms_per_article": round(1000 * total / self.articles, 2) if self.articles else None,
                "cores_busy": round(total / self.seconds, 2) if self.seconds else None,
                "peak_rss_mb": {k: round(v, 1) for k, v in self.peak_rss_mb.items()}}


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of ``values`` (sorted or not); 0.0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _pool_peaks(peaks: dict[str, float], cpu: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """Pool workers summed (CPU) and maxed (memory) under one name, ``clean_workers``."""
    workers = [name for name in set(peaks) | set(cpu) if name.startswith("clean-")]
    if workers:
        cpu = {k: v for k, v in cpu.items() if k not in workers} | {
            "clean_workers": round(sum(cpu.get(name, 0.0) for name in workers), 3)}
        peaks = {k: v for k, v in peaks.items() if k not in workers} | {
            "clean_workers": max(peaks.get(name, 0.0) for name in workers)}
    return peaks, cpu


# --- (a) the ceiling -------------------------------------------------------------------------------
def measure_ceiling(settings: Settings, count: int, corpus: Path | None, workers: int,
                    on_progress: Callable[[int], None] = lambda n: None) -> Phase:
    from storage.db import open_database
    from storage.writer import RecordWriter

    phase = Phase()
    scratch = Path(tempfile.mkdtemp(prefix="newswire-bench-ceiling-"))
    sampler = ProcSampler().start()
    sampler.watch("main", os.getpid())
    engine = open_database(f"sqlite:///{scratch / 'ceiling.db'}", upgrade=True)
    try:
        writer = RecordWriter(engine)
        with _pool(workers) as pool:
            watch = lambda pid: sampler.watch(f"clean-{pid}", pid)  # noqa: E731
            list(in_order(pool, _clean_and_extract, bench_items(workers * 2, corpus, "warm"), workers * 2, watch))
            reset_peak()
            sampler.forget_peaks()
            before = sampler.last()
            started = time.time()
            batch: list[_Record] = []
            for records in in_order(pool, _clean_and_extract, bench_items(count, corpus, "ceiling"),
                                    workers * READ_AHEAD_PER_WORKER, watch):
                if isinstance(records[0], DeadLetterRecord):
                    phase.failed += 1
                else:
                    phase.articles += 1
                batch.extend(records)
                if len(batch) >= settings.sink_batch_size:
                    writer.write(batch)
                    batch = []
                on_progress(phase.articles + phase.failed)
            if batch:
                writer.write(batch)
            phase.seconds = time.time() - started
            after = sampler.last()
            phase.peak_rss_mb, phase.cpu_s = _pool_peaks(sampler.peaks(), cpu_between(before, after))
    finally:
        sampler.stop()
        engine.dispose()
        shutil.rmtree(scratch, ignore_errors=True)
    return phase


# --- (b) the pipeline ------------------------------------------------------------------------------
class TimedWriter:
    """A RecordWriter that notes when each batch committed (and can be slow on purpose).

    Appends ``<unix time>\\t<article ids, comma-separated>`` to ``log_path`` after every
    transaction; ``slow_ms`` sleeps before it, like a database that takes that long to commit.
    """

    def __init__(self, writer, log_path: Path, slow_ms: float = 0.0):
        self.writer = writer
        self.slow_s = slow_ms / 1000
        self.log = open(log_path, "a", encoding="utf-8", buffering=1)

    def write(self, records):
        if self.slow_s:
            time.sleep(self.slow_s)
        counts = self.writer.write(records)
        committed = time.time()
        ids = {r.article_id for r in records if getattr(r, "article_id", None)}
        self.log.write(f"{committed:.6f}\t{','.join(ids)}\n")
        return counts


def read_commits(log_path: Path) -> dict[str, float]:
    """article id -> when its last row was committed."""
    done: dict[str, float] = {}
    if not log_path.exists():
        return done
    for line in log_path.read_text().splitlines():
        stamp, _, ids = line.partition("\t")
        for aid in filter(None, ids.split(",")):
            done[aid] = max(done.get(aid, 0.0), float(stamp))
    return done


def run_bench_sink(commit_log: Path, slow_ms: float) -> None:
    """The sink process of a bench run: ``newswire sink`` with its writer timed (and maybe slowed)."""
    from newswire.logs import setup_logging
    from newswire.stages import run_sink
    from storage.writer import RecordWriter

    settings = Settings()
    setup_logging(settings.log_level)
    run_sink(settings, writer_factory=lambda engine: TimedWriter(RecordWriter(engine), commit_log, slow_ms))


@dataclass
class PipelineResult:
    phase: Phase
    latencies_ms: list[float]
    published: int
    max_sink_lag: int


def measure_pipeline(settings: Settings, count: int, corpus: Path | None, workers: int, slow_ms: float = 0.0,
                     on_published: Callable[[int], None] = lambda n: None,
                     on_stored: Callable[[int, int], None] = lambda done, total: None) -> PipelineResult:
    from newswire.history import HistorySummary, Publisher, wait_until_stored
    from newswire.status import read_status
    from newswire.supervisor import Child, Supervisor
    from storage.db import open_database

    data_dir = Path(settings.data_dir)
    commit_log = data_dir / "commits.tsv"
    engine = open_database(settings.db_url, upgrade=True)
    supervisor = Supervisor(settings, stages=("process",))
    sampler = ProcSampler().start()
    sampler.watch("publisher", os.getpid())
    phase, latencies, max_lag = Phase(), [], 0
    try:
        supervisor.start()
        bootstrap = supervisor.broker.bootstrap
        env = {**os.environ, **settings.to_env(), "NEWSWIRE_KAFKA_BOOTSTRAP": bootstrap}
        sink = Child("sink", [sys.executable, "-m", "newswire.benchmark", "sink", str(commit_log), str(slow_ms)],
                     env, data_dir / "logs" / "sink.log")
        sink.start()
        supervisor.children = {"sink": sink, **supervisor.children}  # stopped (and drained) like `run`'s
        for name, pid in supervisor.pids().items():
            sampler.watch(name, pid)

        def alive() -> bool:
            return supervisor.broker.alive() and all(child.alive() for child in supervisor.children.values())

        with _pool(workers) as pool:
            watch = lambda pid: sampler.watch(f"clean-{pid}", pid)  # noqa: E731
            # Warm-up, not timed: the worker joins its group, the sink its, the pool imports trafilatura.
            warm = HistorySummary()
            publisher = Publisher(settings, bootstrap, warm)
            for record in in_order(pool, _clean, bench_items(WARMUP_ARTICLES, corpus, "warm"), workers * 4, watch):
                publisher.article(record) if isinstance(record, ArticleRecord) else publisher.dead_letter(record)
            publisher.close()
            wait_until_stored(engine, publisher.keys, warm, alive=alive, timeout_s=300)

            sampler.forget_peaks()
            reset_peak()  # this process ran the ceiling before: its own peak starts again here
            before = sampler.last()
            summary = HistorySummary()
            publisher = Publisher(settings, bootstrap, summary)
            sent_at: dict[str, float] = {}
            first = None
            for record in in_order(pool, _clean, bench_items(count, corpus, "pipeline"),
                                   workers * READ_AHEAD_PER_WORKER, watch):
                now = time.time()
                first = first or now
                if isinstance(record, DeadLetterRecord):
                    publisher.dead_letter(record)
                    phase.failed += 1
                else:
                    sent_at[record.article_id] = now
                    publisher.article(record)  # blocks when the producer's buffer is full
                on_published(summary.published + summary.dead_letters)
            publisher.close()

            last_change = [time.monotonic(), -1]

            def progress(done: int) -> None:
                nonlocal max_lag
                on_stored(done, len(publisher.keys))
                if done != last_change[1]:
                    last_change[:] = [time.monotonic(), done]
                elif time.monotonic() - last_change[0] > STALL_S:
                    raise RuntimeError(f"nothing stored for {STALL_S:.0f} s ({done} of {len(publisher.keys)}): "
                                       f"see the worker's and the sink's logs in {data_dir / 'logs'}")
                for entry in read_status(data_dir).get("sink", []):
                    max_lag = max(max_lag, sum((entry.get("lag") or {}).values()))

            wait_until_stored(engine, publisher.keys, summary, alive=alive, on_progress=progress)
            after = sampler.last()
            peaks = sampler.peaks()
        committed = read_commits(commit_log)
        done = {aid: committed[aid] for aid in sent_at if aid in committed}
        phase.articles = summary.stored
        phase.seconds = (max(done.values()) - first) if done and first else 0.0
        latencies = [1000 * (done[aid] - sent_at[aid]) for aid in done]
        phase.peak_rss_mb, phase.cpu_s = _pool_peaks(peaks, cpu_between(before, after))
        return PipelineResult(phase, latencies, summary.published, max_lag)
    finally:
        sampler.stop()
        supervisor.stop()
        engine.dispose()


# --- the whole benchmark ---------------------------------------------------------------------------
def run_benchmark(articles: int, corpus: Path | None = None, slow_db_ms: float = 0.0, workers: int | None = None,
                  base: Settings | None = None, progress=None) -> dict:
    """Both measurements; returns the report (what ``--json`` writes)."""
    workers = workers or os.cpu_count() or 1
    base = base or Settings()
    scratch = Path(tempfile.mkdtemp(prefix="newswire-bench-"))
    unique = uuid.uuid4().hex[:8]
    settings = base.model_copy(update=dict(
        kafka_bootstrap=None, database_url=None, data_dir=scratch, topic_prefix=f"bench{unique}.",
        consumer_group_prefix=f"bench{unique}", metrics_port=None))

    def task(name: str):
        if progress is None:
            return lambda *args: None
        task_id = progress.add_task(name, total=articles)
        return lambda done, total=None: progress.update(task_id, completed=done)

    try:
        ceiling = measure_ceiling(settings, articles, corpus, workers, task("ceiling: clean+extract+store"))
        pipeline = measure_pipeline(settings, articles, corpus, workers, slow_db_ms,
                                    task("pipeline: published"), task("pipeline: stored"))
    except BaseException:
        log.error("bench failed; its database and logs are kept in %s", scratch)
        raise
    shutil.rmtree(scratch, ignore_errors=True)
    lat = pipeline.latencies_ms
    ratio = pipeline.phase.articles_per_s / ceiling.articles_per_s if ceiling.articles_per_s else 0.0
    ceiling_cpu, pipeline_cpu = ceiling.to_json()["cpu_ms_per_article"], pipeline.phase.to_json()["cpu_ms_per_article"]
    return {
        "articles": articles,
        "input": str(corpus) if corpus else "synthetic (newswire.synthetic.make_page)",
        "slow_db_ms": slow_db_ms,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "cleaning_workers": workers},
        "ceiling_articles_per_s": round(ceiling.articles_per_s, 2),
        "pipeline_articles_per_s": round(pipeline.phase.articles_per_s, 2),
        "ratio": round(ratio, 3),
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
    }


def render(report: dict):
    """A rich table of the report."""
    from rich.table import Table

    ceiling, pipeline = report["ceiling"], report["pipeline"]
    table = Table("", "ceiling (in-process)", "pipeline (broker)", title=(
        f"newswire bench: {report['articles']} articles, {report['input']}"
        + (f", slow database {report['slow_db_ms']:g} ms/batch" if report["slow_db_ms"] else "")))
    table.add_row("articles stored / failed", f"{ceiling['articles']} / {ceiling['failed']}",
                  f"{pipeline['articles']} / {pipeline['failed']}")
    table.add_row("seconds", f"{ceiling['seconds']:.1f}", f"{pipeline['seconds']:.1f}")
    table.add_row("articles/s", f"{ceiling['articles_per_s']:.1f}", f"{pipeline['articles_per_s']:.1f}")
    table.add_row("ratio", "", f"[bold]{report['ratio']:.3f}[/bold]")
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
    return table


def write_report(report: dict, path: Path) -> None:
    Path(path).write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":  # the sink process of a bench run: python -m newswire.benchmark sink LOG SLOW_MS
    if len(sys.argv) != 4 or sys.argv[1] != "sink":
        raise SystemExit("usage: python -m newswire.benchmark sink COMMIT_LOG SLOW_MS")
    run_bench_sink(Path(sys.argv[2]), float(sys.argv[3]))
