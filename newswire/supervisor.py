"""``newswire run``: the whole pipeline as one process tree, started and stopped in order.

    newswire run
    ├── tansu broker          (embedded default only; memory-only topics)
    ├── newswire sink         articles/figures/events/dead letters -> database
    ├── newswire process      Faust worker: articles -> figures, events
    └── newswire ingest       feed pollers -> articles

Children run in their own session, so a Ctrl-C in the terminal reaches only this supervisor, which
then drains in order: ingest stops first, the worker and the sink finish what is in flight (the
embedded broker forgets everything when it stops), then they stop, then the broker. Every child
also gets the kernel's parent-death signal, so a SIGKILL of the supervisor leaves nothing behind.
A child that dies on its own is restarted.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from newswire.broker import EmbeddedBroker, address_file, die_with_parent, publish_address
from newswire.kafka import create_topics, wait_until_reachable
from newswire.metrics import child_metrics_port
from newswire.settings import Settings
from newswire.status import clear_status, read_status, total

log = logging.getLogger(__name__)

STAGES = ("sink", "process", "ingest")  # start order; stop order is the reverse
DRAIN_TIMEOUT_S = 120.0
DRAIN_QUIET_S = 2.0


@dataclass
class Child:
    stage: str
    argv: list[str]
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen | None = None
    restarts: int = 0

    def start(self) -> None:
        with open(self.log_path, "ab") as out:
            self.process = subprocess.Popen(
                self.argv, env=self.env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=lambda: die_with_parent(signal.SIGKILL),
            )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout_s: float = 20.0) -> None:
        if not self.alive():
            return
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            log.warning("%s did not stop within %.0f s; killing it", self.stage, timeout_s)
            self.process.kill()
            self.process.wait()


@dataclass
class Supervisor:
    settings: Settings
    stages: tuple[str, ...] = STAGES
    on_status: Callable[[dict[str, list[dict]]], None] = lambda statuses: None
    broker: EmbeddedBroker | None = None
    children: dict[str, Child] = field(default_factory=dict)
    stopping: bool = False
    started_at: float = field(default_factory=time.monotonic)

    # --- start ---------------------------------------------------------------------------------
    def start(self) -> None:
        data_dir = Path(self.settings.data_dir).resolve()
        (data_dir / "logs").mkdir(parents=True, exist_ok=True)
        clear_status(data_dir)
        if self.settings.embedded:
            self.broker = EmbeddedBroker(log_path=data_dir / "logs" / "broker.log").start()
            publish_address(data_dir, self.broker)
            bootstrap = self.broker.bootstrap
        else:
            bootstrap = self.settings.kafka_bootstrap or ""
            wait_until_reachable(bootstrap)
        create_topics(bootstrap, self.settings.topic_prefix, self.settings.topic_partitions,
                      self.settings.topic_replication)
        env = {**os.environ, **self.settings.to_env(), "NEWSWIRE_KAFKA_BOOTSTRAP": bootstrap}
        for index, stage in enumerate(self.stages):
            child_env = dict(env)
            port = child_metrics_port(self.settings.metrics_port, index)  # one /metrics port per child
            if port is not None:
                child_env["NEWSWIRE_METRICS_PORT"] = str(port)
            child = Child(stage, [sys.executable, "-m", "newswire", stage], child_env,
                          data_dir / "logs" / f"{stage}.log")
            child.start()
            self.children[stage] = child
        self._write_pids()
        log.info("pipeline started on %s (children %s)", bootstrap, self.pids())

    def pids(self) -> dict[str, int]:
        found = {stage: child.process.pid for stage, child in self.children.items() if child.process}
        if self.broker is not None and self.broker.process is not None:
            found["broker"] = self.broker.process.pid
        return found

    def _write_pids(self) -> None:
        """``<data_dir>/pids.json``: who belongs to this run (for operators and the tests)."""
        path = Path(self.settings.data_dir) / "pids.json"
        path.write_text(json.dumps({"supervisor": os.getpid(), **self.pids()}))

    # --- watch ---------------------------------------------------------------------------------
    def watch(self, interval_s: float = 1.0) -> None:
        """Report status and restart crashed children until :meth:`request_stop` is called."""
        while not self.stopping:
            for child in self.children.values():
                if not child.alive() and not self.stopping:
                    child.restarts += 1
                    log.warning("%s exited (code %s); restart %d", child.stage,
                                child.process.returncode if child.process else None, child.restarts)
                    child.start()
                    self._write_pids()
            if self.broker is not None and not self.broker.alive() and not self.stopping:
                raise RuntimeError("the embedded broker died; see data/logs/broker.log")
            self.on_status(read_status(self.settings.data_dir))
            time.sleep(interval_s)

    def request_stop(self, *_: object) -> None:
        self.stopping = True

    # --- stop ----------------------------------------------------------------------------------
    def drained(self, statuses: dict[str, list[dict]]) -> bool:
        """True when everything published has been extracted, and the sink has read every partition
        to its end (so the worker's results are stored too)."""
        published = total(statuses, "ingest", "articles_published") + total(statuses, "replay", "articles_published")
        extracted = total(statuses, "process", "articles") + total(statuses, "process", "dead_letters")
        sink = self.children.get("sink")
        sink_pid = sink.process.pid if sink and sink.process else None
        current = [entry for entry in statuses.get("sink", []) if entry.get("pid") == sink_pid]
        return extracted >= published and bool(current) and all(entry.get("caught_up") for entry in current)

    def stop(self) -> None:
        """Ordered shutdown: ingest, wait for the drain, worker and sink, then the broker."""
        self.stopping = True
        try:
            if "ingest" in self.children:
                self.children["ingest"].stop()
            deadline = time.monotonic() + DRAIN_TIMEOUT_S
            quiet_since: float | None = None
            while time.monotonic() < deadline and all(
                    self.children[s].alive() for s in ("process", "sink") if s in self.children):
                statuses = read_status(self.settings.data_dir)
                self.on_status(statuses)
                if self.drained(statuses):
                    quiet_since = quiet_since or time.monotonic()
                    if time.monotonic() - quiet_since >= DRAIN_QUIET_S:
                        break
                else:
                    quiet_since = None
                time.sleep(0.25)
            else:
                if time.monotonic() >= deadline:
                    log.warning("drain did not finish within %.0f s", DRAIN_TIMEOUT_S)
            for stage in ("process", "sink"):
                if stage in self.children:
                    self.children[stage].stop()
        finally:
            for child in self.children.values():
                child.stop(timeout_s=5.0)
            if self.broker is not None:
                self.broker.stop()
                address_file(self.settings.data_dir).unlink(missing_ok=True)
