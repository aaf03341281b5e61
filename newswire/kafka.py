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
from kafka.net.inet import KafkaNetSocket
from kafka.serializer import Serializer

from newswire.errors import BrokerError
from typing import Iterable

from newswire.records import _Record, encode
from newswire.topics import TOPICS, Topic

log = logging.getLogger(__name__)


def _close_failed_connects() -> None:
    """kafka-python 3.0.12 (the newest) leaves the socket of a connect attempt open when it is refused,
    times out (on a busy machine, often after the kernel has connected it) or is abandoned by a client
    that closes meanwhile; the garbage collector closes it later, anywhere. A long-running stage would
    hold such descriptors until then, and the test suite saw them fail unrelated tests. Closing the
    socket on every way out of the attempt but success is what the library should do."""
    original = KafkaNetSocket.sock_connect
    if getattr(original, "closes_on_failure", False):
        return

    async def sock_connect(self, net, sock, sockaddr, timeout_at=None):
        try:
            return await original(self, net, sock, sockaddr, timeout_at=timeout_at)
        except BaseException:  # GeneratorExit included: the client dropped the attempt
            sock.close()
            raise

    sock_connect.closes_on_failure = True
    KafkaNetSocket.sock_connect = sock_connect


_close_failed_connects()

# How long a fetch may wait for messages (the pipeline's stages use Settings.fetch_max_wait_ms, of the
# same default). Apache Kafka answers a waiting fetch when a message arrives, so this only paces an idle
# consumer's fetches; the embedded broker (Tansu) answers up to the whole wait later (measured: 127 ms
# at the median with 500 ms, 32 ms with 100), a delay added at every hop.
FETCH_MAX_WAIT_MS = 100

CONSUMER_SETTINGS = dict(
    fetch_max_wait_ms=FETCH_MAX_WAIT_MS,
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
    """Send to a named topic (raw bytes too): for tools and tests; stages publish with :class:`RecordPublisher`."""
    return producer.send(topic, key=key, value=record)


class RecordPublisher:
    """The one way a stage publishes records (ingest, replay, recovery, the sink's dead letters): each
    record goes to the topic of its type (:data:`TOPICS`), keyed by that topic's key."""

    def __init__(self, producer: KafkaProducer, prefix: str = ""):
        self.producer = producer
        self._topics = {topic.record: (topic, topic.full_name(prefix)) for topic in TOPICS.values()}

    def topic_name(self, record_type: type[_Record]) -> str:
        return self._topics[record_type][1]

    def publish(self, record: _Record):
        """Send ``record``; returns kafka-python's future."""
        topic, name = self._topics[type(record)]
        return self.producer.send(name, key=topic.key_of(record), value=record)


def create_topics(bootstrap: str, prefix: str = "", partitions: int = 3, replication: int = 1,
                  topics: Iterable[Topic] | None = None) -> list[str]:
    """Create the topics (default: every data topic, :data:`TOPICS`) that do not exist yet, each with
    its own partitions (else ``partitions``) and config; returns the full names."""
    chosen = list(TOPICS.values() if topics is None else topics)
    names = [topic.full_name(prefix) for topic in chosen]
    admin = KafkaAdminClient(bootstrap_servers=bootstrap.split(","), request_timeout_ms=15000)
    try:
        existing = set(admin.list_topics())
        missing = [NewTopic(name, topic.partitions or partitions, replication, topic_configs=dict(topic.config))
                   for topic, name in zip(chosen, names) if name not in existing]
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
