"""Two `newswire process` workers on the embedded broker and on Apache Kafka share the partitions of the articles topic.

Each worker reports the article partitions it holds in its status file. Once both hold some, and
together all, with no overlap, 300 articles are published (their partitions noted from the broker's
acknowledgements): each worker must have extracted exactly the articles of its own partitions, and
the extractions topic must carry one marker for every article.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from kafka import TopicPartition

from newswire.ingest.clean import clean_article
from newswire.ids import article_id, canonical_url, content_hash
from newswire.kafka import create_topics, make_consumer, make_producer
from newswire.records import ArticleRecord
from newswire.status import read_status
from newswire.app.bench.synthetic import make_page
from tests.conftest import both_brokers
from tests.ops.conftest import wait_for

pytestmark = pytest.mark.slow
ARTICLES = 300


def article(i: int) -> ArticleRecord:
    page = make_page(i, base_url="https://scale.example.org")
    cleaned = clean_article(page.html, page.url)
    url = canonical_url(page.url)
    return ArticleRecord(article_id=article_id(url), url=page.url, canonical_url=url, title=cleaned.title,
                         text=cleaned.text, content_hash=content_hash(cleaned.text), published_at=page.published_at)


@both_brokers
def test_two_workers_share_the_partitions(broker, unique, tmp_path):
    prefix, group = f"t{unique}.", f"g{unique}"
    create_topics(broker.bootstrap, prefix, partitions=3)
    workers: dict[str, subprocess.Popen] = {}
    data_dirs = {name: tmp_path / name for name in ("A", "B")}
    for name, data_dir in data_dirs.items():
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
        env.update(NEWSWIRE_KAFKA_BOOTSTRAP=broker.bootstrap, NEWSWIRE_TOPIC_PREFIX=prefix,
                   NEWSWIRE_CONSUMER_GROUP_PREFIX=group, NEWSWIRE_DATA_DIR=str(data_dir),
                   NEWSWIRE_DATABASE_URL=f"sqlite:///{tmp_path / 'unused.db'}")
        data_dir.mkdir()
        with open(tmp_path / f"{name}.log", "wb") as log:
            workers[name] = subprocess.Popen([sys.executable, "-m", "newswire", "process"], env=env,
                                             stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def latest(name: str) -> dict:
        entries = read_status(data_dirs[name]).get("process", [])
        return max(entries, key=lambda e: e["updated_at"]) if entries else {}

    def split() -> dict[str, set[int]] | None:
        held = {name: set(latest(name).get("partitions") or ()) for name in workers}
        if all(held.values()) and set().union(*held.values()) == {0, 1, 2} and not held["A"] & held["B"]:
            return held
        return None

    try:
        held = wait_for(split, 120, "both workers to hold partitions of the articles topic")
        time.sleep(3)  # a settled group: the split still holds a few heartbeats later
        assert split() == held

        producer = make_producer(broker.bootstrap)
        topic = f"{prefix}newswire.articles.v1"
        futures = [(record.article_id, producer.send(topic, key=record.article_id, value=record))
                   for record in map(article, range(ARTICLES))]
        partition_of = {aid: future.get(30).partition for aid, future in futures}
        producer.close()

        wait_for(lambda: sum(latest(n).get("articles", 0) for n in workers) >= ARTICLES, 120,
                 "the workers to extract every article")
        done = {name: latest(name) for name in workers}
        assert split() == held, "the group rebalanced during the run; the counts below would not be exact"
        per_partition = Counter(partition_of.values())
        for name, status in done.items():
            assert status["articles"] > 0
            assert status["articles"] == sum(per_partition[p] for p in held[name]), (name, held, per_partition)

        consumer = make_consumer(broker.bootstrap, None)
        extractions = f"{prefix}newswire.extractions.v1"
        partitions = [TopicPartition(extractions, p) for p in range(3)]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        markers, idle_since = [], time.monotonic()
        while time.monotonic() - idle_since < 3:
            for batch in consumer.poll(500).values():
                markers.extend(json.loads(m.value)["article_id"] for m in batch)
                idle_since = time.monotonic()
        consumer.close()
        assert sorted(markers) == sorted(partition_of)  # one marker an article: nothing lost, nothing twice
    finally:
        for process in workers.values():
            process.send_signal(signal.SIGTERM)
        for process in workers.values():
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
