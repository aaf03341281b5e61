"""The sink stage's process (the CLI's ``sink``): store every topic's records until SIGTERM or Ctrl-C.

It stores its batch and commits before it stops, and writes its counters to the status files every
second. The ingest stage's process is ``ingest.stage``, the worker's ``processors.agents.run_worker``.
"""

from __future__ import annotations

import signal
import threading

from newswire import metrics
from newswire.kafka import create_topics
from newswire.settings import Settings
from newswire.status import write_status
from newswire.storage.db import open_database
from newswire.storage.sink import SinkWorker


def sink_status(worker) -> dict:
    stats = worker.stats
    return {
        "articles_stored": stats.articles,
        "figures_stored": stats.figures,
        "events_stored": stats.events,
        "extractions_stored": stats.extractions,
        "dead_letters_stored": stats.dead_letters,
        "messages": stats.messages,
        "batches": stats.batches,
        "db_errors": stats.db_errors,
        "broker_errors": stats.broker_errors,
        "retrying": stats.retrying,
        "last_error": stats.last_error,
        "caught_up": worker.caught_up(),
        "lag": {f"{topic}[{partition}]": lag for (topic, partition), lag in stats.lag.items()},
        "metrics_port": worker.settings.metrics_port,
    }


def run_sink(settings: Settings, writer_factory=None) -> None:
    """``writer_factory(engine)`` replaces the RecordWriter (``newswire bench`` times its commits)."""
    create_topics(settings.kafka_bootstrap or "", settings.topic_prefix, settings.topic_partitions,
                  settings.topic_replication)
    engine = open_database(settings.db_url, upgrade=False)  # refuses an out-of-date schema
    worker = SinkWorker(settings, engine, writer=writer_factory(engine) if writer_factory else None)
    metrics.serve_metrics(settings, "sink")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())

    def report() -> None:
        while not stop.wait(1.0):
            write_status(settings.data_dir, "sink", sink_status(worker))

    reporter = threading.Thread(target=report, name="sink-status", daemon=True)
    reporter.start()
    try:
        worker.run(stop)
    finally:
        write_status(settings.data_dir, "sink", sink_status(worker) | {"stopped": True})
        engine.dispose()
