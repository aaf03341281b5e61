"""The embedded broker is replaced to bound its memory while articles keep arriving: nothing lost or doubled.

A local feed gains an entry every 0.4 s while `newswire run` polls it every second or two, with
``NEWSWIRE_BROKER_RENEW_ARTICLES=20``, so the supervisor renews the broker (pauses ingest, drains,
replaces it, resumes) while entries keep appearing: once the renewal has begun the feed gains 10 more
entries (4 s, while the broker is being replaced), then stops, so one renewal is enough for the rest.
Every entry the feed served must end stored exactly once with its extraction marker. A subscriber
consumes the articles topic meanwhile the documented way: it watches the broker epoch in
``broker.json`` and, when it changes, recreates its consumer (in a consumer group named after the
epoch) and reads the new topics from offset 0.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from newswire.ids import article_id
from newswire.kafka import make_consumer
from newswire.app.renewal import read_epoch
from newswire.storage.db import make_engine
from newswire.storage.models import Article, Extraction
from newswire.app.bench.synthetic import make_page
from newswire.topics import ARTICLES
from tests.faults.conftest import REPO, rss, wait_for

pytestmark = pytest.mark.slow

ENTRIES = 90  # pages made: the most the feed may grow to
EVERY_S = 0.4
RENEW_AFTER = 20
AFTER_RENEWAL_BEGAN = 10  # entries the feed still gains once a renewal has begun (then it stops): fewer
# than RENEW_AFTER, so the new broker is not renewed again before the test ends (~10 s a renewal)


class GrowingFeed:
    """Entry ``i`` appears ``i * EVERY_S`` after :meth:`begin`, up to ``cap`` entries; remembers the most
    it ever served."""

    def __init__(self, site):
        self.site, self.pages, self.started, self.served, self.cap = site, [], None, 0, ENTRIES
        self.pages = [make_page(i, base_url=site.url("")) for i in range(ENTRIES)]
        for page in self.pages:
            site.add_bytes(page.url.removeprefix(site.url("")), page.html.encode())
        site.routes["/feed.xml"] = self.handle

    def begin(self) -> None:
        self.started = time.monotonic()

    def visible(self) -> int:
        if self.started is None:
            return 1
        return min(self.cap, 1 + int((time.monotonic() - self.started) / EVERY_S))

    def stop_after(self, more: int) -> None:
        """The feed gains ``more`` entries from now on, at its pace, then stops growing."""
        self.cap = min(ENTRIES, self.visible() + more)
        assert self.cap > self.visible(), "the feed stopped growing before the renewal: the test proves nothing"

    def handle(self, request) -> None:
        count = self.visible()
        self.served = max(self.served, count)
        body = rss([(f"entry-{i}", p.url, p.title) for i, p in enumerate(self.pages[:count])][::-1])
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)


class Subscriber(threading.Thread):
    """Reads the articles topic; on a new broker epoch, a new consumer from the new topics' start."""

    def __init__(self, data_dir, topic: str, group: str):
        super().__init__(daemon=True)
        self.data_dir, self.topic, self.group = data_dir, topic, group
        self.seen: list[tuple[int, int, int, str]] = []  # (epoch, partition, offset, article id)
        self.epochs_seen: list[int] = []
        self.halt = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.halt.is_set():
                epoch = read_epoch(self.data_dir)
                if epoch is None:
                    time.sleep(0.2)
                    continue
                try:
                    bootstrap = json.loads((self.data_dir / "broker.json").read_text())["bootstrap"]
                except (OSError, ValueError, KeyError):
                    continue  # being rewritten: read it again
                self.epochs_seen.append(epoch)
                # A group of this epoch: the new broker knows no offsets anyway, and Tansu can stall a
                # group re-joined after its members left (the old consumer may have re-joined it here).
                consumer = make_consumer(bootstrap, f"{self.group}-e{epoch}", self.topic, auto_offset_reset="earliest",
                                         enable_auto_commit=False)  # nothing to commit to a dead broker
                try:
                    while not self.halt.is_set() and read_epoch(self.data_dir) == epoch:
                        for tp, messages in consumer.poll(timeout_ms=300).items():
                            for m in messages:
                                self.seen.append((epoch, tp.partition, m.offset, json.loads(m.value)["article_id"]))
                except Exception:
                    if read_epoch(self.data_dir) == epoch:
                        raise  # a failure that is not the documented renewal
                finally:
                    consumer.close(autocommit=False)
        except BaseException as exc:  # reported by the test
            self.error = exc


