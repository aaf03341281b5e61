"""kafka-python clients with the settings that work on both Apache Kafka and the embedded broker.

Timeouts are the short ones measured on the embedded broker (docs/broker.md): a group join takes
~3 s instead of ~23 s; they are also reasonable on a real cluster. Producers are idempotent with acks=all and
key every record by ``article_id``, so all records of an article share a partition and no stage
ever repartitions.
"""

from __future__ import annotations

import logging
import socket
import time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError
from kafka.serializer import Serializer

from newswire.errors import BrokerError
from newswire.records import _Record, encode
from newswire.topics import TOPICS

log = logging.getLogger(__name__)

CONSUMER_SETTINGS = dict(
    session_timeout_ms=6000,
    heartbeat_interval_ms=1000,
    max_poll_interval_ms=60000,
    enable_auto_commit=False,
    auto_offset_reset="earliest",
)


class KeySerializer(Serializer):
    def serialize(self, topic, headers, data):
        return data.encode("utf-8") if data is not None else None


class RecordSerializer(Serializer):
    """Records become their JSON; bytes pass through (dead letters keep the original payload), and
    None stays None (a tombstone on a compacted topic)."""

    def serialize(self, topic, headers, data):
        return data if data is None or isinstance(data, bytes) else encode(data)


def make_producer(bootstrap: str, compression: str | None = "lz4", **overrides) -> KafkaProducer:
    """``compression``: the codec, ``Settings.compression_codec`` (None: uncompressed batches)."""
    settings = dict(
        bootstrap_servers=bootstrap.split(","),
        acks="all",
        linger_ms=20,
        batch_size=256 * 1024,
        max_request_size=16 * 1024 * 1024,
        compression_type=compression,
        key_serializer=KeySerializer(),
        value_serializer=RecordSerializer(),
    )
    settings.update(overrides)
    return KafkaProducer(**settings)


def make_consumer(bootstrap: str, group: str | None, *topics: str, **overrides) -> KafkaConsumer:
    settings = dict(CONSUMER_SETTINGS, bootstrap_servers=bootstrap.split(","), group_id=group)
    settings.update(overrides)
    return KafkaConsumer(*topics, **settings)


def send(producer: KafkaProducer, topic: str, key: str | None, record: _Record | bytes):
    return producer.send(topic, key=key, value=record)


def create_topics(bootstrap: str, prefix: str = "", partitions: int = 3, replication: int = 1,
                  topics=None) -> list[str]:
    """Create every newswire topic (or those of ``topics``) that does not exist yet; returns the full names."""
    names = [topic.full_name(prefix) for topic in (TOPICS.values() if topics is None else topics)]
    admin = KafkaAdminClient(bootstrap_servers=bootstrap.split(","), request_timeout_ms=15000)
    try:
        existing = set(admin.list_topics())
        missing = [NewTopic(name, partitions, replication) for name in names if name not in existing]
        if missing:
            try:
                admin.create_topics(missing)
            except TopicAlreadyExistsError:
                pass  # another process won the race: what we wanted exists
        log.info("topics ready: %s (created %d)", ", ".join(names), len(missing))
    finally:
        admin.close()
    return names


def wait_until_reachable(bootstrap: str, timeout_s: float = 30.0) -> None:
    """Block until a metadata request succeeds (the broker answers, not just listens)."""
    deadline = time.monotonic() + timeout_s
    last: Exception | None = None
    host, _, port = bootstrap.split(",")[0].rpartition(":")
    while time.monotonic() < deadline:
        try:
            # A plain TCP probe first: kafka-python leaks a socket per refused bootstrap attempt.
            socket.create_connection((host, int(port)), timeout=1.0).close()
            admin = KafkaAdminClient(bootstrap_servers=bootstrap.split(","), request_timeout_ms=3000)
            try:
                admin.list_topics()
                return
            finally:
                admin.close()
        except (KafkaError, OSError, ValueError) as exc:
            last = exc
            time.sleep(0.2)
    raise BrokerError(f"Kafka at {bootstrap} did not answer within {timeout_s:.0f} s: {last}")
