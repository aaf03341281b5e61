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
A child that dies on its own is restarted, and so is a worker that stops making progress
(:class:`ProgressWatchdog`): one that holds article partitions with lag and extracts nothing for
``PROGRESS_LIMIT_S``, or stops writing its status file. Its group membership alone says nothing: a worker
whose event loop was held up kept listing its partitions while nothing behind them was extracted (issue 18).
The reason of the last restart is in the supervisor's status file, and ``newswire status`` shows it.

The embedded broker dying loses every topic and committed offset, and the children's clients do
not survive it (kafka-python's idempotent producer fails until recreated, aiokafka consumers may
skip records). So :meth:`Supervisor.recover_broker` SIGKILLs the children, starts a new broker on
the *same port* (their bootstrap stays valid), recreates the topics, re-publishes the stored
articles whose extraction is not stored, and starts the children again. Nothing else needs saving:
what the pipeline has seen is what the database holds, and a new ingest re-fetches the feed entries
it published that never reached the database (``ingest.poller``).

The embedded broker also keeps every record in memory with no retention, so :mod:`newswire.app.renewal`
replaces it, drained, past a threshold of articles or of its resident memory (``tend`` asks it).
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

from newswire.app.broker import EmbeddedBroker, address_file, die_with_parent, publish_address
from newswire.app.recovery import republish_unextracted
from newswire.errors import BrokerError
from newswire.kafka import create_topics, wait_until_reachable
from newswire.metrics import child_metrics_port
from newswire.app.renewal import Renewal, renew_broker, stamp_epoch
from newswire.settings import Settings
from newswire.status import clear_status, read_status, total, write_status

log = logging.getLogger(__name__)

STAGES = ("sink", "process", "ingest", "storify")  # start order; stop order is the reverse
DRAIN_TIMEOUT_S = 120.0
DRAIN_QUIET_S = 2.0
BROKER_START_TRIES = 5  # the old broker's port can take a moment to free up
# The worker's Kafka session timeout is 6 s (processors.agents): 45 s is seven and a half of them without one
# article extracted or dead-lettered while articles wait, far past a rebalance or one slow article (the
# extraction deadline, NEWSWIRE_EXTRACT_DEADLINE_S, is 30 s by default).
PROGRESS_LIMIT_S = 45.0
WORKER_STARTUP_S = 30.0  # a restarted worker's grace: group join after a kill, then its extraction child


