"""JSON Feed through the real ingest stage on the embedded broker: its articles are published like an RSS
feed's, and a broken JSON Feed is a dead letter on the topic and in the feed's health."""

from __future__ import annotations

import json

import pytest

from ingest_processes import IngestProcess, ingest_env, read_topic, story_page, wait_for
from newswire.records import ArticleRecord, DeadLetterRecord, decode
from newswire.storage.db import make_engine, upgrade
from newswire.storage.feedstore import SqlFeedStore


@pytest.mark.slow
def test_json_feed_articles_are_published_and_broken_json_is_dead_lettered(broker, site, tmp_path, unique):
    items = [{"id": f"jf-{n}", "url": site.url(f"/articles/jf-{n}.html"), "title": f"Story {n}",
              "date_published": f"2026-03-0{n}T08:00:00Z"} for n in (1, 2)]
    good = site.add("/feed.json", json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "JSON wire",
                                              "items": items}), content_type="application/feed+json")
    for n in (1, 2):
        site.add(f"/articles/jf-{n}.html", story_page(n))
    broken = site.add("/broken.json", b'{"version": "https://jsonfeed.org/version/1", "items": [{"id": ',
                      content_type="application/json")
    feed_list = tmp_path / "feeds.txt"
    feed_list.write_text(f"{good}\n{broken}\n")
    database_url = f"sqlite:///{tmp_path / 'newswire.db'}"
    upgrade(database_url)
    engine = make_engine(database_url)
    store = SqlFeedStore(engine)
    articles_topic, deadletter_topic = f"t{unique}.newswire.articles.v1", f"t{unique}.newswire.deadletter.v1"
    ingest = IngestProcess(ingest_env(bootstrap=broker.bootstrap, prefix=unique, database_url=database_url,
                                      data_dir=tmp_path / "data", feeds=str(feed_list)),
                           tmp_path / "ingest.log").start()
    try:
        def published() -> list[ArticleRecord]:
            return [decode(ArticleRecord, m.value) for m in read_topic(broker.bootstrap, articles_topic, quiet_s=0.5)]

        def dead_letters() -> list[DeadLetterRecord]:
            return [decode(DeadLetterRecord, m.value)
                    for m in read_topic(broker.bootstrap, deadletter_topic, quiet_s=0.5)]

        wait_for(lambda: len(published()) >= 2 and any(d.url == broken for d in dead_letters()), 60,
                 "two JSON Feed articles and the broken feed's dead letter", ingest)
        assert ingest.stop() == 0
    finally:
        if ingest.alive():
            ingest.kill()
    records = sorted(published(), key=lambda record: record.guid)
    assert [(r.guid, r.feed_url, r.url) for r in records] == [
        ("jf-1", good, site.url("/articles/jf-1.html")), ("jf-2", good, site.url("/articles/jf-2.html"))]
    assert records[0].published_at.isoformat() == "2026-03-01T08:00:00+00:00"
    letters = [letter for letter in dead_letters() if letter.url == broken]
    assert letters and {letter.reason for letter in letters} == {"malformed_feed"}
    assert "not valid JSON" in letters[0].error
    assert store.get(good).title == "JSON wire" and store.get(good).last_error is None
    assert store.get(broken).consecutive_errors >= 1 and "malformed_feed" in store.get(broken).last_error
    engine.dispose()
