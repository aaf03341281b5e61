"""SIGKILL every stage, again and again, during a 2,000-article replay: nothing lost, nothing doubled.

The replay publisher (``newswire replay``), the Faust worker (``newswire process``) and the sink
(``newswire sink``) run as real processes on the embedded broker with SQLite. Three killers, one a
stage, each with its own ``random.Random`` seeded from :data:`SEED`, SIGKILL their stage at a random
moment while it works and start it again, :data:`KILLS` times. Every kill is logged (stage, pid, delay, rows at the kill) and written to ``kills.json``.

The database must then hold exactly the expected articles, figures, events and extraction markers:
the expected ids are computed here, in-process, by the same record builder and extractor the
pipeline runs (``ingest.replay.to_record``, ``processors.results.build_results``). Every table's key
is unique, so "exactly once" means: the set of stored ids equals the expected set, every article
has one version (a redelivered one never became version 2), and no dead letter was made.

A second test does the same with 600 articles and two kills a stage, on Tansu with SQLite and on
Apache Kafka with PostgreSQL, while two busy loops take the machine's cores (``busy_machine``); ``NEWSWIRE_TEST_BUSY_LOOPS=N`` loads any fault test that way. A
worker that exits 3 (it lost its group membership for good) is started again, as the supervisor does.
Each kill's ``recovered_s`` is the time from the stage's previous kill to its being busy again.

Reproduce a run's kill schedule with ``NEWSWIRE_FAULT_SEED=<seed>`` (the seed is in the log).
"""

from __future__ import annotations

import json
import os
import random
import re
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from kafka import TopicPartition

from newswire.ingest.replay import read_jsonl, to_record
from newswire.kafka import create_topics, make_consumer
from newswire.records import ArticleRecord
from newswire.app.bench.synthetic import make_page
from newswire.topics import ARTICLES
from newswire.processors.results import build_results
from newswire.processors.extract import extract
from newswire.storage.db import upgrade
from newswire.storage.models import Article, Event, Extraction, Figure
from tests.conftest import broker_matrix
from tests.faults.conftest import Counter, Stage, stage_env, wait_for

pytestmark = pytest.mark.slow

N = 2000
KILLS = 4  # per stage; with the busy test's, 8 kills a stage a suite
BUSY_N, BUSY_KILLS, BUSY_LOOPS = 600, 2, 2  # the same on a machine whose cores two busy loops take, both pairs
SEED = int(os.environ.get("NEWSWIRE_FAULT_SEED", "20250303"))
PARAGRAPH = re.compile(r"<p>(.*?)</p>")


