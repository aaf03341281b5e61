"""A worker that holds its partitions but gets nothing done is restarted by the supervisor (issue 18).

The worker keeps its group membership, its event loop and its status file, but its extraction process is
frozen (SIGSTOP): articles wait behind it and nothing is extracted, the situation the membership watchdog
could not see. The supervisor's progress watchdog (here with an 8 s limit instead of 45 s) restarts it and
says why; the new worker extracts the waiting articles.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from newswire.app.bench.pipeline import extraction_children
from newswire.kafka import make_producer
from newswire.status import read_status
from newswire.app.supervisor import Supervisor
from newswire.topics import ARTICLES
from tests.faults.conftest import make_article

# What is tested is the supervisor's progress watchdog, not the database: PostgreSQL, the production
# database, is enough (the database matrix runs where the database decides).
pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)]


def until(condition, timeout_s: float, what: str, supervisor: Supervisor):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        supervisor.tend()
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    logs = Path(supervisor.settings.data_dir, "logs", "process.log").read_text(errors="replace")[-4000:]
    raise AssertionError(f"timed out waiting for {what}; statuses {read_status(supervisor.settings.data_dir)}\n{logs}")


def test_a_worker_with_lag_and_no_progress_is_restarted_and_status_says_why(settings):
    supervisor = Supervisor(settings, stages=("process",), progress_limit_s=8.0)
    producer = make_producer(settings.kafka_bootstrap, enable_idempotence=False, linger_ms=0)
    topic = f"{settings.topic_prefix}{ARTICLES.name}"

    def worker_status(pid: int) -> dict:
        return next((e for e in read_status(settings.data_dir).get("process", []) if e.get("pid") == pid), {})

    try:
        supervisor.start()
        first = supervisor.children["process"].process.pid
        warm = make_article(0)
        producer.send(topic, key=warm.article_id, value=warm).get(timeout=30)
        until(lambda: worker_status(first).get("articles") == 1, 90, "the first article extracted", supervisor)
        frozen = next(iter(extraction_children(first)), None)
        assert frozen is not None
        os.kill(frozen, signal.SIGSTOP)
        waiting = [make_article(n) for n in range(1, 6)]
        for article in waiting:
            producer.send(topic, key=article.article_id, value=article).get(timeout=30)
        began = time.monotonic()
        until(lambda: supervisor.children["process"].process.pid != first, 60, "the stuck worker replaced", supervisor)
        took = time.monotonic() - began
        assert supervisor.last_restart is not None
        assert supervisor.last_restart.startswith("process restarted: no progress for ")
        lag = int(supervisor.last_restart.rsplit(" ", 1)[1])
        assert 1 <= lag <= len(waiting)
        assert 5 <= took < 40  # the limit is 8 s; its clock started at the last progress, before the sends
        second = supervisor.children["process"].process.pid
        until(lambda: worker_status(second).get("articles") == len(waiting), 120,
              "the waiting articles extracted by the new worker", supervisor)
        own = read_status(settings.data_dir)["supervisor"][0]
        assert own["last_restart"] == supervisor.last_restart and own["restarts"] == {"process": 1}
        assert not Path(f"/proc/{frozen}").exists() or "Z" in Path(f"/proc/{frozen}/stat").read_text().split()[2]
    finally:
        producer.close()
        for child in supervisor.children.values():
            child.stop(timeout_s=10)

    print(f"stuck worker replaced after {took:.1f} s: {supervisor.last_restart}", flush=True)
