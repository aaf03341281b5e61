"""`newswire bench` end to end, tiny: the report has its keys and sane values (speed is not asserted:
that is the benchmark's job on a quiet machine, not a test's)."""

from __future__ import annotations

import json
import os
import signal
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from newswire.app.versions import versions

pytestmark = pytest.mark.slow


PACE = 3.0  # articles/s: 30 articles take at least 29 / 3 = 9.7 s to publish (flat out, about a second)


def test_bench_paced_writes_a_sane_report(tmp_path):
    """One bench run for two things: the report has its keys and sane values, and ``--pace 3`` publishes
    the pipeline's 30 articles three a second, so its run lasts at least 29 / 3 s. (Two runs, one flat out
    and one paced, used to cost ~30 s more; pacing changes nothing the sane-report checks look at, and
    the SIGTERM test below runs the bench flat out.)"""
    out = tmp_path / "out.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-m", "newswire", "bench", "--articles", "30", "--json", str(out),
                             "--worst-case-kb", "1,4", "--pace", str(PACE)],
                            env=env, capture_output=True, text=True, timeout=240, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    assert "ratio" in result.stdout
    report = json.loads(out.read_text())
    assert report["articles"] == 30
    assert report["pace_per_s"] == PACE and report["pipeline"]["seconds"] >= 29 / PACE
    assert report["versions"] == versions()  # newswire, extractor, schema: what made these numbers
    assert report["ceiling"]["articles"] == report["pipeline"]["articles"] == 30
    assert report["ceiling_articles_per_s"] > 0 and report["pipeline_articles_per_s"] > 0
    # The report rounds ratios to 3 decimals: a paced run's ratio is small, so that is more than 1 %.
    assert report["ratio"] == pytest.approx(report["pipeline_articles_per_s"] / report["ceiling_articles_per_s"],
                                            rel=0.01, abs=0.0005)
    assert report["script"]["articles"] == 30 and "pipeline_vs_script" in result.stdout
    assert report["pipeline_vs_script"] == pytest.approx(
        report["pipeline_articles_per_s"] / report["script_articles_per_s"], rel=0.01, abs=0.0005)
    latency = report["latency_ms"]
    assert latency["articles"] == 30
    assert 0 < latency["p50"] <= latency["p95"] <= latency["p99"] <= latency["max"] < 120_000
    assert set(report["peak_rss_mb"]) == {"broker", "process", "process_extract", "sink", "publisher", "clean_workers"}
    assert all(5 < mb < 2000 for mb in report["peak_rss_mb"].values())
    assert set(report["pipeline"]["cpu_s"]) == set(report["peak_rss_mb"])
    assert all(seconds >= 0 for seconds in report["pipeline"]["cpu_s"].values())
    assert report["pipeline"]["cpu_s"]["process"] > 0 and report["pipeline"]["cpu_s"]["sink"] > 0
    assert report["pipeline"]["cpu_s"]["process_extract"] > 0  # the worker's extraction process is counted
    stories = report["stories"]  # the stories stage ran beside the sink and placed every article
    assert stories["stored"] == 30 and 20 <= stories["articles"] <= 30 and stories["cpu_s"] > 0
    assert stories["cpu_ms_per_article"] == pytest.approx(1000 * stories["cpu_s"] / stories["articles"], rel=0.01)
    assert 5 < stories["peak_rss_mb"] < 2000 and "stories stage" in result.stdout
    worst = report["worst_case"]  # its shape is tested in test_bench_worst_case.py
    assert worst["sizes_kb"] == [1.0, 4.0] and set(worst["classes"]) >= {"unpunctuated", "said_repeated"}


def descendants(pid: int) -> dict[int, str]:
    """pid -> command line of every live process below ``pid``."""
    children: dict[int, list[int]] = {}
    commands: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                commands[int(entry)] = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = {}, [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found[child] = commands.get(child, "")
            todo.append(child)
    return found


def test_sigterm_stops_bench_and_everything_it_started_and_cleans_up(tmp_path, request):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    # Where bench (and multiprocessing) make their temporary directories: a short path, as the forkserver's
    # socket lives there and a Unix socket's path is limited to 107 bytes (a test worker's tmp_path is longer).
    scratch = Path(tempfile.mkdtemp(prefix="nw-bench-"))
    request.addfinalizer(lambda: shutil.rmtree(scratch, ignore_errors=True))
    env.update(NEWSWIRE_DATA_DIR=str(tmp_path / "data"), TMPDIR=str(scratch))
    # 100 articles: the ceiling phase before the pipeline's is short; the pipeline's phase is paced at 5 articles/s
    # so it lasts 20 s whatever the machine (flat out, 100 articles could drain before the signal arrived), and
    # it is stopped as soon as broker, worker and sink all run.
    log = tmp_path / "bench.log"
    with open(log, "wb") as out:
        bench = subprocess.Popen([sys.executable, "-m", "newswire", "bench", "--articles", "100", "--pace", "5"],
                                 env=env,
                                 cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT)
    seen: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 180
        # Wait for the pipeline phase: cleaning pool, broker, Faust worker and sink all running.
        while time.monotonic() < deadline and bench.poll() is None:
            seen.update(descendants(bench.pid))
            live = " ".join(descendants(bench.pid).values())
            if "tansu" in live and "newswire process" in live and "bench.pipeline sink" in live and "forkserver" in live:
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"bench never reached its pipeline phase (exit {bench.poll()}): {seen}\n"
                        f"{log.read_text(errors='replace')[-3000:]}")
        bench.send_signal(signal.SIGTERM)
        stopped_at = time.monotonic()
        try:
            code = bench.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"bench still running 60 s after SIGTERM: {descendants(bench.pid)}\n"
                        f"{log.read_text(errors='replace')[-5000:]}")
        assert code != 0, log.read_text(errors="replace")[-3000:]
        print(f"bench stopped {time.monotonic() - stopped_at:.1f} s after SIGTERM")
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.wait()  # reaped here, not reported as a leak by the next test
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{pid}") and pid_alive(pid) for pid in seen):
        time.sleep(0.2)
    left = {pid: cmd for pid, cmd in seen.items() if pid_alive(pid)}
    assert not left, f"still running after bench was stopped: {left}"
    assert not list(scratch.iterdir()), "bench left its scratch directories behind"


def pid_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
