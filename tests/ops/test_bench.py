"""`newswire bench` end to end, tiny: the report has its keys and sane values (speed is not asserted:
that is the benchmark's job on a quiet machine, not a test's)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_bench_writes_a_sane_report(tmp_path):
    out = tmp_path / "out.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-m", "newswire", "bench", "--articles", "30", "--json", str(out)],
                            env=env, capture_output=True, text=True, timeout=240, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    assert "ratio" in result.stdout
    report = json.loads(out.read_text())
    assert report["articles"] == 30
    assert report["ceiling"]["articles"] == report["pipeline"]["articles"] == 30
    assert report["ceiling_articles_per_s"] > 0 and report["pipeline_articles_per_s"] > 0
    assert report["ratio"] == pytest.approx(report["pipeline_articles_per_s"] / report["ceiling_articles_per_s"],
                                            rel=0.01)
    latency = report["latency_ms"]
    assert latency["articles"] == 30
    assert 0 < latency["p50"] <= latency["p95"] <= latency["p99"] <= latency["max"] < 120_000
    assert set(report["peak_rss_mb"]) == {"broker", "process", "sink", "publisher", "clean_workers"}
    assert all(5 < mb < 2000 for mb in report["peak_rss_mb"].values())
    assert set(report["pipeline"]["cpu_s"]) == set(report["peak_rss_mb"])
    assert all(seconds >= 0 for seconds in report["pipeline"]["cpu_s"].values())
    assert report["pipeline"]["cpu_s"]["process"] > 0 and report["pipeline"]["cpu_s"]["sink"] > 0