class ProgressWatchdog:
    """Judges the worker by what it gets done: restart it when it holds partitions with lag and its
    count of handled articles (extracted + dead-lettered) has not moved for ``limit_s``, or when its
    status file has not been written for ``limit_s`` (its event loop is stuck). An idle worker with no lag,
    or one holding no partitions (the worker's own membership watchdog handles that), is left alone."""

    def __init__(self, limit_s: float = PROGRESS_LIMIT_S, clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time, startup_s: float = 0.0):
        # startup_s: a new worker's grace before its clock runs. Joining the group after a SIGKILL waits
        # for the dead member's session to expire (about 11 s on the embedded broker), then the
        # extraction child starts: a limit shorter than that would restart every new worker forever.
        self.limit_s, self.clock, self.wall, self.startup_s = limit_s, clock, wall, startup_s
        self.pid: int | None = None
        self.handled = (0, 0)  # (articles, dead letters) last seen
        self.since = 0.0

    def judge(self, pid: int, entry: dict | None) -> str | None:
        """``entry``: the worker's status (``processors.agents.process_status``), None before its first.
        Returns why it must be restarted, or None."""
        now = self.clock()
        if pid != self.pid:  # a new process: its clock starts after its start-up grace
            self.pid, self.handled, self.since = pid, (0, 0), now + self.startup_s
        if entry is None:
            return None
        silent = self.wall() - float(entry.get("updated_at") or 0)
        lag = sum(int(v) for v in (entry.get("lag") or {}).values())
        handled = (int(entry.get("articles") or 0), int(entry.get("dead_letters") or 0))
        if handled != self.handled:
            self.since = now   # progress: the clock starts again
        elif not entry.get("partitions") or lag <= 0:
            self.since = max(self.since, now)  # nothing to do: the clock waits (a new worker keeps its grace)
        self.handled = handled
        if silent > self.limit_s:
            return f"no status for {silent:.0f} s (event loop stuck) with lag {lag}"
        if now - self.since > self.limit_s:
            return f"no progress for {now - self.since:.0f} s with lag {lag}"
        return None


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

    def kill(self) -> None:
        """SIGKILL: for a child whose broker is gone, nothing it holds is worth a drain."""
        if self.alive():
            assert self.process is not None
            self.process.kill()
            self.process.wait()

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
    broker_restarts: int = 0
    recovered_articles: int = 0  # stored articles re-published after broker losses
    progress_limit_s: float | None = None  # None: PROGRESS_LIMIT_S, and past 1.5 extraction deadlines
    progress_watchdog: ProgressWatchdog | None = None
    last_restart: str | None = None  # why a child was last restarted, for `newswire status`
    renewal: Renewal | None = None  # embedded only: when to replace the broker to bound its memory (renewal)

    # --- start ---------------------------------------------------------------------------------
    def start(self) -> None:
        data_dir = Path(self.settings.data_dir).resolve()
        (data_dir / "logs").mkdir(parents=True, exist_ok=True)
        clear_status(data_dir)
        if self.settings.embedded:
            self.broker = EmbeddedBroker(log_path=data_dir / "logs" / "broker.log").start()
            publish_address(data_dir, self.broker)
            # Renewed only under `run`, whose ingest it can pause; replay and reprocess publish from their own
            # process, and are bounded jobs.
            self.renewal = Renewal(self.settings.broker_renew_articles if "ingest" in self.stages else 0,
                                   self.settings.broker_renew_rss_mb if "ingest" in self.stages else 0)
            bootstrap = self.broker.bootstrap
        else:
            bootstrap = self.settings.kafka_bootstrap or ""
            wait_until_reachable(bootstrap)
        create_topics(bootstrap, self.settings.topic_prefix, self.settings.topic_partitions,
                      self.settings.topic_replication)
        if self.renewal is not None:  # epoch 1, once its topics exist
            stamp_epoch(data_dir, self.renewal.epoch)
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
            self.tend()
            self.on_status(read_status(self.settings.data_dir))
            time.sleep(interval_s)

    def tend(self) -> bool:
        """One round of care: recover a lost broker (True if it was), restart crashed children."""
        recovered = False
        if self.broker_lost():
            self.recover_broker()
            recovered = True
        elif self.renewal is not None and not self.stopping and self.broker is not None:
            reason = self.renewal.due(self.pids().get("broker"), read_status(self.settings.data_dir))
            if reason:
                renew_broker(self, self.renewal, reason)
        for child in self.children.values():
            if not child.alive() and not self.stopping:
                child.restarts += 1
                code = child.process.returncode if child.process else None
                log.warning("%s exited (code %s); restart %d", child.stage, code, child.restarts)
                self.last_restart = f"{child.stage} restarted: exited with code {code}"
                child.start()
                self._write_pids()
        self.check_progress()
        self._write_own_status()
        return recovered

    def check_progress(self) -> str | None:
        """Restart the worker if :class:`ProgressWatchdog` finds it stuck; returns the reason if it did."""
        child = self.children.get("process")
        if child is None or child.process is None or not child.alive() or self.stopping:
            return None
        if self.progress_watchdog is None:
            limit = self.progress_limit_s
            if limit is None:  # never before a slow article had its deadline: it would be redelivered forever
                limit = max(PROGRESS_LIMIT_S, 1.5 * self.settings.extract_deadline_s)
            self.progress_watchdog = ProgressWatchdog(limit, startup_s=WORKER_STARTUP_S)
        pid = child.process.pid
        entry = next((e for e in read_status(self.settings.data_dir).get("process", []) if e.get("pid") == pid), None)
        reason = self.progress_watchdog.judge(pid, entry)
        if reason is None:
            return None
        child.restarts += 1
        log.error("process (pid %d) is stuck: %s; killing it (restart %d)", pid, reason, child.restarts)
        child.kill()  # SIGKILL: a stuck loop may never get to a SIGTERM; its uncommitted articles are redelivered
        child.start()
        self._write_pids()
        self.last_restart = f"process restarted: {reason}"
        self._write_own_status()
        return reason

    def own_status(self) -> dict:
        return {"restarts": {stage: child.restarts for stage, child in self.children.items()},
                "broker_restarts": self.broker_restarts, "last_restart": self.last_restart,
                **(self.renewal.status() if self.renewal else {})}

    def _write_own_status(self) -> None:
        write_status(self.settings.data_dir, "supervisor", self.own_status())

    def request_stop(self, *_: object) -> None:
        self.stopping = True

    # --- broker loss ---------------------------------------------------------------------------
    def broker_lost(self) -> bool:
        return self.broker is not None and not self.broker.alive() and not self.stopping

    def recover_broker(self) -> None:
        """Restart a dead embedded broker on its port, and everything that talked to it (see module doc)."""
        assert self.broker is not None
        data_dir = Path(self.settings.data_dir).resolve()
        code = self.broker.process.returncode if self.broker.process else None
        self.broker_restarts += 1
        log.error("the embedded broker died (code %s): its topics are lost; restarting it on %s (restart %d)",
                  code, self.broker.bootstrap, self.broker_restarts)
        for child in self.children.values():
            child.kill()
        clear_status(data_dir)  # counters of records the lost broker held mean nothing any more
        self.broker = self._start_broker_on(self.broker.port, data_dir)
        create_topics(self.broker.bootstrap, self.settings.topic_prefix, self.settings.topic_partitions,
                      self.settings.topic_replication)
        if self.renewal is not None:  # the topics restarted empty: subscribers see a new epoch
            self.renewal.epoch += 1
            stamp_epoch(data_dir, self.renewal.epoch, self.broker)
        else:
            publish_address(data_dir, self.broker)
        recovered = republish_unextracted(self.settings, self.broker.bootstrap)
        self.recovered_articles += recovered
        write_status(data_dir, "recover", {"articles_published": recovered})  # what the new broker got
        for child in self.children.values():
            child.start()
        self._write_pids()
        log.warning("broker recovered on %s: %d stored articles without extraction re-published; children %s",
                    self.broker.bootstrap, recovered, self.pids())

    def _start_broker_on(self, port: int, data_dir: Path) -> EmbeddedBroker:
        last: Exception | None = None
        for attempt in range(BROKER_START_TRIES):
            try:
                return EmbeddedBroker(port=port, log_path=data_dir / "logs" / "broker.log").start()
            except BrokerError as exc:
                last = exc
                log.warning("embedded broker did not start on port %d (attempt %d): %s", port, attempt + 1, exc)
                time.sleep(1.0)
        raise BrokerError(f"could not restart the embedded broker on port {port}: {last}")

    # --- stop ----------------------------------------------------------------------------------
    def drained(self, statuses: dict[str, list[dict]]) -> bool:
        """True when everything published has been extracted, and the sink has read every partition
        to its end (so the worker's results are stored too)."""
        published = sum(total(statuses, stage, "articles_published") for stage in ("ingest", "replay", "recover"))
        extracted = total(statuses, "process", "articles") + total(statuses, "process", "dead_letters")
        sink = self.children.get("sink")
        sink_pid = sink.process.pid if sink and sink.process else None
        current = [entry for entry in statuses.get("sink", []) if entry.get("pid") == sink_pid]
        return extracted >= published and bool(current) and all(entry.get("caught_up") for entry in current)

    def abort(self, grace_s: float = 10.0) -> None:
        """Stop everything now, without a drain: for a run whose data is thrown away (a bench stopped by
        Ctrl-C or SIGTERM). Every child gets SIGTERM at once and shares one grace period, so a slow Faust
        shutdown on a loaded machine costs ``grace_s`` once, not once per child."""
        self.stopping = True
        try:
            for child in self.children.values():
                if child.alive():
                    assert child.process is not None
                    child.process.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + grace_s
            for child in self.children.values():
                child.stop(timeout_s=max(0.1, deadline - time.monotonic()))
        finally:
            for child in self.children.values():
                child.kill()
            if self.broker is not None:
                self.broker.stop()
                address_file(self.settings.data_dir).unlink(missing_ok=True)

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
