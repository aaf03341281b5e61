"""Subscribers that are not Python read newswire's topics on Apache Kafka: Kafka's own console consumer
(from the broker's jars) and Debian's kcat (librdkafka). Records are produced the way the pipeline
produces them (idempotent kafka-python producer, lz4 batches, keyed by article id)."""

from __future__ import annotations

import json
import shutil
import subprocess

from newswire.kafka import create_topics, make_producer
from newswire.records import FigureRecord
from tests.kafka_cluster import kafka_java

RECORDS = 40


def publish(bootstrap: str, topic: str) -> list[tuple[str, dict]]:
    producer = make_producer(bootstrap)
    sent = []
    for i in range(RECORDS):
        record = FigureRecord(figure_id=f"f{i}", article_id=f"a{i % 7}", article_version=1, value=float(i),
                              text=str(i), start=0, end=len(str(i)), unit="people", category="killed",
                              source="police", sentence=f"{i} people were killed.", sentence_start=0,
                              extractor_version="1")
        producer.send(topic, key=record.article_id, value=record)
        sent.append((record.article_id, json.loads(record.model_dump_json())))
    producer.flush()
    producer.close()
    return sent


def parse(lines: list[str]) -> list[tuple[str, dict]]:
    found = []
    for line in lines:
        key, _, value = line.partition("\t")
        found.append((key, json.loads(value)))
    return found


def by_figure(records: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    return sorted(records, key=lambda kv: kv[1]["figure_id"])


def test_kafka_console_consumer_reads_a_topic(kafka_broker, unique):
    prefix = f"t{unique}."
    create_topics(kafka_broker.bootstrap, prefix)
    topic = f"{prefix}newswire.figures.v1"
    sent = publish(kafka_broker.bootstrap, topic)
    result = subprocess.run(kafka_java(
        "org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server", kafka_broker.bootstrap,
        "--topic", topic, "--from-beginning", "--max-messages", str(RECORDS), "--timeout-ms", "30000",
        "--group", f"g{unique}", "--formatter-property", "print.key=true", "--formatter-property", "key.separator=\t"),
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert by_figure(parse(lines)) == by_figure(sent)
    assert f"Processed a total of {RECORDS} messages" in result.stderr


def test_kcat_reads_a_topic(kafka_broker, unique):
    kcat = shutil.which("kcat")
    assert kcat, "kcat is not installed (.ci/run installs it: apt-get install kcat)"
    prefix = f"t{unique}."
    create_topics(kafka_broker.bootstrap, prefix)
    topic = f"{prefix}newswire.figures.v1"
    sent = publish(kafka_broker.bootstrap, topic)
    result = subprocess.run([kcat, "-b", kafka_broker.bootstrap, "-C", "-t", topic, "-o", "beginning", "-e",
                             "-q", "-f", "%k\t%s\n"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert by_figure(parse(lines)) == by_figure(sent)
    # Records of one article share a partition: kcat's partition column agrees with the producer's keys.
    listed = subprocess.run([kcat, "-b", kafka_broker.bootstrap, "-C", "-t", topic, "-o", "beginning", "-e",
                             "-q", "-f", "%k %p\n"], capture_output=True, text=True, timeout=60)
    partitions: dict[str, set[str]] = {}
    for line in listed.stdout.splitlines():
        key, partition = line.split()
        partitions.setdefault(key, set()).add(partition)
    assert len(partitions) == 7 and all(len(p) == 1 for p in partitions.values())