def write_articles(path: Path, n: int = N) -> list[ArticleRecord]:
    """``n`` (2,000) synthetic articles as replay JSONL (text already clean); returns what replay makes of them."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            page = make_page(i, base_url="https://wire.example.net")
            text = PARAGRAPH.findall(page.html)[0]  # the lead: ~4.5 figures and events an article, cheap to store
            out.write(json.dumps({"url": page.url, "title": page.title, "text": text,
                                  "published_at": page.published_at.isoformat()}) + "\n")
    records = [to_record(item) for item in read_jsonl(path)]
    assert all(isinstance(r, ArticleRecord) for r in records)
    return [r.model_copy(update={"version": 1}) for r in records]


def expected_rows(articles: list[ArticleRecord]) -> dict[str, set]:
    figures, events, extractions = set(), set(), set()
    for article in articles:
        found_figures, found_events = build_results(article, extract(article.text, article.published_at))
        figures |= {(f.figure_id, f.article_id, f.start, f.end, f.text, f.value, f.category) for f in found_figures}
        events |= {(e.event_id, e.article_id, e.start, e.end, e.trigger, e.type) for e in found_events}
        extractions.add((article.article_id, 1, len(found_figures), len(found_events)))
    return {"articles": {(a.article_id, 1, a.content_hash) for a in articles}, "figures": figures,
            "events": events, "extractions": extractions}


def stored_rows(url: str) -> dict[str, set]:
    from newswire.storage.db import make_engine

    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return {
                "articles": {tuple(r) for r in session.execute(
                    select(Article.article_id, Article.version, Article.content_hash))},
                "figures": {tuple(r) for r in session.execute(select(
                    Figure.figure_id, Figure.article_id, Figure.start, Figure.end, Figure.text, Figure.value,
                    Figure.category))},
                "events": {tuple(r) for r in session.execute(select(
                    Event.event_id, Event.article_id, Event.start, Event.end, Event.trigger, Event.type))},
                "extractions": {tuple(r) for r in session.execute(select(
                    Extraction.article_id, Extraction.article_version, Extraction.figures, Extraction.events))},
            }
    finally:
        engine.dispose()


_CORPORA: dict[int, tuple[bytes, list[ArticleRecord], dict[str, set]]] = {}


def corpus_at(path: Path, n: int = N) -> tuple[list[ArticleRecord], dict[str, set]]:
    """:func:`write_articles` at ``path`` and its :func:`expected_rows`, computed once a session for each
    ``n`` (the 2,000 articles' extraction takes ~10 s): this module's corpus and the three-broker test's
    (tests/kafka/test_cluster.py) are the same articles. Callers only read what is returned."""
    if n not in _CORPORA:
        articles = write_articles(path, n)
        _CORPORA[n] = (path.read_bytes(), articles, expected_rows(articles))
    else:
        path.write_bytes(_CORPORA[n][0])
    return _CORPORA[n][1], _CORPORA[n][2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    articles, expected = corpus_at(path)
    return path, articles, expected


class Killer(threading.Thread):
    """Starts a stage, waits until it is busy, SIGKILLs it after a random delay; ``kills`` times.

    The last start is the test thread's: a child started with a parent-death signal dies with the
    *thread* that started it, so nothing that must outlive a killer may be started by one.
    """

    def __init__(self, stage: Stage, rng: random.Random, busy, delay: tuple[float, float], log: list, lock,
                 rows, baseline=lambda: None, after: threading.Thread | None = None, kills: int = KILLS):
        super().__init__(name=f"kill-{stage.name}", daemon=True)
        self.want, self.max_tries = kills, 3 * kills
        self.stage, self.rng, self.busy, self.delay = stage, rng, busy, delay
        self.log, self.lock, self.rows = log, lock, rows
        self.baseline = baseline  # measured just before each start, handed to busy()
        self.after = after  # a killer to wait for before starting
        self.kills = 0
        self.killed_at: float | None = None
        self.error: BaseException | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            if self.after is not None:
                self.after.join()
            tries = 0
            while self.kills < self.want and not self.stop.is_set():
                tries += 1
                assert tries <= self.max_tries, f"{self.stage.name}: only {self.kills} kills landed in {tries} tries"
                baseline = self.baseline()
                self.stage.start()
                started = time.monotonic()
                stuck = False
                while not self.busy(self.stage, baseline) and not self.stop.is_set():
                    if time.monotonic() - started > BUSY_LIMIT_S:
                        # The embedded broker sometimes stalls a group re-join (broker.md); a fresh
                        # member joins fine, which is what an orchestrator's restart gives too.
                        print(f"{self.stage.name} not busy after {BUSY_LIMIT_S:.0f} s: restarting it", flush=True)
                        stuck = True
                        break
                    if not self.stage.alive():
                        break  # finished (the publisher) or crashed: start it again
                    time.sleep(0.05)
                if stuck:
                    self.stage.kill()
                    continue
                # Recovery: from the last kill (the restart is immediate) to busy again, rejoin included.
                recovered_s = None if self.killed_at is None else round(time.monotonic() - self.killed_at, 2)
                delay = self.rng.uniform(*self.delay)
                time.sleep(delay)
                pid = self.stage.pid
                if self.stage.kill():
                    self.killed_at = time.monotonic()
                    self.kills += 1
                    entry = {"stage": self.stage.name, "kill": self.kills, "pid": pid,
                             "recovered_s": recovered_s, "after_busy_s": round(delay, 3),
                             "at_s": round(time.monotonic() - T0[0], 2),
                             "rows": self.rows()}
                    with self.lock:
                        self.log.append(entry)
                    print("SIGKILL", json.dumps(entry), flush=True)
                else:
                    code = self.stage.process.returncode if self.stage.process else None
                    assert code in (0, REJOIN_EXIT), f"{self.stage.name} exited {code} on its own:\n{self.stage.log()}"
        except BaseException as exc:  # reported by the test thread
            self.error = exc


T0 = [0.0]
BUSY_LIMIT_S = 75.0
REJOIN_EXIT = 3  # the worker's exit when it lost its group membership for good (processors.agents)


def rejoin(stage: Stage) -> None:
    """What the supervisor (or an orchestrator) does: start again a worker that exited to re-join its group."""
    if stage.process is not None and stage.process.poll() == REJOIN_EXIT:
        print(f"{stage.name} exited {REJOIN_EXIT} (left its group): starting it again", flush=True)
        stage.start()


# 2,000 articles once, on the embedded default; the busy test below runs both broker/database pairs
@pytest.mark.parametrize(("broker", "database_url"), [("tansu", "sqlite")], indirect=True)
def test_sigkill_every_stage_during_replay(corpus, settings, tmp_path, busy_machine):
    kill_every_stage(corpus, settings, tmp_path, KILLS)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("small") / "articles.jsonl"
    articles = write_articles(path, BUSY_N)
    return path, articles, expected_rows(articles)


@broker_matrix
@pytest.mark.parametrize("busy_machine", [BUSY_LOOPS], indirect=True)
def test_sigkill_every_stage_on_a_busy_machine(small_corpus, settings, tmp_path, busy_machine):
    """Two busy loops take the two cores while every stage is killed and restarted: each one re-joins
    its group and the rows are exactly the expected ones (issue 22)."""
    kill_every_stage(small_corpus, settings, tmp_path, BUSY_KILLS)


def kill_every_stage(corpus, settings, tmp_path, kills: int) -> None:
    """Replays ``corpus``, killing each stage ``kills`` times, then checks every row (the module docstring)."""
    path, articles, expected = corpus
    n = len(articles)
    upgrade(settings.db_url)
    create_topics(settings.kafka_bootstrap, settings.topic_prefix, settings.topic_partitions)
    seed = SEED + (1 if settings.db_url.startswith("postgresql") else 0)
    print(f"fault seed {seed} (NEWSWIRE_FAULT_SEED={SEED}); database {settings.db_url.split(':')[0]}", flush=True)
    env = stage_env(settings)
    sink = Stage("sink", ["sink"], env, tmp_path / "sink.log")
    worker = Stage("process", ["process"], env, tmp_path / "process.log")
    publisher = Stage("replay", ["replay", "--workers", "1", str(path)], env, tmp_path / "replay.log")
    counter = Counter(settings.db_url)
    data_dir = settings.data_dir
    log: list[dict] = []
    lock = threading.Lock()
    master = random.Random(seed)
    T0[0] = time.monotonic()

    def processed(stage: Stage, baseline: None) -> bool:
        return (stage.status(data_dir).get("articles") or 0) > 0

    def sink_busy(stage: Stage, baseline: None) -> bool:
        return (stage.status(data_dir).get("messages") or 0) > 0

    articles_topic = ARTICLES.full_name(settings.topic_prefix)
    watcher = make_consumer(settings.kafka_bootstrap, None)
    partitions = [TopicPartition(articles_topic, p) for p in range(settings.topic_partitions)]

    def topic_end() -> int:
        # end_offsets is off on batched data on this broker (../shared/docs/broker.md), but it grows
        # with every new batch: enough to see that a publisher has started sending.
        return sum(watcher.end_offsets(partitions).values())

    def publishing(stage: Stage, baseline: int) -> bool:
        return topic_end() > baseline

    # The sink starts once the publisher's kills are over: a replay re-publishes only what is not
    # stored, so with the sink caught up a publisher would have nothing left to be killed during.
    # Until then the worker extracts (and is killed) on its own; afterwards the sink has a backlog.
    publisher_killer = Killer(publisher, random.Random(master.random()), publishing, (0.0, 0.6), log, lock,
                              counter, baseline=topic_end, kills=kills)
    killers = [
        publisher_killer,
        Killer(worker, random.Random(master.random()), processed, (0.0, 1.0), log, lock, counter, kills=kills),
        Killer(sink, random.Random(master.random()), sink_busy, (0.0, 1.0), log, lock, counter,
               after=publisher_killer, kills=kills),
    ]
    try:
        for killer in killers:
            killer.start()
        for killer in killers:
            deadline = time.monotonic() + 480
            while killer.is_alive() and time.monotonic() < deadline:
                killer.join(timeout=1.0)
                if killer.stage is not worker and worker.starts > 0:
                    rejoin(worker)  # started by this thread once its killer is done
            assert not killer.is_alive(), f"{killer.name} still running after 480 s"
            if killer.error is not None:
                raise killer.error
            if killer.stage is worker:
                # The sink's last kills need a backlog: the worker goes on producing one. (Its status used to
                # lag while extraction held its event loop, so it was killed later and had produced more.)
                worker.start()
        sink.start()
        # The publisher's last run goes to the end: it publishes whatever is not stored yet.
        publisher.start()
        wait_for(lambda: publisher.process.poll() is not None, 60, "the last replay run")
        assert publisher.process.returncode == 0, publisher.log()
        # The extraction marker can be stored before its article's figures and events (three topics,
        # consumed independently), so wait for the full expected counts.
        want = {"articles": n, "figures": len(expected["figures"]), "events": len(expected["events"]),
                "extractions": n, "dead_letters": 0}
        last: dict[str, int] = {}

        def every_row() -> bool:
            rejoin(worker)
            last.update(counter())
            return all(count >= want[table] for table, count in last.items())

        try:
            wait_for(every_row, 300, f"every row: {want}", sink)
        except AssertionError as exc:
            raise AssertionError(f"stored {last}; worker status {worker.status(data_dir)}; "
                                 f"sink status {sink.status(data_dir)}\n{exc}") from None
        time.sleep(2.0)  # redeliveries still in flight would show up as extra rows below
        # The status the supervisor's watchdogs judge by: the one worker is a member holding every partition.
        status = worker.status(data_dir)
        assert status.get("member") is True and status.get("partitions") == list(range(settings.topic_partitions)), \
            status
        assert worker.stop() == 0, worker.log()
        assert sink.stop() == 0, sink.log()
    finally:
        for killer in killers:
            killer.stop.set()
        for stage in (publisher, worker, sink):
            if stage.alive():
                stage.kill()
        counter.close()
        watcher.close()
        (tmp_path / "kills.json").write_text(json.dumps({"seed": seed, "kills": log}, indent=1))

    per_stage = {name: sum(1 for k in log if k["stage"] == name) for name in ("replay", "process", "sink")}
    assert per_stage == {"replay": kills, "process": kills, "sink": kills}, per_stage

    stored = stored_rows(settings.db_url)
    for table in ("articles", "extractions", "figures", "events"):
        missing, extra = expected[table] - stored[table], stored[table] - expected[table]
        assert not missing and not extra, (table, len(missing), len(extra), sorted(missing)[:3], sorted(extra)[:3])
    rows = Counter(settings.db_url)
    counts = rows()
    rows.close()
    assert counts == {"articles": n, "figures": len(expected["figures"]), "events": len(expected["events"]),
                      "extractions": n, "dead_letters": 0}, counts
    recovered = {name: max((k["recovered_s"] for k in log if k["stage"] == name and k["recovered_s"] is not None),
                           default=None) for name in ("process", "sink")}
    print(f"longest recovery from a kill to busy again: {recovered} s", flush=True)
    print(f"survived {per_stage} kills; checked {sum(counts.values())} rows "
          f"({counts}) in {time.monotonic() - T0[0]:.0f} s", flush=True)
