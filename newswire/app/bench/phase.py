"""What one measurement found: articles, seconds, CPU and peak memory of each process."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence


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


def pool_peaks(peaks: dict[str, float], cpu: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """Pool workers summed (CPU) and maxed (memory) under one name, ``clean_workers``."""
    workers = [name for name in set(peaks) | set(cpu) if name.startswith("clean-")]
    if workers:
        cpu = {k: v for k, v in cpu.items() if k not in workers} | {
            "clean_workers": round(sum(cpu.get(name, 0.0) for name in workers), 3)}
        peaks = {k: v for k, v in peaks.items() if k not in workers} | {
            "clean_workers": max(peaks.get(name, 0.0) for name in workers)}
    return peaks, cpu
