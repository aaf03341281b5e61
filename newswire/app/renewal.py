"""Bounded memory on the embedded broker: replace it, drained, before it grows too big (issue 14).

Tansu keeps every message of every topic in memory and has no retention (about 17 KB an article with
its figures, events and marker), so a months-long ``newswire run`` would grow without bound. The
supervisor therefore *renews* the broker when either threshold is passed:

- ``NEWSWIRE_BROKER_RENEW_ARTICLES`` articles published since the broker started (default 5,000), or
- ``NEWSWIRE_BROKER_RENEW_RSS_MB`` of broker resident memory, read from ``/proc`` (default 256 MiB).

A renewal loses and duplicates nothing, because it only happens once the pipeline has caught up:

1. ingest stops (SIGTERM: it flushes its producer and saves every feed's poll state);
2. the supervisor waits until every published article is extracted and the sink has read every
   partition to its end (the status counters of :meth:`Supervisor.drained`: counted, not taken from
   ListOffsets, which Tansu gets wrong on batched data);
3. the worker and the sink stop (they commit), then the broker;
4. a fresh broker starts on the same port, the topics are recreated, any stored article without its
   extraction is published again (none after a complete drain; a drain that times out falls back on
   the broker-loss recovery, which loses nothing either), and the stages start again with new clients.

What subscribers see: every topic restarts empty at offset 0 and committed offsets are gone. The
broker *epoch* tells them: it is in ``<data_dir>/broker.json`` (``epoch``, ``started_at``) and in the
supervisor's status (``broker_epoch``, ``last_renewal``, shown by ``newswire status``). A subscriber
that sees the epoch change recreates its consumer and reads the new topics from the beginning.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol

from newswire.app.bench.procstat import sample
from newswire.app.broker import address_file
from newswire.status import clear_status, read_status, total, write_status

if TYPE_CHECKING:
    from newswire.app.broker import EmbeddedBroker
    from newswire.settings import Settings


class Supervisor(Protocol):
    """What a renewal needs of :class:`newswire.app.supervisor.Supervisor` (which imports this module)."""

    settings: Settings
    broker: EmbeddedBroker | None
    children: dict[str, Any]
    on_status: Callable[[dict[str, list[dict]]], None]

    def drained(self) -> bool: ...
    def own_status(self) -> dict: ...
    def _start_broker_on(self, port: int, data_dir: Path) -> EmbeddedBroker: ...
    def _write_pids(self) -> None: ...

log = logging.getLogger(__name__)

DRAIN_TIMEOUT_S = 180.0
DRAIN_QUIET_S = 2.0


def broker_rss_mb(pid: int | None) -> float | None:
    """Resident memory of the broker process, MiB (None if it is gone)."""
    found = sample(pid) if pid else None
    return round(found.rss_mb, 1) if found else None


def read_epoch(data_dir: Path) -> int | None:
    """The running embedded broker's epoch (1 for the first of a run), for subscribers; None if unknown."""
    try:
        return int(json.loads(address_file(data_dir).read_text())["epoch"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def stamp_epoch(data_dir: Path, epoch: int, broker: "EmbeddedBroker | None" = None) -> None:
    """Add the epoch and its start time to ``broker.json`` (written by ``broker.publish_address``), in
    one atomic replacement; with ``broker``, write its address too (a reader never sees half a file)."""
    path = address_file(data_dir)
    if broker is not None:
        found = {"bootstrap": broker.bootstrap, "pid": broker.process.pid if broker.process else None}
    else:
        found = json.loads(path.read_text())
    found.update(epoch=epoch, started_at=time.time())
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(found))
    tmp.replace(path)


@dataclass
class Renewal:
    """When the embedded broker is due for replacement, and the record of the replacements done."""

    renew_articles: int  # 0: never on this count
    renew_rss_mb: float  # 0: never on this size
    epoch: int = 1
    renewals: int = 0
    last: dict | None = None  # the last renewal: reason, RSS before/after, duration

    def due(self, broker_pid: int | None, statuses: dict[str, list[dict]]) -> str | None:
        """Why the broker must be renewed now, or None."""
        published = sum(total(statuses, stage, "articles_published") for stage in ("ingest", "replay", "recover"))
        if self.renew_articles and published >= self.renew_articles:
            return f"{published} articles published since the broker started (limit {self.renew_articles})"
        rss = broker_rss_mb(broker_pid)
        if self.renew_rss_mb and rss is not None and rss >= self.renew_rss_mb:
            return f"broker resident memory {rss:.0f} MiB (limit {self.renew_rss_mb:.0f} MiB)"
        return None

    def status(self) -> dict:
        return {"broker_epoch": self.epoch, "broker_renewals": self.renewals, "last_renewal": self.last}


def wait_drained(supervisor: "Supervisor", timeout_s: float = DRAIN_TIMEOUT_S) -> bool:
    """Wait until :meth:`Supervisor.drained` has held for ``DRAIN_QUIET_S``; False on timeout or a dead stage."""
    deadline = time.monotonic() + timeout_s
    quiet_since: float | None = None
    while time.monotonic() < deadline:
        if not all(supervisor.children[s].alive() for s in ("process", "sink") if s in supervisor.children):
            return False
        statuses = read_status(supervisor.settings.data_dir)
        supervisor.on_status(statuses)
        if supervisor.drained(statuses):
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= DRAIN_QUIET_S:
                return True
        else:
            quiet_since = None
        time.sleep(0.25)
    return False


def renew_broker(supervisor: "Supervisor", renewal: Renewal, reason: str) -> dict:
    """Pause ingest, drain, replace the embedded broker with a fresh one, resume (see module doc)."""
    from newswire.app.recovery import republish_unextracted
    from newswire.kafka import create_topics

    assert supervisor.broker is not None
    settings = supervisor.settings
    data_dir = Path(settings.data_dir).resolve()
    started = time.monotonic()
    old_pid = supervisor.broker.process.pid if supervisor.broker.process else None
    rss_before = broker_rss_mb(old_pid)
    log.warning("renewing the embedded broker (epoch %d, %s MiB): %s", renewal.epoch, rss_before, reason)
    write_status(data_dir, "supervisor", supervisor.own_status() | {"renewing": True})
    if "ingest" in supervisor.children:
        supervisor.children["ingest"].stop()
    drained = wait_drained(supervisor)
    if not drained:
        log.warning("the pipeline did not drain within %.0f s: renewing anyway (stored articles without "
                    "extraction are published again, unstored feed entries fetched again)", DRAIN_TIMEOUT_S)
    for stage in ("process", "sink"):
        if stage in supervisor.children:
            supervisor.children[stage].stop()
    for child in supervisor.children.values():
        child.stop(timeout_s=5.0)
    port = supervisor.broker.port
    supervisor.broker.stop()
    clear_status(data_dir)  # counters of the old broker's records mean nothing any more
    supervisor.broker = supervisor._start_broker_on(port, data_dir)
    create_topics(supervisor.broker.bootstrap, settings.topic_prefix, settings.topic_partitions,
                  settings.topic_replication)
    renewal.epoch += 1
    renewal.renewals += 1
    stamp_epoch(data_dir, renewal.epoch, supervisor.broker)  # only now: whoever sees the new epoch finds the topics
    republished = republish_unextracted(settings, supervisor.broker.bootstrap)
    if republished:
        write_status(data_dir, "recover", {"articles_published": republished})
    new_pid = supervisor.broker.process.pid if supervisor.broker.process else None
    rss_after = broker_rss_mb(new_pid)
    for child in supervisor.children.values():
        child.start()
    supervisor._write_pids()
    renewal.last = {"reason": reason, "at": time.time(), "drained": drained, "rss_before_mb": rss_before,
                    "rss_after_mb": rss_after, "republished": republished,
                    "duration_s": round(time.monotonic() - started, 1), "epoch": renewal.epoch}
    log.warning("embedded broker renewed: epoch %d, %s -> %s MiB in %.1f s (drained: %s, re-published %d)",
                renewal.epoch, rss_before, rss_after, renewal.last["duration_s"], drained, republished)
    return renewal.last
