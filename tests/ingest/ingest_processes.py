"""Run ``python -m newswire ingest`` as a real process against the test broker and database.

Helpers for the integration tests of the ingest stage (scale-out, restart, bad feeds): the stage is
started exactly as a deployment starts it, configured through ``NEWSWIRE_*`` only.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from kafka import TopicPartition

from newswire.app.broker import die_with_parent
from newswire.kafka import make_consumer

REPO = Path(__file__).resolve().parents[2]


def ingest_env(*, bootstrap: str, prefix: str, database_url: str, data_dir: Path, feeds: str,
               user_agent: str = "newswire-test", **settings: object) -> dict[str, str]:
    """The environment of one ingest process: nothing inherited from ours but the basics."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEWSWIRE_")}
    values: dict[str, object] = dict(
        kafka_bootstrap=bootstrap, topic_prefix=f"t{prefix}.", consumer_group_prefix=f"g{prefix}",
        database_url=database_url, data_dir=data_dir, feeds=feeds, user_agent=user_agent,
        allow_private_networks="true", respect_robots="false", per_host_delay_s=0, per_host_concurrency=8,
        poll_interval_s=2, min_poll_interval_s=2, max_poll_interval_s=3,
        connect_timeout_s=2, read_timeout_s=2, total_timeout_s=3, log_level="INFO",
    )
    values.update(settings)
    env.update({f"NEWSWIRE_{name.upper()}": str(value) for name, value in values.items()})
    return env


class IngestProcess:
    def __init__(self, env: dict[str, str], log_path: Path, stage: str = "ingest", *, loopback_only: bool = False):
        self.stage = stage  # "sink" runs the sink stage the same way
        self.loopback_only = loopback_only  # run it through loopback_only.py: nothing leaves the machine
        self.env = env
        self.log_path = log_path
        self.data_dir = Path(env["NEWSWIRE_DATA_DIR"])
        self.process: subprocess.Popen | None = None

    def start(self) -> "IngestProcess":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        runner = [str(Path(__file__).with_name("loopback_only.py"))] if self.loopback_only else ["-m", "newswire"]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen([sys.executable, *runner, self.stage], cwd=REPO, env=self.env,
                                            stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                            preexec_fn=die_with_parent)
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def status(self) -> dict:
        """The stage's latest counters (its status file), {} before the first."""
        if self.process is None:
            return {}
        try:
            return json.loads((self.data_dir / "status" / f"{self.stage}-{self.process.pid}.json").read_text())
        except (OSError, ValueError):
            return {}

    def stop(self, timeout_s: float = 20.0) -> int:
        """SIGTERM, as a deployment stops it; returns the exit code."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"ingest did not stop within {timeout_s} s:\n{self.log()}")

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-6000:]


def wait_for(condition: Callable[[], object], timeout_s: float, what: str, *processes: IngestProcess) -> object:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        for process in processes:
            if not process.alive():
                raise AssertionError(f"ingest exited waiting for {what}:\n{process.log()}")
        time.sleep(0.2)
    logs = "\n".join(process.log() for process in processes)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}\n{logs}")


def read_topic(bootstrap: str, topic: str, quiet_s: float = 2.0, timeout_s: float = 30.0) -> list:
    """Every message on ``topic`` from the beginning, once nothing new came for ``quiet_s``."""
    consumer = make_consumer(bootstrap, None)
    try:
        partitions = consumer.partitions_for_topic(topic) or set()
        deadline = time.monotonic() + 10
        while not partitions and time.monotonic() < deadline:
            time.sleep(0.2)
            partitions = consumer.partitions_for_topic(topic) or set()
        if not partitions:  # not created yet (a loaded machine): nothing on it, and callers poll again
            return []
        tps = [TopicPartition(topic, partition) for partition in sorted(partitions)]
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        messages = []
        last_new = time.monotonic()
        end = time.monotonic() + timeout_s
        while time.monotonic() - last_new < quiet_s and time.monotonic() < end:
            for batch in consumer.poll(timeout_ms=200).values():
                messages.extend(batch)
                last_new = time.monotonic()
        return messages
    finally:
        consumer.close()


def story_page(n: int, version: int = 1) -> bytes:
    """An article page trafilatura extracts: a few paragraphs unique to ``n`` (and ``version``)."""
    paragraphs = "".join(
        f"<p>Paragraph {k} of story {n} (version {version}): the river rose by {n + k} metres overnight and "
        f"officials in the harbour town said at least {10 * n + k} homes were flooded, while rescue teams "
        f"worked through the night to reach residents.</p>" for k in range(4))
    return (f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>{paragraphs}"
            f"</article></body></html>").encode()


def rss(items: list[tuple[str, str]], title: str = "Test wire") -> bytes:
    """An RSS 2.0 feed of ``(guid, link)`` items."""
    body = "".join(f"<item><guid>{guid}</guid><link>{link}</link><title>Item {guid}</title>"
                   f"<pubDate>Tue, 01 Apr 2025 06:00:00 GMT</pubDate></item>" for guid, link in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{body}'
            f"</channel></rss>").encode()
