"""Run the web app under uvicorn: ``newswire serve`` (alone) and the web child of ``newswire run``."""

from __future__ import annotations

import logging
import socket
import threading
import time
from pathlib import Path

import uvicorn

from newswire.settings import Settings

log = logging.getLogger(__name__)


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def engine_options(url: str) -> dict:
    """The web engine's options beyond ``make_engine``'s. PostgreSQL: autocommit, so each statement is
    a transaction of its own (read-only all the same, ``web.read_only``) and a request's queries go
    without a BEGIN before and a ROLLBACK after them: two round trips fewer a request, each of which
    waits for the server process to be scheduled on a busy machine. The pages read one row set a
    statement and never need two statements to agree."""
    return {"isolation_level": "AUTOCOMMIT"} if url.startswith("postgresql") else {}


def build(settings: Settings, live_interval_s: float = 3.0):
    """The app on ``settings``' database (which must be at this newswire's schema); the pages poll the
    API for live updates every ``live_interval_s``."""
    from newswire.app.web import create_app
    from newswire.storage.db import check_schema, describe_url, make_engine

    engine = make_engine(settings.db_url, **engine_options(settings.db_url))
    try:
        check_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return create_app(engine, data_dir=Path(settings.data_dir), database_shown=describe_url(engine),
                      live_interval_s=live_interval_s)


class WebServer:
    """uvicorn in a thread of this process, on an already bound socket (so the address is known, and
    taken, before ``start`` returns: a port in use fails here, not later in the thread)."""

    def __init__(self, settings: Settings, live_interval_s: float = 3.0):
        self.app = build(settings, live_interval_s)
        family = socket.AF_INET6 if ":" in settings.web_host else socket.AF_INET
        # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY only on connections whose socket says so, and
        # without it each response's body (written after its headers) waited for the client's delayed
        # ACK: 40 ms added to every page and API call (measured: 48 ms for a cached 3 kB response).
        self.socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((settings.web_host, settings.web_port))
        except OSError:
            self.socket.close()
            self.app.state.engine.dispose()
            raise
        self.socket.listen(128)
        host, port = self.socket.getsockname()[:2]
        self.address = address(host, port)
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_config=None, log_level="warning", access_log=False,
                                                    timeout_graceful_shutdown=2, lifespan="off"))
        self.thread: threading.Thread | None = None

    def start(self) -> "WebServer":
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]},
                                       name="newswire-web", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=10)
        self.socket.close()
        # A request still running in the thread pool (a page's live poll, say) returns its connection
        # after the server stops; returned to a disposed pool, it would stay open until collected.
        engine = self.app.state.engine
        deadline = time.monotonic() + 5
        checked_out = getattr(engine.pool, "checkedout", lambda: 0)  # pools that keep none have no count
        while checked_out() and time.monotonic() < deadline:
            time.sleep(0.05)
        engine.dispose()

    def __enter__(self) -> "WebServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def start_beside_pipeline(settings: Settings) -> WebServer | None:
    """The web server of ``newswire run``, in a thread of the run process; None (with a warning) when
    it cannot start (the port is taken, say): the pipeline runs on without it."""
    try:
        return WebServer(settings).start()
    except Exception as exc:  # noqa: BLE001 - a busy port must not stop the monitoring itself
        log.warning("web interface not started on %s: %s (set NEWSWIRE_WEB_PORT / NEWSWIRE_WEB_HOST)",
                    address(settings.web_host, settings.web_port), exc)
        return None


def serve_forever(settings: Settings) -> None:
    """``newswire serve``: serve until Ctrl-C / SIGTERM."""
    import signal

    from newswire.logs import say

    server = WebServer(settings)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    server.start()
    say(f"newswire web interface on {server.address} (database {server.app.state.database_shown}); Ctrl-C stops")
    try:
        while not stopped.wait(0.5):
            if server.thread is not None and not server.thread.is_alive():
                raise SystemExit("the web server stopped unexpectedly; see the log above")
    finally:
        server.stop()
