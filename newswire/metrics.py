"""Prometheus metrics of every stage, defined once here, and the ``/metrics`` + ``/healthz`` server.

Stages only count (``metrics.ARTICLES_CLEANED.inc()``); nothing is served unless ``metrics_port`` is
set, so the calls cost a few attribute lookups in tests, replays and benchmarks. ``newswire run``
gives each child its own port (``metrics_port`` + the child's index, see
:func:`child_metrics_port`) and every process writes the port it serves on to its status file.

    GET /metrics   Prometheus text format (this process's registry)
    GET /healthz   {"broker": bool, "database": bool, ...}: 200 when both are reachable, else 503

Names (all prefixed ``newswire_``):

=====================================  ========================================================
feeds_polled_total                     feed polls started (ingest)
http_responses_total{kind,status}      responses by kind (feed/page/robots) and class
                                       (2xx, 3xx, 4xx, 5xx, error = no response)
fetched_bytes_total{kind}              decoded body bytes read
articles_cleaned_total                 pages turned into article text
articles_extracted_total               articles the Faust worker extracted
figures_extracted_total, events_...    what it found
records_stored_total{kind}             rows the sink wrote (articles, figures, ...)
dead_letters_total{stage,reason}       records that became dead letters, where and why
consumer_lag{topic,partition}          sink: messages between its position and the high watermark
articles_placed_total                  articles the stories stage placed (copies, stories, series)
articles_place_failed_total            of those, placed alone because placing them raised
story_messages_sent_total{topic}       the stories stage's sends (stories, placements)
stage_seconds{stage}                   latency histogram of fetch (one HTTP hop), clean,
                                       extract (one article), store (one batch transaction)
                                       and place (one stories batch, its transaction included)
=====================================  ========================================================
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

log = logging.getLogger(__name__)

FEEDS_POLLED = Counter("newswire_feeds_polled", "Feed polls started.")
HTTP_RESPONSES = Counter("newswire_http_responses", "HTTP responses by kind and status class.", ["kind", "status"])
FETCHED_BYTES = Counter("newswire_fetched_bytes", "Decoded body bytes fetched.", ["kind"])
ARTICLES_CLEANED = Counter("newswire_articles_cleaned", "Pages cleaned into article text.")
ARTICLES_EXTRACTED = Counter("newswire_articles_extracted", "Articles extracted by the worker.")
FIGURES_EXTRACTED = Counter("newswire_figures_extracted", "Figures found by the worker.")
EVENTS_EXTRACTED = Counter("newswire_events_extracted", "Events found by the worker.")
RECORDS_STORED = Counter("newswire_records_stored", "Rows written by the sink.", ["kind"])
DEAD_LETTERS = Counter("newswire_dead_letters", "Records turned into dead letters.", ["stage", "reason"])
CONSUMER_LAG = Gauge("newswire_consumer_lag", "Messages not yet consumed (high watermark - position).",
                     ["topic", "partition"])
ARTICLES_PLACED = Counter("newswire_articles_placed", "Articles placed in copies, stories and series.")
PLACE_FAILED = Counter("newswire_articles_place_failed", "Articles placed alone because placing them raised.")
STORY_MESSAGES = Counter("newswire_story_messages_sent", "Messages sent by the stories stage.", ["topic"])
STAGE_SECONDS = Histogram(
    "newswire_stage_seconds", "Latency of one unit of work of a stage.", ["stage"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)


def status_class(status: int) -> str:
    return f"{status // 100}xx" if 100 <= status < 600 else "error"


def child_metrics_port(base: int | None, index: int) -> int | None:
    """The port of the ``index``-th child of ``newswire run`` (None: metrics off)."""
    return None if base is None else base + index


def broker_reachable(bootstrap: str | None, timeout_s: float = 1.0) -> bool:
    """A TCP connection to the first bootstrap server succeeds (cheap enough for every probe)."""
    if not bootstrap:
        return False
    host, _, port = bootstrap.split(",")[0].strip().rpartition(":")
    try:
        socket.create_connection((host, int(port)), timeout=timeout_s).close()
        return True
    except (OSError, ValueError):
        return False


class HealthCheck:
    """``check() -> {"broker": bool, "database": bool}``; the engine is made on first use and kept."""

    def __init__(self, bootstrap: str | None, database_url: str):
        self.bootstrap = bootstrap
        self.database_url = database_url
        self._engine = None
        self._lock = threading.Lock()

    def database_reachable(self) -> bool:
        from sqlalchemy import create_engine, text

        try:
            with self._lock:
                if self._engine is None:  # a bare engine: a probe needs none of storage.db's tuning
                    self._engine = create_engine(self.database_url, pool_pre_ping=True)
            with self._engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception:  # noqa: BLE001 - any failure means "not reachable" to a probe
            return False

    def check(self) -> dict[str, bool]:
        return {"broker": broker_reachable(self.bootstrap), "database": self.database_reachable()}

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


class MetricsServer:
    """``/metrics`` and ``/healthz`` on ``host:port`` (all interfaces by default), in a daemon thread."""

    def __init__(self, port: int, health: Callable[[], dict[str, bool]], stage: str, host: str = "0.0.0.0"):
        self.stage = stage
        self.health = health

        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                path = self.path.split("?", 1)[0]
                if path == "/metrics":
                    self._send(200, generate_latest(), CONTENT_TYPE_LATEST)
                elif path == "/healthz":
                    checks = outer.health()
                    ok = all(checks.values())
                    body = json.dumps({**checks, "stage": outer.stage, "ok": ok}).encode()
                    self._send(200 if ok else 503, body, "application/json")
                else:
                    self._send(404, b"not found: try /metrics or /healthz\n", "text/plain")

            def _send(self, code: int, body: bytes, content_type: str) -> None:
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, name="metrics", daemon=True)

    def start(self) -> "MetricsServer":
        self.thread.start()
        log.info("metrics for %s on :%d (/metrics, /healthz)", self.stage, self.port)
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve_metrics(settings, stage: str) -> MetricsServer | None:
    """Start the server on ``settings.metrics_port`` if set; None otherwise (or if the port is taken)."""
    if settings.metrics_port is None:
        return None
    health = HealthCheck(settings.kafka_bootstrap, settings.db_url)
    try:
        return MetricsServer(settings.metrics_port, health.check, stage).start()
    except OSError as exc:  # a taken port must not take the stage down with it
        log.error("cannot serve metrics on port %s: %s", settings.metrics_port, exc)
        return None
