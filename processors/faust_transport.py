"""Faust's aiokafka transport with the fetch wait of ``Settings.fetch_max_wait_ms`` (:class:`App`), and
:class:`KeyHashPartitioner`, aiokafka's default partitioning without hashing one key twenty times.

Faust builds its worker's aiokafka consumer with ``fetch_max_wait_ms=1500`` written into the call, and
has no setting for it. Apache Kafka answers a waiting fetch as soon as a message arrives, so there the
value only paces idle fetches; the embedded broker (Tansu) answers later, by up to the whole wait (a
message produced during a 500 ms fetch wait reached the consumer after 127 ms at the median, during a
100 ms wait after 32 ms), so every hop of an article through the worker waited up to 1.5 s.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import faust
from aiokafka.partitioner import DefaultPartitioner, murmur2
from faust.transport.drivers import aiokafka as driver

from newswire.kafka import FETCH_MAX_WAIT_MS


class _ConsumerThread(driver.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport):
        consumer = super()._create_worker_consumer(transport)
        # handed to aiokafka's Fetcher when it starts
        consumer._fetch_max_wait_ms = getattr(self.app, "fetch_max_wait_ms", FETCH_MAX_WAIT_MS)
        return consumer


class _Consumer(driver.Consumer):
    def _new_consumer_thread(self) -> driver.AIOKafkaConsumerThread:
        return _ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(driver.Transport):
    Consumer = _Consumer


class App(faust.App):
    """A Faust app whose consumer uses :class:`Transport`, waiting at most ``fetch_max_wait_ms`` a fetch."""

    def __init__(self, *args, fetch_max_wait_ms: int = FETCH_MAX_WAIT_MS, **kwargs):
        super().__init__(*args, **kwargs)
        self.fetch_max_wait_ms = fetch_max_wait_ms

    def _new_transport(self) -> Transport:
        return Transport(self.conf.broker_consumer, self)


class KeyHashPartitioner:
    """aiokafka's ``DefaultPartitioner``, the same partition for every key, with recent keys' hashes kept.

    Its murmur2 is pure Python, ~20 us for a 64-character article id, and every result of an article is
    sent under that id: ~22 hashes of one key an article were a tenth of the worker's CPU.
    """

    def __init__(self, keys: int = 1024):
        self._hash = lru_cache(maxsize=keys)(murmur2)
        self._default = DefaultPartitioner()

    def __call__(self, key: bytes | None, all_partitions: Sequence[int], available: Sequence[int]) -> int:
        if key is None or not isinstance(key, bytes):  # random (no key), or not worth keeping
            return self._default(key, all_partitions, available)
        return all_partitions[(self._hash(key) & 0x7FFFFFFF) % len(all_partitions)]
