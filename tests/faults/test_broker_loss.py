"""The embedded broker dies under `newswire run`: newswire restarts it and loses nothing.

A local feed of 20 articles (with an ETag, so a careless restart would get "304 Not Modified" and
never see the lost entries again) is served slowly enough that the broker is SIGKILLed mid-flow,
after the first articles are stored. The supervisor must notice, start a new broker on the same
port, recreate the topics, restart the stages (their Kafka clients do not survive a broker
restart), re-publish what was published but not stored, and end with all 20 articles stored once,
each with its extraction marker and exactly the figures and events that marker counts.
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
from sqlalchemy import func, select
from sqlmodel import Session

from newswire.ids import article_id
from newswire.app.bench.synthetic import make_page
from newswire.storage.db import make_engine
from newswire.storage.models import Article, Event, Extraction, Figure
from tests.faults.conftest import REPO, rss, wait_for

pytestmark = pytest.mark.slow

ARTICLES = 20


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def test_broker_killed_under_run_is_restarted_and_nothing_is_lost(site, tmp_path, unique):
    pages = [make_page(i, base_url=site.url("")) for i in range(ARTICLES)]
    for page in pages:  # ~0.2 s a page, two at a time: the feed's articles trickle in over ~2 s
        site.add_bytes(page.url.removeprefix(site.url("")), page.html.encode(), delay_s=0.2)
    site.add_bytes("/feed.xml", rss([(f"story-{i}", p.url, p.title) for i, p in enumerate(pages)]),
                   content_type="application/rss+xml", etag='"only-version"')
    data_dir = tmp_path / "data"
    db_url = f"sqlite:///{data_dir / 'newswire.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_FEEDS=site.url("/feed.xml"), NEWSWIRE_DATA_DIR=str(data_dir), NEWSWIRE_DATABASE_URL=db_url,
               NEWSWIRE_TOPIC_PREFIX=f"t{unique}.", NEWSWIRE_CONSUMER_GROUP_PREFIX=f"g{unique}",
               NEWSWIRE_ALLOW_PRIVATE_NETWORKS="true", NEWSWIRE_PER_HOST_DELAY_S="0",
               NEWSWIRE_PER_HOST_CONCURRENCY="2", NEWSWIRE_RESPECT_ROBOTS="false",
               NEWSWIRE_POLL_INTERVAL_S="2", NEWSWIRE_MIN_POLL_INTERVAL_S="1", NEWSWIRE_MAX_POLL_INTERVAL_S="3",
               PYTHONPATH=str(REPO))
    log = tmp_path / "run.log"
    with open(log, "ab") as out:
        run = subprocess.Popen([sys.executable, "-m", "newswire", "run"], env=env, stdout=out,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=REPO)
    engine = None

    def text() -> str:
        logs = "\n".join(f"--- {p.name} ---\n{p.read_text(errors='replace')[-2500:]}"
                         for p in sorted((data_dir / "logs").glob("*.log")))
        return log.read_text(errors="replace")[-3000:] + "\n" + logs

    def rows() -> dict[str, int]:
        try:
            with Session(engine) as session:
                return {name: session.execute(select(func.count()).select_from(model)).scalar_one()
                        for name, model in (("articles", Article), ("extractions", Extraction))}
        except Exception:
            return {"articles": 0, "extractions": 0}

    try:
        wait_for(lambda: (data_dir / "newswire.db").exists(), 60, "the database")
        engine = make_engine(db_url)

        def first_stored() -> bool:
            assert run.poll() is None, text()
            return rows()["articles"] >= 1

        wait_for(first_stored, 120, "the first stored article")
        pids = json.loads((data_dir / "pids.json").read_text())
        os.kill(pids["broker"], signal.SIGKILL)
        at_kill = rows()
        print(f"broker {pids['broker']} SIGKILLed with {at_kill} stored", flush=True)
        assert at_kill["extractions"] < ARTICLES, "everything was stored before the kill: the test proves nothing"

        def recovered() -> dict | None:
            assert run.poll() is None, f"newswire run exited after the broker loss:\n{text()}"
            try:
                now = json.loads((data_dir / "pids.json").read_text())
            except (OSError, ValueError):
                return None
            return now if now.get("broker") != pids["broker"] and alive(now["broker"]) else None

        after = wait_for(recovered, 60, "a new broker")
        assert {stage for stage in ("ingest", "process", "sink") if after[stage] == pids[stage]} == set(), \
            "a stage kept its dead broker's clients"

        def complete() -> bool:
            assert run.poll() is None, text()
            found = rows()
            return found["articles"] >= ARTICLES and found["extractions"] >= ARTICLES

        wait_for(complete, 150, "all 20 articles and their extractions after the broker loss")
        time.sleep(2.0)  # a late duplicate would show below
    finally:
        if run.poll() is None:
            run.send_signal(signal.SIGINT)
            try:
                run.wait(90)
            except subprocess.TimeoutExpired:
                run.kill()
                run.wait()
    assert run.returncode == 0, text()

    with Session(engine) as session:
        articles = session.execute(select(Article.article_id, Article.version)).all()
        markers = {r.article_id: r for r in session.execute(select(Extraction)).scalars()}
        figures = dict(session.execute(select(Figure.article_id, func.count()).group_by(Figure.article_id)).all())
        events = dict(session.execute(select(Event.article_id, func.count()).group_by(Event.article_id)).all())
    engine.dispose()
    expected_ids = {article_id(page.url) for page in pages}
    assert sorted(articles) == sorted((aid, 1) for aid in expected_ids), "an article is missing or stored twice"
    assert set(markers) == expected_ids
    for aid, marker in markers.items():
        assert marker.article_version == 1
        assert (figures.get(aid, 0), events.get(aid, 0)) == (marker.figures, marker.events), aid
    assert "restarting it on" in log.read_text()  # the supervisor said what happened


REPLAYED = 2000  # enough that the kill lands mid-replay: the sink stores ~300 of these short articles a second


def test_broker_killed_under_replay_is_restarted_and_the_replay_completes(tmp_path, unique):
    """`newswire replay` on the embedded broker: the broker dies mid-replay; the replay still stores all."""
    archive = tmp_path / "articles.jsonl"
    with open(archive, "w", encoding="utf-8") as out:
        for i in range(REPLAYED):
            page = make_page(i, base_url="https://replay.example.net")
            lead = page.html.split("<p>", 2)[2].split("</p>", 1)[0]
            out.write(json.dumps({"url": page.url, "title": page.title, "text": lead,
                                  "published_at": page.published_at.isoformat()}) + "\n")
    data_dir = tmp_path / "data"
    db_url = f"sqlite:///{tmp_path / 'replay.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATA_DIR=str(data_dir), NEWSWIRE_DATABASE_URL=db_url, NEWSWIRE_TOPIC_PREFIX=f"t{unique}.",
               NEWSWIRE_CONSUMER_GROUP_PREFIX=f"g{unique}", PYTHONPATH=str(REPO))
    log = tmp_path / "replay.log"
    with open(log, "ab") as out:
        replay = subprocess.Popen([sys.executable, "-m", "newswire", "replay", "--workers", "1", str(archive)],
                                  env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=REPO)
    engine = None
    try:
        wait_for(lambda: (data_dir / "pids.json").exists() and (tmp_path / "replay.db").exists(), 60, "the replay")
        engine = make_engine(db_url)

        def extracted() -> int:
            assert replay.poll() is None, log.read_text()[-4000:]
            try:
                with Session(engine) as session:
                    return session.execute(select(func.count()).select_from(Extraction)).scalar_one()
            except Exception:
                return 0

        wait_for(lambda: extracted() >= 1, 120, "the first extraction")
        broker_pid = json.loads((data_dir / "pids.json").read_text())["broker"]
        os.kill(broker_pid, signal.SIGKILL)
        at_kill = extracted()
        print(f"replay: broker {broker_pid} SIGKILLed with {at_kill} of {REPLAYED} extractions stored", flush=True)
        assert at_kill < REPLAYED
        assert replay.wait(180) == 0, log.read_text()[-4000:]
        with Session(engine) as session:
            articles = session.execute(select(Article.article_id, Article.version)).all()
            markers = session.execute(select(Extraction.article_id)).scalars().all()
    finally:
        if replay.poll() is None:
            replay.kill()
            replay.wait()
        if engine is not None:
            engine.dispose()
    assert len(articles) == len(set(articles)) == REPLAYED and {v for _, v in articles} == {1}
    assert sorted(markers) == sorted(aid for aid, _ in articles)
    assert not list(data_dir.glob("replay-*.jsonl")), "the replay's spill file was left behind"
