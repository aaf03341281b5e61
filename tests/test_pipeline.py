"""End to end: a local feed -> `newswire run` -> Kafka -> Faust agents -> database rows.

Nothing is mocked: a local HTTP server serves our test site, `newswire run` is the real command in
a subprocess, the broker is the real embedded Tansu or Apache Kafka (broker_matrix), the databases are a SQLite file and PostgreSQL.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kafka import TopicPartition
from sqlalchemy import func, select
from sqlmodel import Session

from newswire.ids import article_id, canonical_url
from newswire.kafka import make_consumer
from newswire.settings import Settings
from newswire.storage.db import make_engine
from newswire.storage.models import Article, Event, Extraction, Figure, StoryArticle
from tests.conftest import SITE_DIR, broker_matrix

EXPECTED = json.loads((SITE_DIR / "expected.json").read_text())
pytestmark = pytest.mark.slow


def start_run(env: dict[str, str], log: Path) -> subprocess.Popen:
    with open(log, "ab") as out:
        return subprocess.Popen([sys.executable, "-m", "newswire", "run"], env=env, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def wait_for_rows(url: str, articles: int, timeout_s: float, run: subprocess.Popen, log: Path) -> float:
    """Seconds until every article is stored and fully extracted (its extraction marker stored)."""
    started = time.monotonic()
    engine = make_engine(url)
    try:
        while time.monotonic() - started < timeout_s:
            assert run.poll() is None, f"newswire run exited early:\n{log.read_text()[-3000:]}"
            try:
                with Session(engine) as session:
                    stored = len(session.exec(select(Article)).all())
                    extracted = len(session.exec(select(Extraction)).all())
                if stored >= articles and extracted >= articles:
                    return time.monotonic() - started
            except Exception:  # tables not created yet
                pass
            time.sleep(0.5)
    finally:
        engine.dispose()
    raise AssertionError(f"no {articles} stored articles within {timeout_s} s:\n{log.read_text()[-3000:]}")


def stop_run(run: subprocess.Popen) -> int:
    run.send_signal(signal.SIGINT)
    return run.wait(90)


def consume_all(bootstrap: str, topic: str) -> list:
    consumer = make_consumer(bootstrap, None)
    partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
    consumer.assign(partitions)
    consumer.seek_to_beginning(*partitions)
    messages, idle_since = [], time.monotonic()
    while time.monotonic() - idle_since < 3:
        for batch in consumer.poll(500).values():
            messages.extend(batch)
            idle_since = time.monotonic()
    consumer.close()
    return messages


@broker_matrix
def test_feed_to_database_field_by_field(settings: Settings, static_site, tmp_path):
    feed = f"{static_site}/feed.xml"
    env = {**os.environ, **settings.to_env(), "NEWSWIRE_FEEDS": feed}
    log = tmp_path / "run.log"
    run = start_run(env, log)
    try:
        wait_for_rows(settings.db_url, 3, 120, run, log)
    finally:
        code = stop_run(run)
    assert code == 0, log.read_text()[-3000:]

    engine = make_engine(settings.db_url)
    with Session(engine) as session:
        articles = {a.canonical_url.removeprefix(static_site): a for a in session.exec(select(Article)).scalars()}
        figures = session.exec(select(Figure)).scalars().all()
        events = session.exec(select(Event)).scalars().all()
    engine.dispose()

    assert set(articles) == set(EXPECTED["articles"])
    for path, expected in EXPECTED["articles"].items():
        row = articles[path]
        assert row.article_id == article_id(static_site + path)
        assert row.canonical_url == canonical_url(static_site + path)
        assert row.version == 1 and row.feed_url == feed and row.guid == expected["guid"]
        assert (row.title, row.author, row.site, row.language) == (
            expected["title"], expected["author"], expected["site"], expected["language"])
        assert row.published_at.isoformat().replace("+00:00", "") == expected["published_at"].replace("+00:00", "")
        paragraphs = row.text.split("\n\n")
        assert paragraphs[0] == expected["first_paragraph"] and len(paragraphs) == expected["paragraphs"]

    by_article = {path: [f for f in figures if f.article_id == row.article_id] for path, row in articles.items()}
    for path, row in articles.items():
        for figure in by_article[path]:  # every span points at its words, and its sentence holds it
            assert row.text[figure.start:figure.end] == figure.text
            assert row.text[figure.sentence_start:figure.sentence_start + len(figure.sentence)] == figure.sentence
            assert figure.article_version == 1 and figure.extractor_version

    def one(path: str, text: str) -> Figure:
        found = [f for f in by_article[path] if f.text == text]
        assert len(found) == 1, (text, [(f.text, f.category) for f in by_article[path]])
        return found[0]

    killed = one("/articles/a1.html", "At least 12")
    assert (killed.value, killed.category, killed.qualifier, killed.unit) == (12, "killed", "at_least", "people")
    assert killed.source == "police" and killed.start == 0
    injured = one("/articles/a1.html", "more than 300")
    assert (injured.value, injured.category, injured.qualifier) == (300, "injured", "more_than")
    money = one("/articles/a2.html", "$2.5 billion")
    assert (money.value, money.category) == (2.5e9, "money")
    missing = one("/articles/a3.html", "At least 7")
    assert (missing.value, missing.category, missing.qualifier) == (7, "missing", "at_least")

    quake = [e for e in events if e.article_id == articles["/articles/a1.html"].article_id and e.type == "earthquake"]
    assert quake and quake[0].date == "2025-03-02"  # "on Sunday" in an article of Sunday 2025-03-02
    assert articles["/articles/a1.html"].text[quake[0].start:quake[0].end] == quake[0].trigger

    # The topics carry the same records, keyed by article id, as plain versioned JSON.
    prefix = settings.topic_prefix
    article_messages = consume_all(settings.kafka_bootstrap, f"{prefix}newswire.articles.v1")
    assert sorted(m.key.decode() for m in article_messages) == sorted(a.article_id for a in articles.values())
    for message in article_messages:
        payload = json.loads(message.value)
        assert payload["schema_version"] == 1 and payload["article_id"] == message.key.decode()
    figure_messages = consume_all(settings.kafka_bootstrap, f"{prefix}newswire.figures.v1")
    assert sorted(json.loads(m.value)["figure_id"] for m in figure_messages) == sorted(f.figure_id for f in figures)
    for message in figure_messages:
        payload = json.loads(message.value)
        assert payload["article_id"] == message.key.decode() and payload["schema_version"] == 1
    event_messages = consume_all(settings.kafka_bootstrap, f"{prefix}newswire.events.v1")
    assert sorted(json.loads(m.value)["event_id"] for m in event_messages) == sorted(e.event_id for e in events)


def pids_of_run(data_dir: Path) -> set[int]:
    children = json.loads((data_dir / "pids.json").read_text())
    assert set(children) == {"supervisor", "broker", "ingest", "process", "sink", "storify"}
    return {pid for name, pid in children.items() if name != "supervisor"}


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def wait_for_placed(url: str, articles: int, timeout_s: float, log: Path) -> None:
    """Until the stories stage has placed ``articles`` stored articles."""
    engine = make_engine(url)
    deadline, placed = time.monotonic() + timeout_s, 0
    try:
        while time.monotonic() < deadline and placed < articles:
            with engine.connect() as conn:
                placed = conn.execute(select(func.count()).select_from(StoryArticle.__table__)).scalar_one()
            time.sleep(0.5)
    finally:
        engine.dispose()
    assert placed == articles, log.read_text()[-3000:]


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "sigkill"])
def test_embedded_run_places_what_it_stores_and_leaves_no_process_behind(static_site, tmp_path, how):
    """`newswire run` (embedded) stores the site's three articles; in the Ctrl-C run its stories stage
    places them and afterwards `newswire stories` lists them (once tests/stories/test_run_places.py, which
    started a run of its own). Stopped by Ctrl-C or SIGKILL, it leaves no process behind."""
    data_dir = tmp_path / "data"
    url = f"sqlite:///{data_dir / 'newswire.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_FEEDS=f"{static_site}/feed.xml", NEWSWIRE_DATA_DIR=str(data_dir),
               NEWSWIRE_ALLOW_PRIVATE_NETWORKS="true", NEWSWIRE_PER_HOST_DELAY_S="0",
               NEWSWIRE_RESPECT_ROBOTS="false")
    log = tmp_path / "run.log"
    run = start_run(env, log)
    try:
        wait_for_rows(url, 3, 120, run, log)
        if how == signal.SIGINT:  # once is enough: the stage places between batches, seconds apart
            wait_for_placed(url, 3, 60, log)
        pids = pids_of_run(data_dir)
        assert len(pids) == 5 and all(alive(pid) for pid in pids)  # broker, ingest, process, sink, storify
        run.send_signal(how)
        code = run.wait(90)
    finally:
        if run.poll() is None:
            run.kill()
    if how == signal.SIGINT:
        assert code == 0, log.read_text()[-3000:]
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(alive(pid) for pid in pids):
        time.sleep(0.2)
    assert not [pid for pid in pids if alive(pid)], "processes survived `newswire run`"
    if how == signal.SIGINT:
        listed = subprocess.run([sys.executable, "-m", "newswire", "stories", "--format", "jsonl"], env=env,
                                capture_output=True, text=True, timeout=60)
        assert listed.returncode == 0, listed.stderr
        stories = [json.loads(line) for line in listed.stdout.splitlines()]
        assert sum(s["articles"] for s in stories) == 3
