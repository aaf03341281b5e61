"""Metrics, health and status of a running pipeline: `newswire run` on the embedded broker, a local feed.

Each child of `newswire run` serves /metrics and /healthz on its own port (NEWSWIRE_METRICS_PORT + its
index) and writes that port to its status file; `newswire status --once` shows the same numbers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newswire.metrics import HealthCheck, MetricsServer, broker_reachable
from newswire.status import read_status
from tests.ops.conftest import free_port_block, http_get, metric, metric_values, wait_for
from tests.test_pipeline import start_run, stop_run, wait_for_rows

pytestmark = pytest.mark.slow
STAGES = ("ingest", "process", "sink", "storify")


def run_env(data_dir, static_site, metrics_port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_FEEDS=f"{static_site}/feed.xml", NEWSWIRE_DATA_DIR=str(data_dir),
               NEWSWIRE_ALLOW_PRIVATE_NETWORKS="true", NEWSWIRE_PER_HOST_DELAY_S="0",
               NEWSWIRE_RESPECT_ROBOTS="false", NEWSWIRE_METRICS_PORT=str(metrics_port))
    return env


def test_metrics_health_and_status_of_a_running_pipeline(static_site, tmp_path):
    data_dir = tmp_path / "data"
    base = free_port_block(4)
    env = run_env(data_dir, static_site, base)
    log = tmp_path / "run.log"
    run = start_run(env, log)
    try:
        wait_for_rows(f"sqlite:///{data_dir / 'newswire.db'}", 3, 120, run, log)

        def ports() -> dict[str, int] | None:
            found = {stage: entries[0].get("metrics_port") for stage, entries in read_status(data_dir).items()
                     if stage != "supervisor"}  # the supervisor's status (its restarts) has no metrics port
            return found if all(found.get(s) for s in STAGES) else None

        found = wait_for(ports, 30, "every stage to report its metrics port")
        assert sorted(found[s] for s in STAGES) == [base, base + 1, base + 2, base + 3]

        def scrape(stage: str) -> dict[str, float]:
            status, body = http_get(f"http://127.0.0.1:{found[stage]}/metrics")
            assert status == 200
            return metric_values(body)

        ingest = scrape("ingest")
        assert metric(ingest, "newswire_feeds_polled_total") >= 1
        assert metric(ingest, "newswire_http_responses_total", kind="feed", status="2xx") >= 1
        assert metric(ingest, "newswire_http_responses_total", kind="page", status="2xx") == 3
        assert metric(ingest, "newswire_fetched_bytes_total", kind="page") > 1000
        assert metric(ingest, "newswire_articles_cleaned_total") == 3
        assert metric(ingest, "newswire_stage_seconds_count", stage="fetch") >= 4
        assert metric(ingest, "newswire_stage_seconds_count", stage="clean") == 3

        process = scrape("process")
        assert metric(process, "newswire_articles_extracted_total") == 3
        assert metric(process, "newswire_figures_extracted_total") >= 4  # the site's articles state several
        assert metric(process, "newswire_stage_seconds_count", stage="extract") == 3

        # The sink stores the last extraction a moment after the rows the test waited for.
        def sink_settled() -> dict[str, float] | None:
            values = scrape("sink")
            return values if metric(values, "newswire_records_stored_total", kind="extractions") == 3 else None

        sink = wait_for(sink_settled, 30, "the sink's counters")
        assert metric(sink, "newswire_records_stored_total", kind="articles") == 3
        assert metric(sink, "newswire_stage_seconds_count", stage="store") >= 1
        lags = {k: v for k, v in sink.items() if k.startswith("newswire_consumer_lag{")}
        assert any("newswire.articles.v1" in k for k in lags) and all(v >= 0 for v in lags.values())
        assert metric(sink, "newswire_dead_letters_total") == 0

        # The stories stage places the stored articles in batches, a few seconds apart, then sends the
        # placements and then the stories they changed (a scrape can fall between the counters).
        def stories_settled() -> dict[str, float] | None:
            values = scrape("storify")
            sent = metric(values, "newswire_story_messages_sent_total", topic="stories")
            return values if metric(values, "newswire_articles_placed_total") == 3 and sent >= 1 else None

        storify = wait_for(stories_settled, 60, "the stories stage's counters")
        assert metric(storify, "newswire_articles_place_failed_total") == 0
        assert metric(storify, "newswire_stage_seconds_count", stage="place") >= 1
        assert metric(storify, "newswire_story_messages_sent_total", topic="placements") == 3
        assert metric(storify, "newswire_story_messages_sent_total", topic="stories") >= 1

        for stage in STAGES:
            port = found[stage]
            status, body = http_get(f"http://127.0.0.1:{port}/healthz")
            assert status == 200, body
            assert json.loads(body) | {"stage": stage} == {"broker": True, "database": True, "stage": stage,
                                                           "ok": True}

        shown = subprocess.run([sys.executable, "-m", "newswire", "status", "--once"], env=env,
                               capture_output=True, text=True, timeout=60)
        assert shown.returncode == 0, shown.stderr[-2000:]
        out = shown.stdout
        for stage in ("ingest", "process", "sink"):
            assert stage in out
        assert out.count("running") >= 3 and f":{base}" in out
        assert "extracted 3" in out and "articles 3" in out  # the worker's and the sink's counters
        assert "placed 3" in out  # the stories stage's
        assert "database rows" in out
    finally:
        code = stop_run(run)
    assert code == 0, log.read_text()[-3000:]


def test_health_is_503_when_broker_and_database_are_unreachable():
    port = free_port_block(1)  # nothing listens there: neither a broker nor PostgreSQL
    health = HealthCheck(f"127.0.0.1:{port}", f"postgresql+psycopg://newswire@127.0.0.1:{port}/newswire")
    server = MetricsServer(0, health.check, "sink", host="127.0.0.1").start()
    try:
        status, body = http_get(f"http://127.0.0.1:{server.port}/healthz")
        assert status == 503
        assert json.loads(body) == {"broker": False, "database": False, "stage": "sink", "ok": False}
        status, body = http_get(f"http://127.0.0.1:{server.port}/metrics")
        assert status == 200 and "# TYPE newswire_stage_seconds histogram" in body
        assert http_get(f"http://127.0.0.1:{server.port}/nothing")[0] == 404
    finally:
        server.stop()
        health.close()
    assert not broker_reachable(None)


def test_status_once_without_a_pipeline_shows_stopped_processes(tmp_path):
    data_dir = tmp_path / "data"
    (data_dir / "status").mkdir(parents=True)
    (data_dir / "status" / "sink-999999.json").write_text(json.dumps(
        {"stage": "sink", "pid": 999999, "updated_at": 0, "articles_stored": 7, "lag": {"a[0]": 2}}))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATA_DIR=str(data_dir))
    shown = subprocess.run([sys.executable, "-m", "newswire", "status", "--once"], env=env,
                           capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert "stopped" in shown.stdout and "articles 7" in shown.stdout and "lag 2" in shown.stdout
    assert "no database" in shown.stdout
