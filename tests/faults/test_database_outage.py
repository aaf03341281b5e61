"""PostgreSQL goes away for 30 s under a busy sink: the sink waits, stays small, and stores everything once.

A private PostgreSQL instance (initdb into a temporary directory, trust auth, a free port; run as
the ``postgres`` user when the tests run as root, since initdb refuses root) serves the sink. Half
the records are published, the sink starts storing, the server is stopped with ``pg_ctl stop -m
immediate`` (a crash, as far as clients can tell), the other half is published during the outage,
and the server is started again 30 s later.

Expected: the sink neither exits nor commits offsets for what it could not store; it reports the
errors and retries with backoff; its memory stays flat while the topic grows (partitions paused);
and after the outage every article and figure is in the database exactly once.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from newswire.app.broker import free_port
from newswire.kafka import create_topics, make_producer
from newswire.settings import Settings
from newswire.topics import ARTICLES, FIGURES
from newswire.storage.db import make_engine, upgrade
from newswire.storage.models import Article, Figure
from tests.faults.conftest import Counter, Stage, make_article, make_figure, stage_env, wait_for

pytestmark = pytest.mark.slow

PG_BIN = Path("/usr/lib/postgresql/15/bin")
N = 3000
OUTAGE_S = 20.0  # longer than a few backoff steps, short of the 30 s cap (the retry on recovery must come first)
GROWTH_LIMIT_KIB = 64 * 1024  # the sink must not buffer the topic while it cannot write


class PrivatePostgres:
    """A throw-away PostgreSQL server of our own, so stopping it disturbs nobody else."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="newswire-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--no-sync")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *argv: str, timeout: float = 120) -> None:
        result = subprocess.run([*self.as_user, *argv], capture_output=True, text=True, timeout=timeout)
        assert result.returncode == 0, f"{argv}: {result.stdout}{result.stderr}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options,
                  "-w", "-t", "60", "start")

    def stop(self, mode: str = "immediate") -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def close(self) -> None:
        if self.running():
            try:
                self.stop()
            except AssertionError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def private_postgres():
    server = PrivatePostgres()
    server.start()
    yield server
    server.close()


def rss_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process, KiB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def test_sink_survives_a_database_outage(broker, private_postgres, unique, tmp_path):
    url = private_postgres.url
    upgrade(url)
    settings = Settings(kafka_bootstrap=broker.bootstrap, topic_prefix=f"t{unique}.",
                        consumer_group_prefix=f"g{unique}", database_url=url, data_dir=tmp_path,
                        sink_batch_size=200)
    create_topics(broker.bootstrap, settings.topic_prefix, settings.topic_partitions)
    articles = [make_article(n) for n in range(N)]
    producer = make_producer(broker.bootstrap)

    def publish(batch) -> None:
        for article in batch:
            producer.send(ARTICLES.full_name(settings.topic_prefix), key=article.article_id, value=article)
            producer.send(FIGURES.full_name(settings.topic_prefix), key=article.article_id, value=make_figure(article))
        producer.flush(60)

    publish(articles[: N // 2])
    sink = Stage("sink", ["sink"], stage_env(settings), tmp_path / "sink.log").start()
    counter = Counter(url)
    samples: list[int] = []
    try:
        wait_for(lambda: counter()["articles"] >= 300, 90, "the first stored articles", sink)
        before_rss, _ = rss_kib(sink.pid)
        stored_at_outage = counter()
        private_postgres.stop("immediate")
        down_at = time.monotonic()
        publish(articles[N // 2:])  # the topic grows while the database is down
        # A loaded machine can take the whole outage to publish: watch the sink at least 5 s after it.
        until = max(down_at + OUTAGE_S, time.monotonic() + 5.0)
        while time.monotonic() < until:
            assert sink.alive(), f"the sink exited during the outage:\n{sink.log()}"
            samples.append(rss_kib(sink.pid)[0])
            time.sleep(0.5)
        status = sink.status(tmp_path)
        private_postgres.start()
        up_at = time.monotonic()
        wait_for(lambda: counter()["articles"] >= N and counter()["figures"] >= N, 120,
                 "every record after the outage", sink)
        recovery_s = time.monotonic() - up_at
        time.sleep(1.0)
        _, peak = rss_kib(sink.pid)
        assert sink.stop() == 0, sink.log()
    finally:
        producer.close()
        if sink.alive():
            sink.kill()
        counter.close()

    assert status.get("retrying") is True and status.get("db_errors", 0) >= 1, status
    assert "database answers again" in sink.log(tail=10**8)  # retried when it came back, not at the end of a backoff
    assert max(samples) - before_rss < GROWTH_LIMIT_KIB, (before_rss, max(samples))
    engine = make_engine(url)
    with Session(engine) as session:
        stored_articles = session.execute(select(Article.article_id, Article.version)).all()
        stored_figures = session.execute(select(Figure.figure_id)).scalars().all()
    engine.dispose()
    assert sorted(stored_articles) == sorted((a.article_id, 1) for a in articles)
    assert sorted(stored_figures) == sorted(make_figure(a).figure_id for a in articles)
    print(f"database outage {OUTAGE_S:.0f} s with {stored_at_outage['articles']} of {N} articles stored; "
          f"sink db_errors {status['db_errors']}, RSS before {before_rss // 1024} MiB, max during "
          f"{max(samples) // 1024} MiB, peak {peak // 1024} MiB; all {2 * N} records stored "
          f"{recovery_s:.1f} s after the restart", flush=True)
