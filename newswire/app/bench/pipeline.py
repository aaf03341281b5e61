"""(b) The pipeline: replay's path on the embedded broker, and its latency.

A pool cleans, this process publishes ``ArticleRecord``s with replay's ``Publisher`` (kafka-python),
the Faust worker extracts, the sink stores (a ``Supervisor`` runs broker and worker; the sink is the
real ``run_sink`` with its ``RecordWriter`` wrapped by :class:`TimedWriter`, which notes when each
batch committed). Articles/s from the first publish to the last row committed.

Latency of an article = the time its last row (article, figure, event or extraction marker) was
committed by the sink (wall clock right after the transaction's COMMIT returned) minus the time the
publisher called ``producer.send`` for it. It covers queueing in the producer, the broker, the
worker, the sink's batching and the database. Both clocks are this machine's ``time.time()``.

The stories stage (``newswire storify``: copies, stories, series) runs beside the sink as under
``newswire run``, placing articles as they are stored, so at the pipeline's rate; its CPU from the end
of the warm-up until it has placed the articles, over the articles it placed, is the ``stories``
section (kept out of the pipeline's own CPU, which the ceiling's is compared with).
``slow_ms`` makes the sink sleep that long before each batch's transaction: a deliberately slow
database, to show back-pressure.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from newswire.app.bench.pages import READ_AHEAD_PER_WORKER, bench_items, clean_page, in_order, make_pool
from newswire.app.bench.phase import Phase, pool_peaks
from newswire.app.bench.procstat import ProcSampler, cpu_between, reset_peak
from newswire.records import ArticleRecord, DeadLetterRecord
from newswire.settings import Settings

WARMUP_ARTICLES = 20
STALL_S = 180.0  # no article stored for this long: the run failed (e.g. a worker stuck re-joining its group)


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
    from newswire.storage.stage import run_sink
    from newswire.storage.writer import RecordWriter

    settings = Settings()
    setup_logging(settings.log_level, settings.log_format)
    run_sink(settings, writer_factory=lambda engine: TimedWriter(RecordWriter(engine), commit_log, slow_ms))


@dataclass
class PipelineResult:
    phase: Phase
    latencies_ms: list[float]
    published: int
    max_sink_lag: int
    stories: dict


def wait_until_placed(engine, count: int, alive: Callable[[], bool], settle_s: float = 30.0,
                      timeout_s: float = STALL_S) -> int:
    """Block until the stories stage has placed ``count`` articles, or placed none more for ``settle_s``
    (an article published a week before the newest it placed waits for its sweep of late articles, every
    10 s when idle on a small database: the bench cycles through its pages' dates); returns how many it placed."""
    from newswire.storage.stories import placed_count

    deadline = time.monotonic() + timeout_s
    placed, since = placed_count(engine), time.monotonic()
    while placed < count and time.monotonic() < deadline and time.monotonic() - since < settle_s and alive():
        time.sleep(0.2)
        if (now := placed_count(engine)) != placed:
            placed, since = now, time.monotonic()
    return placed


def measure_pipeline(settings: Settings, count: int, corpus: Path, workers: int, slow_ms: float = 0.0,
                     on_published: Callable[[int], None] = lambda n: None,
                     on_stored: Callable[[int, int], None] = lambda done, total: None,
                     pace_per_s: float = 0.0) -> PipelineResult:
    """``pace_per_s`` > 0: publish at that rate (article n is sent no earlier than n / pace after the
    first), to measure latency below full load; 0: as fast as the cleaning goes."""
    from newswire.app.history import HistorySummary, Publisher, wait_until_stored
    from newswire.status import read_status
    from newswire.app.supervisor import Child, Supervisor
    from newswire.storage.db import open_database

    data_dir = Path(settings.data_dir)
    commit_log = data_dir / "commits.tsv"
    engine = open_database(settings.db_url, upgrade=True)
    supervisor = Supervisor(settings, stages=("process", "storify"))
    sampler = ProcSampler().start()
    sampler.watch("publisher", os.getpid())
    phase, latencies, max_lag = Phase(), [], 0
    try:
        supervisor.start()
        # NEWSWIRE_KAFKA_BOOTSTRAP set: that cluster (its JVMs are not this machine's to sample), else Tansu.
        bootstrap = supervisor.broker.bootstrap if supervisor.broker else settings.kafka_bootstrap or ""
        env = {**os.environ, **settings.to_env(), "NEWSWIRE_KAFKA_BOOTSTRAP": bootstrap}
        sink = Child("sink", [sys.executable, "-m", "newswire.app.bench.pipeline", "sink", str(commit_log), str(slow_ms)],
                     env, data_dir / "logs" / "sink.log")
        sink.start()
        supervisor.children = {"sink": sink, **supervisor.children}  # stopped (and drained) like `run`'s
        for name, pid in supervisor.pids().items():
            sampler.watch(name, pid)

        def alive() -> bool:
            broker_up = supervisor.broker is None or supervisor.broker.alive()
            return broker_up and all(child.alive() for child in supervisor.children.values())

        with make_pool(workers) as pool:
            watch = lambda pid: sampler.watch(f"clean-{pid}", pid)  # noqa: E731
            # Warm-up, not timed: the worker joins its group, the sink its, the pool imports trafilatura.
            warm = HistorySummary()
            publisher = Publisher(settings, bootstrap, warm)
            for record in in_order(pool, clean_page, bench_items(WARMUP_ARTICLES, corpus, "warm"), workers * 4, watch):
                publisher.article(record) if isinstance(record, ArticleRecord) else publisher.dead_letter(record)
            publisher.close()
            wait_until_stored(engine, publisher.keys, warm, alive=alive, timeout_s=300)
            warm_placed = wait_until_placed(engine, warm.stored, alive)
            for pid in extraction_children(supervisor.pids()["process"]):  # the worker extracts in a child
                sampler.watch("process_extract", pid)

            sampler.forget_peaks()
            reset_peak()  # this process ran the ceiling before: its own peak starts again here
            before = sampler.last()
            summary = HistorySummary()
            publisher = Publisher(settings, bootstrap, summary)
            sent_at: dict[str, float] = {}
            first = None
            for sent, record in enumerate(in_order(pool, clean_page, bench_items(count, corpus, "pipeline"),
                                                   workers * READ_AHEAD_PER_WORKER, watch)):
                if pace_per_s and first and (wait := first + sent / pace_per_s - time.time()) > 0:
                    time.sleep(wait)
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
            placed = wait_until_placed(engine, warm_placed + summary.stored, alive) - warm_placed
            stories_cpu = cpu_between(before, sampler.last()).get("storify", 0.0)
            peaks = sampler.peaks()
        committed = read_commits(commit_log)
        done = {aid: committed[aid] for aid in sent_at if aid in committed}
        phase.articles = summary.stored
        phase.seconds = (max(done.values()) - first) if done and first else 0.0
        latencies = [1000 * (done[aid] - sent_at[aid]) for aid in done]
        cpu = cpu_between(before, after)
        cpu.pop("storify", None)
        stories = {"articles": placed, "stored": summary.stored, "cpu_s": round(stories_cpu, 3),
                   "cpu_ms_per_article": round(1000 * stories_cpu / placed, 2) if placed else None,
                   "peak_rss_mb": round(peaks.pop("storify", 0.0), 1),
                   "measures": "CPU of the stories stage (copies + stories + series, its queries, writes and "
                               "sends) placing the run's articles as the sink stored them"}
        phase.peak_rss_mb, phase.cpu_s = pool_peaks(peaks, cpu)
    except BaseException:
        sampler.stop()
        supervisor.abort()  # failed or stopped on purpose: the run's data is scratch, nothing to drain
        engine.dispose()
        raise
    sampler.stop()
    supervisor.stop()
    engine.dispose()
    return PipelineResult(phase, latencies, summary.published, max_lag, stories)


def extraction_children(worker_pid: int) -> list[int]:
    """The worker's extraction process (``processors.pool``: a multiprocessing spawn child), to sample its CPU."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == worker_pid and b"spawn_main" in cmdline:
            found.append(int(entry))
    return found


if __name__ == "__main__":  # the sink process of a bench run: python -m newswire.app.bench.pipeline sink LOG SLOW_MS
    if len(sys.argv) != 4 or sys.argv[1] != "sink":
        raise SystemExit("usage: python -m newswire.app.bench.pipeline sink COMMIT_LOG SLOW_MS")
    run_bench_sink(Path(sys.argv[2]), float(sys.argv[3]))
