"""Apache Kafka losing a broker: what the embedded broker cannot show.

1. A three-node cluster (every node broker and controller; replication factor 3, ``min.insync.replicas``
   2, producers with ``acks=all``). During a replay of 2,000 articles the node that leads the most
   newswire partitions is SIGKILLed, and started again 6 s later. The replay publisher, the Faust
   worker and the sink are never touched: every article, figure, event and extraction marker must end
   up stored exactly once, and the time the pipeline stalled is printed and written to ``failover.json``.
2. The session's single node SIGKILLed and restarted while a producer sends: every record the broker acknowledged
   is there afterwards, once (idempotent producer), and the topics and committed offsets survived (the
   embedded broker loses all of them).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter as Tally

import pytest
from kafka import KafkaAdminClient, TopicPartition
from kafka.admin import NewTopic

from newswire.kafka import create_topics, make_consumer, make_producer
from newswire.settings import Settings
from newswire.topics import TOPICS
from newswire.storage.db import upgrade
from tests.faults.conftest import Counter, Stage, stage_env, wait_for
from tests.faults.test_stage_kills import N, corpus_at, stored_rows
from tests.kafka_cluster import REPO, KafkaCluster

pytestmark = pytest.mark.slow

RESTART_AFTER_S = 6.0
PRODUCER = """
import pathlib, sys, time
from newswire.kafka import make_producer
bootstrap, topic, acks, stop = sys.argv[1:]
producer = make_producer(bootstrap, retries=2**31 - 1, delivery_timeout_ms=120000)
out = open(acks, "a", buffering=1)
i = 0
while not pathlib.Path(stop).exists():
    producer.send(topic, key=f"k{i % 17}", value=f"r{i}".encode()).add_callback(
        lambda _, v=f"r{i}": out.write(v + "\\n"))
    i += 1
    time.sleep(0.002)
producer.flush(60)
producer.close()
"""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with KafkaCluster(tmp_path_factory.mktemp("kafka3"), nodes=3) as running:
        print(f"\nthree Kafka nodes ready on {running.bootstrap} in {running.startup_s:.1f} s, "
              f"RSS MiB {running.rss_mib()}", flush=True)
        yield running


def leaders(bootstrap: str, prefix: str) -> Tally:
    """How many newswire partitions each broker leads."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap.split(","), request_timeout_ms=10000)
    try:
        names = [topic.full_name(prefix) for topic in TOPICS.values()]
        return Tally(p["leader_id"] for t in admin.describe_topics(names) for p in t["partitions"])
    finally:
        admin.close()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_leader_sigkill_during_replay_loses_and_doubles_nothing(cluster, database_url, unique, tmp_path):
    settings = Settings(kafka_bootstrap=cluster.bootstrap, topic_prefix=f"t{unique}.",
                        consumer_group_prefix=f"g{unique}", database_url=database_url, data_dir=tmp_path / "data",
                        topic_partitions=3, topic_replication=3)
    path = tmp_path / "articles.jsonl"
    _, expected = corpus_at(path)
    upgrade(settings.db_url)
    create_topics(settings.kafka_bootstrap, settings.topic_prefix, 3, replication=3)
    led = leaders(cluster.bootstrap, settings.topic_prefix)
    victim_id, led_count = led.most_common(1)[0]
    victim = victim_id - 1  # node.id is index + 1
    print(f"partition leaders before the kill: {dict(led)}; killing node {victim_id}", flush=True)

    env = stage_env(settings)
    sink = Stage("sink", ["sink"], env, tmp_path / "sink.log").start()
    worker = Stage("process", ["process"], env, tmp_path / "process.log").start()
    publisher = Stage("replay", ["replay", "--wait", "--workers", "1", str(path)], env, tmp_path / "replay.log")
    counter = Counter(settings.db_url)
    want = {"articles": N, "figures": len(expected["figures"]), "events": len(expected["events"]),
            "extractions": N, "dead_letters": 0}
    progress: list[tuple[float, dict[str, int]]] = []  # (time, rows stored) every poll from the kill on
    try:
        publisher.start()
        # Mid-replay: the first articles are through the whole pipeline (worker and sink), most are not.
        wait_for(lambda: counter()["extractions"] >= 20, 180, "the first 20 extracted articles", worker, sink)
        at_kill = counter()
        publishing = publisher.alive()
        cluster.kill(victim)
        killed_at = time.monotonic()
        print(f"SIGKILL node {victim_id} (leader of {led_count} partitions) at {at_kill}; replay still "
              f"publishing: {publishing}", flush=True)
        restarted_at = None
        deadline = killed_at + 420
        while True:
            now, rows = time.monotonic(), counter()
            progress.append((now - killed_at, rows))
            if all(rows[k] >= want[k] for k in want):
                break
            if restarted_at is None and now - killed_at >= RESTART_AFTER_S:
                cluster.start_node(victim)
                restarted_at = now - killed_at
                print(f"node {victim_id} restarted {restarted_at:.1f} s after the kill; rows {rows}", flush=True)
            for stage in (worker, sink):
                assert stage.alive(), f"{stage.name} exited:\n{stage.log()}"
            assert now < deadline, f"not every row within 420 s of the kill: {rows} of {want}\n" + "\n".join(
                f"--- {s.name} ---\n{s.log()}" for s in (publisher, worker, sink))
            time.sleep(0.2)
        wait_for(lambda: publisher.process.poll() is not None, 120, "the replay to finish", publisher)
        assert publisher.process.returncode == 0, publisher.log()
        time.sleep(2.0)  # redeliveries still in flight would show up as extra rows below
        assert worker.alive() and sink.alive()
        assert worker.stop() == 0, worker.log()
        assert sink.stop() == 0, sink.log()
    finally:
        for stage in (publisher, worker, sink):
            if stage.alive():
                stage.kill()
        counter.close()
        if cluster.processes[victim].poll() is not None:
            cluster.start_node(victim)  # the next test gets a whole cluster

    assert (publisher.starts, worker.starts, sink.starts) == (1, 1, 1)  # nothing restarted by hand
    stored = stored_rows(settings.db_url)
    for table in ("articles", "extractions", "figures", "events"):
        missing, extra = expected[table] - stored[table], stored[table] - expected[table]
        assert not missing and not extra, (table, len(missing), len(extra))
    rows = Counter(settings.db_url)
    counts = rows()
    rows.close()
    assert counts == want, counts

    # The stall: the longest time from the kill on during which no row was stored; and per table, the
    # longest time it did not grow while it still had rows to come (which stage waited).
    def longest_stall(series: list[tuple[float, int]], goal: int | None = None) -> float:
        longest, last_change, last = 0.0, 0.0, series[0][1]
        for at, value in series:
            if value != last or (goal is not None and value >= goal):
                longest = max(longest, at - last_change)
                last_change, last = at, value
                if goal is not None and value >= goal:
                    break
        return round(longest, 2)

    totals = [(at, sum(max(v, 0) for v in rows.values())) for at, rows in progress]
    first_after = next((at for at, total in totals if total > totals[0][1]), None)
    report = {"killed_node": victim_id, "partitions_led": led_count, "leaders_before": dict(led),
              "replay_publishing_at_kill": publishing, "rows_at_kill": at_kill,
              "first_row_after_kill_s": round(first_after, 2) if first_after is not None else None,
              "longest_stall_s": longest_stall(totals),
              "longest_stall_by_table_s": {table: longest_stall([(at, rows[table]) for at, rows in progress],
                                                                want[table])
                                           for table in ("articles", "extractions", "figures", "events")},
              "restarted_after_s": round(restarted_at, 1) if restarted_at is not None else None,
              "all_stored_after_kill_s": round(progress[-1][0], 1)}
    (tmp_path / "failover.json").write_text(json.dumps(report, indent=1))
    print("failover:", json.dumps(report), flush=True)


