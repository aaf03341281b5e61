"""Fault-injection helpers: newswire stages as real subprocesses, a hostile local web server, DB counts.

Every stage runs as ``python -m newswire <stage>`` against the session's embedded broker (set
through ``NEWSWIRE_KAFKA_BOOTSTRAP``), with the test's unique topic prefix and consumer groups, so
a test can SIGKILL any of them and start it again exactly as an operator (or the supervisor) would.
"""

from __future__ import annotations

import json
import sqlite3
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from contextlib import closing
from pathlib import Path
from typing import Callable

import psycopg
import pytest
from sqlalchemy import make_url

from newswire.app.broker import die_with_parent
from newswire.settings import Settings
from newswire.storage.models import Article, DeadLetter, Event, Extraction, Figure

REPO = Path(__file__).resolve().parents[2]


def stage_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of a stage process: these settings and nothing inherited from the caller's NEWSWIRE_*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(settings.to_env())
    env.update({f"NEWSWIRE_{k.upper()}": str(v) for k, v in extra.items()})
    env["PYTHONPATH"] = str(REPO)
    return env


class Stage:
    """One newswire stage process (``args`` after ``python -m newswire``), restartable, killable."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log_path: Path):
        self.name, self.args, self.env, self.log_path = name, args, env, log_path
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> "Stage":
        with open(self.log_path, "ab") as out:
            out.write(f"\n===== start {self.starts + 1} of {self.name} =====\n".encode())
            out.flush()
            self.process = subprocess.Popen([sys.executable, "-m", "newswire", *self.args], env=self.env,
                                            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                            preexec_fn=die_with_parent, cwd=REPO)
        self.starts += 1
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> bool:
        """SIGKILL; True if it was running when the signal was sent."""
        if not self.alive():
            return False
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        return True

    def stop(self, timeout_s: float = 30.0) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def status(self, data_dir: Path) -> dict:
        """The counters this process last wrote to ``<data_dir>/status`` (``{}`` before the first)."""
        if self.process is None:
            return {}
        for path in (Path(data_dir) / "status").glob(f"*-{self.process.pid}.json"):
            try:
                return json.loads(path.read_text())
            except (OSError, ValueError):
                return {}
        return {}

    def log(self, tail: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-tail:]
        except OSError:
            return ""


def peak_rss_kib(pid: int) -> int | None:
    """VmHWM (peak resident set) of a running process, in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def wait_for(condition: Callable[[], object], timeout_s: float, what: str, *stages: Stage,
             interval_s: float = 0.2) -> object:
    """Poll ``condition`` until truthy; fail with the stages' logs on timeout or if one of them exits."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        for stage in stages:
            if stage.process is not None and stage.process.poll() is not None:
                raise AssertionError(f"{stage.name} exited ({stage.process.returncode}) while waiting for "
                                     f"{what}:\n{stage.log()}")
        if time.monotonic() > deadline:
            logs = "\n".join(f"--- {s.name} ---\n{s.log()}" for s in stages)
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}\n{logs}")
        time.sleep(interval_s)


class Counter:
    """Row counts of the pipeline's tables, a fresh driver connection a poll, closed however the poll ends.

    Not through a SQLAlchemy engine: a poll that fails in a database outage left a psycopg connection
    in the traceback's reference cycle, and its ResourceWarning, when the collector got to it, failed
    whichever test was running then (seen under load). The drivers' own context managers close it.
    """

    TABLES = {"articles": Article, "figures": Figure, "events": Event, "extractions": Extraction,
              "dead_letters": DeadLetter}

    def __init__(self, url: str):
        parsed = make_url(url)
        self.sqlite = parsed.get_backend_name() == "sqlite"
        self.target = parsed.database if self.sqlite else \
            parsed.set(drivername="postgresql").render_as_string(hide_password=False)

    def _connect(self):
        if self.sqlite:
            return closing(sqlite3.connect(self.target, timeout=30))
        return psycopg.connect(self.target, connect_timeout=5)

    def __call__(self) -> dict[str, int]:
        try:
            with self._connect() as conn:
                return {name: conn.execute(f"SELECT count(*) FROM {model.__tablename__}").fetchone()[0]
                        for name, model in self.TABLES.items()}
        except (sqlite3.Error, psycopg.Error):  # the database is down, or not migrated yet: the caller polls again
            return {name: -1 for name in self.TABLES}

    def close(self) -> None:
        """Nothing stays open between polls (kept for the callers' ``finally``)."""


# --- a busy machine ---------------------------------------------------------------------------------

BUSY_LOOPS_ENV = "NEWSWIRE_TEST_BUSY_LOOPS"


class BusyLoops:
    """``n`` processes that spin on the CPU (a monitoring desk's machine is rarely idle), for a ``with``.

    Each is a child with the parent-death signal, so a crashed test leaves no spinner behind.
    """

    def __init__(self, n: int):
        self.n = n
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> "BusyLoops":
        for _ in range(self.n):
            self.processes.append(subprocess.Popen([sys.executable, "-c", "while True: pass"],
                                                   stdin=subprocess.DEVNULL, preexec_fn=die_with_parent))
        return self

    def __exit__(self, *exc) -> None:
        for process in self.processes:
            process.kill()
            process.wait(10)
        self.processes.clear()


@pytest.fixture
def busy_machine(request):
    """Busy loops for the test's duration: ``request.param`` of them under an indirect parametrisation,
    else ``NEWSWIRE_TEST_BUSY_LOOPS`` (default 0), to run any fault test on a loaded machine."""
    n = getattr(request, "param", None)
    if n is None:
        n = int(os.environ.get(BUSY_LOOPS_ENV, "0"))
    with BusyLoops(n) as loops:
        yield loops


@pytest.fixture
def counter(settings):
    found = Counter(settings.db_url)
    yield found
    found.close()


# --- a local web server whose routes are handlers -----------------------------------------------------

Handler = Callable[[BaseHTTPRequestHandler], None]


class Site:
    """A threaded HTTP/1.1 server on 127.0.0.1; ``routes`` maps a path to a handler."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: dict[str, int] = {}
        self.bytes_sent: dict[str, int] = {}
        self.lock = threading.Lock()
        site = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                with site.lock:
                    site.hits[path] = site.hits.get(path, 0) + 1
                handler = site.routes.get(path)
                if handler is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                handler(self)

            def log_message(self, *args) -> None:
                pass

        class _Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:
                pass  # clients hanging up mid-body is what several tests want

        self._server = _Server(("127.0.0.1", 0), _Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add_bytes(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None, etag: str | None = None, delay_s: float = 0.0) -> str:
        def handle(request: BaseHTTPRequestHandler) -> None:
            if delay_s:
                time.sleep(delay_s)
            if etag and request.headers.get("If-None-Match") == etag:
                request.send_response(304)
                request.send_header("ETag", etag)
                request.send_header("Content-Length", "0")
                request.end_headers()
                return
            request.send_response(200)
            request.send_header("Content-Type", content_type)
            if etag:
                request.send_header("ETag", etag)
            for name, value in (headers or {}).items():
                request.send_header(name, value)
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)

        self.routes[path] = handle
        return self.url(path)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def site():
    running = Site()
    yield running
    running.close()


def rss(items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of ``(guid, link, title)`` items."""
    body = "".join(f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>"
                   "<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item>" for guid, link, title in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fault feed</title>'
            f"<link>http://127.0.0.1/</link>{body}</channel></rss>").encode()


# --- records ---------------------------------------------------------------------------------------

def make_article(n: int, text: str | None = None):
    """Article ``n`` of a fault test, with a figure-worthy sentence, ids derived as the pipeline derives them."""
    from newswire.ids import article_id, canonical_url, content_hash
    from newswire.records import ArticleRecord

    url = f"https://news.example/fault/{n}"
    text = text or f"At least {n + 3} people were killed in the storm, police said on Monday."
    return ArticleRecord(article_id=article_id(url), url=url, canonical_url=canonical_url(url), title=f"Story {n}",
                         text=text, content_hash=content_hash(text))


def make_figure(article):
    """The "At least N" figure at the start of ``make_article``'s text."""
    from newswire.ids import span_id
    from newswire.records import FigureRecord

    end = article.text.index(" people")
    return FigureRecord(figure_id=span_id(article.article_id, article.version, "figure", 0, end),
                        article_id=article.article_id, article_version=article.version,
                        value=float(article.text[9:end]), text=article.text[:end], start=0, end=end, unit="people",
                        category="killed", qualifier="at_least", sentence=article.text, sentence_start=0,
                        extractor_version="1.0.0")
