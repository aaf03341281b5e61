"""(a) The ceiling: clean + extract + store in a plain loop on all cores, no broker in between.

A process pool cleans and extracts; this process writes the records with ``storage.writer.RecordWriter``
into a fresh SQLite file, in transactions of ``sink_batch_size`` records (as the sink does).
Articles/s from the first page handed to the pool to the last commit.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable

from newswire.app.bench.pages import READ_AHEAD_PER_WORKER, bench_items, clean_and_extract, in_order, make_pool
from newswire.app.bench.phase import Phase, pool_peaks
from newswire.app.bench.procstat import ProcSampler, cpu_between, reset_peak
from newswire.records import DeadLetterRecord, _Record
from newswire.settings import Settings


def measure_ceiling(settings: Settings, count: int, corpus: Path, workers: int,
                    on_progress: Callable[[int], None] = lambda n: None) -> Phase:
    from newswire.storage.db import open_database
    from newswire.storage.writer import RecordWriter

    phase = Phase()
    scratch = Path(tempfile.mkdtemp(prefix="newswire-bench-ceiling-"))
    sampler = ProcSampler().start()
    sampler.watch("main", os.getpid())
    engine = open_database(f"sqlite:///{scratch / 'ceiling.db'}", upgrade=True)
    try:
        writer = RecordWriter(engine)
        with make_pool(workers) as pool:
            watch = lambda pid: sampler.watch(f"clean-{pid}", pid)  # noqa: E731
            list(in_order(pool, clean_and_extract, bench_items(workers * 2, corpus, "warm"), workers * 2, watch))
            reset_peak()
            sampler.forget_peaks()
            before = sampler.last()
            started = time.time()
            batch: list[_Record] = []
            for records in in_order(pool, clean_and_extract, bench_items(count, corpus, "ceiling"),
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
            phase.peak_rss_mb, phase.cpu_s = pool_peaks(sampler.peaks(), cpu_between(before, after))
    finally:
        sampler.stop()
        engine.dispose()
        shutil.rmtree(scratch, ignore_errors=True)
    return phase
