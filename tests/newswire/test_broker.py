"""The embedded broker starts, answers, and never outlives its owner."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from newswire.app.broker import EmbeddedBroker
from newswire.kafka import create_topics, make_consumer, make_producer
from newswire.records import ArticleRecord, decode
from newswire.settings import Settings


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); it is gone for our purposes once reaped or a zombie.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def wait_gone(pid: int, timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("compression", ["lz4", "gzip", "none"])  # NEWSWIRE_KAFKA_COMPRESSION
def test_records_round_trip_keyed_by_article(broker, unique, compression):
    prefix = f"t{unique}."
    names = create_topics(broker.bootstrap, prefix, partitions=3)
    articles = f"{prefix}newswire.articles.v1"
    assert articles in names
    producer = make_producer(broker.bootstrap, Settings(kafka_compression=compression).compression_codec)
    assert producer.config["compression_type"] == (None if compression == "none" else compression)
    sent = [ArticleRecord(article_id=f"a{i}", url=f"http://x/{i}", canonical_url=f"http://x/{i}",
                          text="Some text.", content_hash=f"h{i}") for i in range(6)]
    for record in sent:
        producer.send(articles, key=record.article_id, value=record)
    producer.flush()
    producer.close()
    consumer = make_consumer(broker.bootstrap, f"g{unique}", articles)
    got = {}
    deadline = time.monotonic() + 30
    while len(got) < len(sent) and time.monotonic() < deadline:
        for messages in consumer.poll(500).values():
            for message in messages:
                record = decode(ArticleRecord, message.value)
                assert message.key.decode() == record.article_id
                got[record.article_id] = record
    consumer.close()
    assert got == {record.article_id: record for record in sent}


@pytest.mark.parametrize("how", ["exit", "sigterm", "sigkill"])
def test_no_broker_survives_its_owner(tmp_path, how):
    script = textwrap.dedent(f"""
        import os, signal, sys, time
        from newswire.app.broker import EmbeddedBroker
        broker = EmbeddedBroker().start()
        print(broker.process.pid, flush=True)
        if {how!r} == "exit":
            broker.stop()
            sys.exit(0)
        signal.signal(signal.SIGTERM, lambda *a: (broker.stop(), sys.exit(0)))
        time.sleep(60)
    """)
    owner = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        broker_pid = int(owner.stdout.readline())
        if how != "exit":  # the "exit" owner stops its broker at once: nothing to observe alive
            assert pid_alive(broker_pid)
        if how == "sigterm":
            owner.send_signal(signal.SIGTERM)
        elif how == "sigkill":
            owner.kill()
        owner.wait(15)
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()
        owner.stdout.close()
    assert wait_gone(broker_pid), f"broker {broker_pid} survived its owner ({how})"


def test_context_manager_stops_broker():
    with EmbeddedBroker() as embedded:
        pid = embedded.process.pid
        assert embedded.alive()
    assert wait_gone(pid)
