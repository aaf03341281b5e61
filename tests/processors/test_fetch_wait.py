"""The worker's and the sink's consumers fetch with ``Settings.fetch_max_wait_ms`` (default
``FETCH_MAX_WAIT_MS``, 100 ms): the embedded broker answers a waiting fetch late, by up to the whole
wait, so Faust's built-in 1,500 ms delayed every article; a replay sets it longer for throughput."""

import os
import subprocess
import sys

import pytest

from newswire.kafka import FETCH_MAX_WAIT_MS
from newswire.settings import Settings
from newswire.storage.sink import SinkWorker

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


@pytest.mark.parametrize("wait_ms", [None, 500])
def test_the_faust_workers_consumer_waits_at_most_fetch_max_wait_ms(tmp_path, tansu_broker, wait_ms):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    if wait_ms:
        env["NEWSWIRE_FETCH_MAX_WAIT_MS"] = str(wait_ms)
    done = subprocess.run([sys.executable, "-c", WORKER_CONSUMER, tansu_broker.bootstrap, str(tmp_path)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert FETCH_MAX_WAIT_MS <= 100 and Settings().fetch_max_wait_ms == FETCH_MAX_WAIT_MS
    assert int(done.stdout.split()[-1]) == (wait_ms or FETCH_MAX_WAIT_MS)


@pytest.mark.parametrize("wait_ms", [FETCH_MAX_WAIT_MS, 500])
def test_the_sinks_consumer_waits_at_most_fetch_max_wait_ms(tmp_path, tansu_broker, wait_ms, monkeypatch):
    import threading

    from newswire.storage import sink as sink_module
    from newswire.storage.db import make_engine, upgrade

    made, real = [], sink_module.make_consumer

    def spy(*args, **kwargs):  # the real consumer on the real broker, noted as it is made (run() closes it)
        made.append(real(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(sink_module, "make_consumer", spy)
    settings = Settings(kafka_bootstrap=tansu_broker.bootstrap, data_dir=tmp_path, fetch_max_wait_ms=wait_ms,
                        database_url=f"sqlite:///{tmp_path / 'n.db'}")
    upgrade(settings.db_url)
    engine = make_engine(settings.db_url)
    stop = threading.Event()
    stop.set()  # run() makes its consumer, then closes it and returns
    try:
        SinkWorker(settings, engine).run(stop)
    finally:
        engine.dispose()
    assert [consumer.config["fetch_max_wait_ms"] for consumer in made] == [wait_ms]


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1e9"])
def test_a_hostile_fetch_wait_is_a_usage_error_naming_the_setting(value, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_FETCH_MAX_WAIT_MS=value, NEWSWIRE_DATA_DIR=str(tmp_path), NEWSWIRE_KAFKA_BOOTSTRAP="127.0.0.1:1")
    done = subprocess.run([sys.executable, "-m", "newswire", "sink"], capture_output=True, text=True, timeout=120,
                          env=env, cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "bad setting: NEWSWIRE_FETCH_MAX_WAIT_MS" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
