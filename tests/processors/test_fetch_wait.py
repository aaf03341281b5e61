"""Every consumer of the pipeline fetches with ``FETCH_MAX_WAIT_MS``: the embedded broker answers a
waiting fetch late, by up to the whole wait, so Faust's built-in 1,500 ms delayed every article."""

import subprocess
import sys

from newswire.kafka import FETCH_MAX_WAIT_MS, make_consumer

# In a process of its own: a Faust app leaves event loops and sockets behind in the process that made it.
WORKER_CONSUMER = """
import asyncio, sys
from newswire.processors.agents import make_app
from newswire.settings import Settings

async def main():
    app, _ = make_app(Settings(kafka_bootstrap=sys.argv[1], data_dir=sys.argv[2]))
    consumer = app.consumer._thread._create_worker_consumer(app.transport)
    await consumer.start()  # aiokafka hands the wait to its fetcher here
    try:
        print(consumer._fetcher._fetch_max_wait_ms)
    finally:
        await consumer.stop()

asyncio.run(main())
"""


def test_the_faust_workers_consumer_waits_at_most_fetch_max_wait_ms(tmp_path, tansu_broker):
    done = subprocess.run([sys.executable, "-c", WORKER_CONSUMER, tansu_broker.bootstrap, str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert FETCH_MAX_WAIT_MS <= 100
    assert int(done.stdout.split()[-1]) == FETCH_MAX_WAIT_MS


def test_the_sinks_consumer_waits_at_most_fetch_max_wait_ms(tansu_broker):
    consumer = make_consumer(tansu_broker.bootstrap, None)
    try:
        assert consumer.config["fetch_max_wait_ms"] == FETCH_MAX_WAIT_MS
    finally:
        consumer.close()