def test_broker_renewal_under_continuous_ingest_loses_and_doubles_nothing(site, tmp_path, unique):
    feed = GrowingFeed(site)
    data_dir = tmp_path / "data"
    db_url = f"sqlite:///{data_dir / 'newswire.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_FEEDS=site.url("/feed.xml"), NEWSWIRE_DATA_DIR=str(data_dir), NEWSWIRE_DATABASE_URL=db_url,
               NEWSWIRE_TOPIC_PREFIX=f"t{unique}.", NEWSWIRE_CONSUMER_GROUP_PREFIX=f"g{unique}",
               NEWSWIRE_ALLOW_PRIVATE_NETWORKS="true", NEWSWIRE_PER_HOST_DELAY_S="0",
               NEWSWIRE_PER_HOST_CONCURRENCY="4", NEWSWIRE_RESPECT_ROBOTS="false",
               NEWSWIRE_POLL_INTERVAL_S="1", NEWSWIRE_MIN_POLL_INTERVAL_S="1", NEWSWIRE_MAX_POLL_INTERVAL_S="2",
               NEWSWIRE_BROKER_RENEW_ARTICLES=str(RENEW_AFTER), PYTHONPATH=str(REPO))
    log = tmp_path / "run.log"
    with open(log, "ab") as out:
        run = subprocess.Popen([sys.executable, "-m", "newswire", "run"], env=env, stdout=out,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=REPO)
    subscriber = Subscriber(data_dir, ARTICLES.full_name(f"t{unique}."), f"sub{unique}")
    engine = None

    def text() -> str:
        logs = "\n".join(f"--- {p.name} ---\n{p.read_text(errors='replace')[-2500:]}"
                         for p in sorted((data_dir / "logs").glob("*.log")))
        return log.read_text(errors="replace")[-3000:] + "\n" + logs

    def rows() -> tuple[int, int]:
        try:
            with Session(engine) as session:
                return (session.execute(select(func.count()).select_from(Article)).scalar_one(),
                        session.execute(select(func.count()).select_from(Extraction)).scalar_one())
        except Exception:
            return (0, 0)

    try:
        wait_for(lambda: (data_dir / "newswire.db").exists() and read_epoch(data_dir) == 1, 60, "the run")
        engine = make_engine(db_url)
        subscriber.start()
        wait_for(lambda: run.poll() is None and rows()[0] >= 1 or run.poll() is not None, 120, "the first article")
        assert run.poll() is None, text()
        feed.begin()  # from now on an entry appears every EVERY_S, during the renewals too

        def renewed() -> bool:
            assert run.poll() is None, text()
            return (read_epoch(data_dir) or 0) >= 2

        def renewing() -> bool:
            assert run.poll() is None, text()
            return "renewing the embedded broker" in log.read_text(errors="replace")

        wait_for(renewing, 120, "a broker renewal to begin")
        began = feed.visible()
        feed.stop_after(AFTER_RENEWAL_BEGAN)  # asserts the feed had not stopped growing before the renewal
        wait_for(renewed, 120, "a broker renewal")
        assert feed.visible() > began, "no entry appeared during the renewal: the test proves nothing"

        def complete() -> bool:
            assert run.poll() is None, text()
            return feed.visible() == feed.cap and feed.served == feed.cap and rows() == (feed.cap, feed.cap)

        wait_for(complete, 240, "every served entry stored")
        wait_for(lambda: any(epoch >= 2 for epoch, *_ in subscriber.seen) or subscriber.error, 60,
                 f"the subscriber reading a new epoch (it saw epochs {subscriber.epochs_seen})")
        assert subscriber.error is None, repr(subscriber.error)
        time.sleep(3.0)  # a late duplicate would show below
        supervisor = json.loads(next((data_dir / "status").glob("supervisor-*.json")).read_text())
    finally:
        subscriber.halt.set()
        if run.poll() is None:
            run.send_signal(signal.SIGINT)
            try:
                run.wait(90)
            except subprocess.TimeoutExpired:
                run.kill()
                run.wait()
    subscriber.join(30)
    assert run.returncode == 0, text()

    with Session(engine) as session:
        articles = session.execute(select(Article.article_id, Article.version)).all()
        markers = session.execute(select(Extraction.article_id)).scalars().all()
    engine.dispose()
    expected = {article_id(page.url) for page in feed.pages[:feed.cap]}
    assert sorted(articles) == sorted((aid, 1) for aid in expected), "an entry is missing or stored twice"
    assert sorted(markers) == sorted(expected)

    # What the supervisor told the world, and how the renewal went.
    assert supervisor["broker_epoch"] == read_epoch(data_dir) or supervisor["broker_epoch"] >= 2
    assert supervisor["broker_renewals"] >= 1 and supervisor["broker_restarts"] == 0
    last = supervisor["last_renewal"]
    assert last["drained"] is True and last["republished"] == 0, last
    assert last["rss_after_mb"] < last["rss_before_mb"], last
    assert "renewing the embedded broker" in log.read_text()

    # The subscriber followed the epochs: it saw the renewal, got the new topics from offset 0, and
    # everything it received is a stored article.
    assert subscriber.error is None, repr(subscriber.error)
    assert subscriber.epochs_seen[0] == 1 and max(subscriber.epochs_seen) >= 2, subscriber.epochs_seen
    by_epoch: dict[int, list] = {}
    for epoch, partition, offset, aid in subscriber.seen:
        by_epoch.setdefault(epoch, []).append((partition, offset, aid))
    assert len(by_epoch) >= 2, sorted(by_epoch)
    later = by_epoch[max(by_epoch)]
    assert min(offset for _, offset, _ in later) == 0, "the new broker's topics did not start at offset 0"
    assert {aid for *_, aid in subscriber.seen} <= expected
    print(f"feed grew to {feed.cap} entries; renewals {supervisor['broker_renewals']}, last {last}; subscriber got "
          f"{ {e: len(v) for e, v in by_epoch.items()} } records by epoch", flush=True)
