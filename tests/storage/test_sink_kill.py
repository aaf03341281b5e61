"""SIGKILL the sink in the middle of 2,000 articles: after a restart every one is stored, once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from newswire.app.broker import die_with_parent
from newswire.kafka import create_topics, make_producer, send
from newswire.topics import ARTICLES, FIGURES
from newswire.storage.db import make_engine, upgrade
from newswire.storage.models import Article
from newswire.storage.queries import count_rows

SCRIPT = Path(__file__).with_name("sink_process.py")
N = 2000


def start_sink(settings, log_path: Path) -> subprocess.Popen:
    config = {"kafka_bootstrap": settings.kafka_bootstrap, "topic_prefix": settings.topic_prefix,
              "consumer_group_prefix": settings.consumer_group_prefix, "database_url": settings.db_url,
              "sink_batch_size": 100, "sink_batch_timeout_ms": 200}
    with open(log_path, "ab") as log:
        return subprocess.Popen([sys.executable, str(SCRIPT), json.dumps(config)], stdout=log, stderr=log,
                                stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)


def wait_for(condition, timeout_s, what, process=None, log_path=None):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        if process is not None and process.poll() is not None:
            raise AssertionError(f"sink exited ({process.returncode}) waiting for {what}:\n{log_path.read_text()}")
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}:\n{log_path.read_text() if log_path else ''}")


@pytest.mark.slow
def test_sigkill_mid_stream_loses_and_duplicates_nothing(settings, records, tmp_path):
    upgrade(settings.db_url)
    engine = make_engine(settings.db_url)
    prefix = settings.topic_prefix
    create_topics(settings.kafka_bootstrap, prefix)
    producer = make_producer(settings.kafka_bootstrap)
    articles = [records.article() for _ in range(N)]
    for article in articles:
        send(producer, ARTICLES.full_name(prefix), article.article_id, article)
        send(producer, FIGURES.full_name(prefix), article.article_id, records.figure(article, 0))
    producer.flush(60)
    producer.close()

    def stored() -> int:
        return count_rows(engine)["articles"]

    log_path = tmp_path / "sink.log"
    process = start_sink(settings, log_path)
    try:
        wait_for(lambda: stored() >= 300, 45, "the first articles", process, log_path)
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(10) == -signal.SIGKILL
        at_kill = stored()
        assert at_kill < N, "the sink finished before the kill: the test proves nothing"

        process = start_sink(settings, log_path)
        wait_for(lambda: count_rows(engine)["articles"] == N and count_rows(engine)["figures"] == N, 45,
                 "every article after the restart", process, log_path)
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    rows = count_rows(engine)
    assert (rows["articles"], rows["figures"], rows["dead_letters"]) == (N, N, 0)
    with engine.connect() as conn:
        ids = {row.article_id for row in conn.execute(select(Article.__table__.c.article_id))}
        assert ids == {a.article_id for a in articles}
    engine.dispose()