def test_single_node_restart_keeps_every_acknowledged_record(kafka_broker, tmp_path, unique):
    """On the session's single node (no JVM of its own: starting one cost ~15 s), SIGKILLed and started
    again with its storage; it is running again when the test ends, whatever happened, for the tests after."""
    topic = f"t{unique}.acks"
    node = kafka_broker
    try:
        admin = KafkaAdminClient(bootstrap_servers=[node.bootstrap])
        admin.create_topics([NewTopic(topic, 3, 1)])
        admin.close()
        # A consumer group commits an offset before the restart: it must still be there afterwards.
        consumer = make_consumer(node.bootstrap, f"g{unique}", topic)
        producer = make_producer(node.bootstrap)
        producer.send(topic, key="k", value=b"first").get(30)
        producer.close()
        wait_for(lambda: consumer.poll(500), 60, "the first record")
        consumer.commit()
        committed = {tp: consumer.committed(tp) for tp in consumer.assignment()}
        consumer.close()

        # The producer runs in a child process: kafka-python leaks a socket per refused connection
        # while the broker is down, which pytest would report as this process's error.
        acks_path, stop_path = tmp_path / "acknowledged.txt", tmp_path / "stop"
        with open(tmp_path / "producer.log", "wb") as log:
            sender = subprocess.Popen([sys.executable, "-c", PRODUCER, node.bootstrap, topic, str(acks_path),
                                       str(stop_path)], cwd=REPO, stderr=log)

        def acknowledged() -> list[str]:
            return acks_path.read_text().split() if acks_path.exists() else []

        try:
            wait_for(lambda: len(acknowledged()) >= 500, 60, "500 acknowledged records")
            node.kill(0)
            at_kill = len(acknowledged())
            time.sleep(2.0)
            node.start_node(0)
            wait_for(lambda: len(acknowledged()) >= at_kill + 500, 120, "500 more acknowledged after the restart")
            stop_path.touch()
            assert sender.wait(90) == 0, (tmp_path / "producer.log").read_text()[-3000:]
        finally:
            if sender.poll() is None:
                sender.kill()
        acked = acknowledged()
        print(f"acknowledged {len(acked)} records ({at_kill} before the SIGKILL)", flush=True)

        reader = make_consumer(node.bootstrap, None)
        partitions = [TopicPartition(topic, p) for p in range(3)]
        reader.assign(partitions)
        reader.seek_to_beginning(*partitions)
        found, idle_since = [], time.monotonic()
        while time.monotonic() - idle_since < 3:
            for batch in reader.poll(500).values():
                found.extend(m.value.decode() for m in batch)
                idle_since = time.monotonic()
        reader.close()
        after = make_consumer(node.bootstrap, f"g{unique}")
        still = {tp: after.committed(tp) for tp in committed}
        after.close()
    finally:
        if node.processes[0].poll() is not None:  # killed and not started again: the tests after need it
            node.start_node(0)

    assert still == committed  # committed offsets survive a broker restart
    counts = Tally(found)
    assert not [v for v in acked if counts[v] == 0], "acknowledged records lost"
    assert not [v for v, n in counts.items() if n > 1], "records written twice"
    assert counts["first"] == 1
