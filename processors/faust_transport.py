"""Faust's aiokafka transport with the consumers' fetch wait of ``newswire.kafka.FETCH_MAX_WAIT_MS``.

Faust builds its worker's aiokafka consumer with ``fetch_max_wait_ms=1500`` written into the call, and
has no setting for it. Apache Kafka answers a waiting fetch as soon as a message arrives, so there the
value only paces idle fetches; the embedded broker (Tansu) answers later, by up to the whole wait (a
message produced during a 500 ms fetch wait reached the consumer after 127 ms at the median, during a
100 ms wait after 32 ms), so every hop of an article through the worker waited up to 1.5 s.
"""

from __future__ import annotations

import faust
from faust.transport.drivers import aiokafka as driver

from newswire.kafka import FETCH_MAX_WAIT_MS


class _ConsumerThread(driver.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport):
        consumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = FETCH_MAX_WAIT_MS  # handed to aiokafka's Fetcher when it starts
        return consumer


class _Consumer(driver.Consumer):
    def _new_consumer_thread(self) -> driver.AIOKafkaConsumerThread:
        return _ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(driver.Transport):
    Consumer = _Consumer


class App(faust.App):
    """A Faust app whose consumer uses :class:`Transport`."""

    def _new_transport(self) -> Transport:
        return Transport(self.conf.broker_consumer, self)
