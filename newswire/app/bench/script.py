"""(c) The anchor: the script a user would write instead of newswire, on the same pages, in the same run.

A loop over ``trafilatura.bare_extraction(html, url=url, with_metadata=True)`` on every core (the
same process pool as the ceiling's cleaning), nothing stored, nothing extracted. ``newswire bench``
reports ``pipeline_vs_script``: the pipeline's articles/s over this loop's. Above 1, the pipeline,
which also finds figures and events, publishes through a broker and stores everything, is faster
than the bare extraction it replaces.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

from newswire.app.bench.pages import READ_AHEAD_PER_WORKER, bench_items, in_order, make_pool
from newswire.app.bench.phase import Phase, pool_peaks
from newswire.ingest import trafilatura_speedups
from newswire.ingest.replay import ArchivedItem
from newswire.app.bench.procstat import ProcSampler, cpu_between, reset_peak


def extract_page(item: ArchivedItem) -> tuple[int, bool]:
    """The obvious script's body: trafilatura's defaults with metadata; True if it found text."""
    import trafilatura

    try:
        with trafilatura_speedups.stock():  # the script's trafilatura, not the one newswire's cleaning speeds up
            document = trafilatura.bare_extraction(item.html, url=item.url, with_metadata=True)
    except Exception:  # the script would crash or skip the page; the bench counts it as failed
        return os.getpid(), False
    return os.getpid(), bool(document is not None and document.text)


def measure_script(count: int, corpus: Path, workers: int,
                   on_progress: Callable[[int], None] = lambda n: None) -> Phase:
    """Articles/s of the obvious script on ``count`` pages of ``corpus`` (first page submitted to last result)."""
    phase = Phase()
    sampler = ProcSampler().start()
    sampler.watch("main", os.getpid())
    try:
        with make_pool(workers) as pool:
            watch = lambda pid: sampler.watch(f"clean-{pid}", pid)  # noqa: E731
            list(in_order(pool, extract_page, bench_items(workers * 2, corpus, "warm"), workers * 2, watch))
            reset_peak()
            sampler.forget_peaks()
            before = sampler.last()
            started = time.time()
            for found in in_order(pool, extract_page, bench_items(count, corpus, "script"),
                                  workers * READ_AHEAD_PER_WORKER, watch):
                if found:
                    phase.articles += 1
                else:
                    phase.failed += 1
                on_progress(phase.articles + phase.failed)
            phase.seconds = time.time() - started
            after = sampler.last()
            phase.peak_rss_mb, phase.cpu_s = pool_peaks(sampler.peaks(), cpu_between(before, after))
    finally:
        sampler.stop()
    return phase
