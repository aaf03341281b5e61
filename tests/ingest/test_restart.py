"""Restarting ingest: what the database holds is never published again; what was published but never
stored is fetched and published again. Real ingest processes, the real broker, a real SQLite file."""

from __future__ import annotations

from collections import Counter

import pytest

from ingest_processes import IngestProcess, ingest_env, read_topic, rss, story_page, wait_for
from newswire.records import ArticleRecord, decode
from newswire.storage.db import make_engine, upgrade
from newswire.storage.writer import RecordWriter


@pytest.mark.slow
def test_restart_publishes_nothing_twice_and_refetches_what_was_never_stored(broker, site, tmp_path, unique):
    def serve_feed(count: int) -> None:
        site.add("/feed.xml", rss([(f"story-{n}", site.url(f"/articles/{n}.html")) for n in range(count)]),
                 content_type="application/rss+xml")

    for n in range(4):
        site.add(f"/articles/{n}.html", story_page(n))
    serve_feed(3)
    database_url = f"sqlite:///{tmp_path / 'newswire.db'}"
    upgrade(database_url)
    engine = make_engine(database_url)
    # Polls every 0.5-1 s (not 2-3 s): the test waits for two more polls after each run's articles.
    env = ingest_env(bootstrap=broker.bootstrap, prefix=unique, database_url=database_url,
                     data_dir=tmp_path / "data", feeds=site.url("/feed.xml"),
                     poll_interval_s=0.5, min_poll_interval_s=0.5, max_poll_interval_s=1)
    topic = f"t{unique}.newswire.articles.v1"

    def published() -> list[ArticleRecord]:
        return [decode(ArticleRecord, message.value) for message in read_topic(broker.bootstrap, topic, quiet_s=0.5)]

    def polls_after(count: int, process: IngestProcess, more: int = 2) -> None:
        wait_for(lambda: site.hits("/feed.xml") >= count + more, 20, f"{more} more polls of the feed", process)

    def run(index: int) -> IngestProcess:
        return IngestProcess(env, tmp_path / f"ingest-{index}.log").start()

    try:
        # 1. First run publishes the three entries; the sink's part (here: the writer) stores them.
        first = run(1)
        records = wait_for(lambda: (found := published()) and len(found) >= 3 and found, 40, "3 articles", first)
        RecordWriter(engine).write(records)
        polls_after(site.hits("/feed.xml"), first)
        assert first.stop() == 0

        # 2. Restart with a fourth entry in the feed: only that one is fetched and published.
        serve_feed(4)
        second = run(2)
        wait_for(lambda: len(published()) >= 4, 40, "the fourth article", second)
        polls_after(site.hits("/feed.xml"), second)
        assert second.stop() == 0  # the fourth article is published, never stored
        counts = Counter((record.article_id, record.version) for record in published())
        assert len(counts) == 4 and set(counts.values()) == {1}, counts
        assert [site.hits(f"/articles/{n}.html") for n in range(4)] == [1, 1, 1, 1]

        # 3. Restart again: the stored three stay untouched, the unstored fourth is fetched again.
        third = run(3)
        wait_for(lambda: site.hits("/articles/3.html") == 2 and len(published()) == 5, 40,
                 "the unstored article fetched and published again", third)
        polls_after(site.hits("/feed.xml"), third)
        assert third.stop() == 0
        records = published()
        by_story = Counter(record.guid for record in records)
        assert by_story == {"story-0": 1, "story-1": 1, "story-2": 1, "story-3": 2}, by_story
        assert [site.hits(f"/articles/{n}.html") for n in range(4)] == [1, 1, 1, 2]
        again = [record for record in records if record.guid == "story-3"]
        assert again[0].article_id == again[1].article_id and again[0].version == again[1].version == 1
        # Storing both copies leaves one row: redelivery is harmless downstream.
        assert RecordWriter(engine).write(records).articles == 1
    finally:
        engine.dispose()
