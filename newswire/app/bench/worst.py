"""The extractor's worst cases: cost per KB of hostile texts at a small and a large size.

Extraction must cost about linear time on every input (issue 18): a text with no sentence breaks,
one word repeated, a table of numbers. Each class is generated at each size and ``extract`` is
timed on it; the report gives the cost per KB at every size and the ratio of the largest size's cost
per KB to the smallest's (1.0 is linear; the target is at most 2). Ordinary prose is the baseline.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from typing import Callable

from newswire.app.bench.synthetic import BODY, CONTEXT, DAYS, LEADS, PLACES, SOURCES

DEFAULT_SIZES_KB = (2, 200)
MIN_RUNS = 3  # samples of each size; the best counts (the machine may be shared)
PUBLISHED = dt.date(2025, 5, 12)


def prose(size: int, seed: int = 0) -> str:
    """Ordinary news prose of ``size`` characters: the synthetic articles' sentences, in paragraphs."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        values = dict(
            n1=rng.randint(2, 90), n2=rng.randint(10, 400), n3=rng.randint(1000, 90000), n4=rng.randint(2, 40),
            n5=rng.randint(2, 12), n6=rng.randint(500, 20000), p1=round(rng.uniform(20, 60), 1),
            p2=round(rng.uniform(2, 15), 1), b1=round(rng.uniform(0.5, 20), 1), m1=round(rng.uniform(4.5, 7.9), 1),
            place=rng.choice(PLACES), source=rng.choice(SOURCES), day=rng.choice(DAYS), day2=rng.choice(DAYS))
        paragraph = " ".join([rng.choice(LEADS).format(**values), *(s.format(**values) for s in rng.sample(BODY, 3)),
                              *rng.sample(CONTEXT, 3)])
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts)[:size]


def unpunctuated(size: int) -> str:
    """News words with no sentence break: prose with ``.!?`` and line breaks removed."""
    text = re.sub(r"[.!?]", "", prose(size + size // 10 + 100)).replace("\n", " ")
    return re.sub(r" {2,}", " ", text)[:size]


def repeated(unit: str) -> Callable[[int], str]:
    def make(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]
    return make


CLASSES: dict[str, Callable[[int], str]] = {
    "unpunctuated": unpunctuated,
    "said_repeated": repeated("said "),
    "number_table": repeated("12 345 6,789 0.5 "),
    # an attack and a group's claim of it, over and over, with no sentence end: each claim looks back
    # for its sentence's start and each attack forward for its claim
    "claims_repeated": repeated("Gunmen attacked Kawa and Ahmed Musa claimed responsibility "),
    "prose": prose,
}


def time_extract(text: str, batch: int = 1, min_runs: int = MIN_RUNS) -> float:
    """Seconds one ``extract(text)`` takes: the best of ``min_runs`` samples, each ``batch`` runs back to back.

    A small text is run in a batch as large as the large text, so that both sizes are timed over the same
    amount of work and the same number of samples: the best of many short runs would flatter the small one."""
    from newswire.processors.extract import extract

    best = float("inf")
    for _ in range(min_runs):
        # a new string object each run, as each article is: layers keep the last text's work by identity
        copies = [text.encode().decode() for _ in range(batch)]
        t0 = time.perf_counter()
        for copy in copies:
            extract(copy, PUBLISHED)
        best = min(best, (time.perf_counter() - t0) / batch)
    return best


def measure_worst_cases(sizes_kb: tuple[float, ...] = DEFAULT_SIZES_KB, classes: tuple[str, ...] | None = None,
                        min_runs: int = MIN_RUNS) -> dict:
    """The report section: per class, seconds and ms per KB at each size, and the largest size's ms per KB
    over the smallest's (``ratio``)."""
    sizes_kb = tuple(sorted(sizes_kb))
    out: dict = {"sizes_kb": list(sizes_kb), "target_ratio": 2.0, "classes": {}}
    time_extract(prose(2048), 1, 1)  # the extractor's first call loads its tables: not the first class's cost
    for name in classes or tuple(CLASSES):
        rows = []
        for kb in sizes_kb:
            text = CLASSES[name](int(kb * 1024))
            seconds = time_extract(text, max(1, round(sizes_kb[-1] / kb)), min_runs)
            rows.append({"kb": kb, "seconds": round(seconds, 6), "ms_per_kb": round(1000 * seconds / kb, 4)})
        first, last = rows[0]["ms_per_kb"], rows[-1]["ms_per_kb"]
        out["classes"][name] = {"sizes": rows, "ratio": round(last / first, 3) if first else None}
    ratios = [c["ratio"] for c in out["classes"].values() if c["ratio"] is not None]
    out["worst_ratio"] = max(ratios, default=None)
    out["within_target"] = bool(ratios) and max(ratios) <= out["target_ratio"]
    return out
