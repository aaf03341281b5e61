"""Fixtures for ingest tests: a real local HTTP server whose answers each test sets, and settings.

Ingest needs neither the broker nor a database, so ``settings`` here overrides the root one (which
starts both): requests go to 127.0.0.1, hence ``allow_private_networks=True`` except where a test
checks the guard itself.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

import pytest

from newswire.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SITE_DIR = FIXTURES / "site"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answer 304 to a matching If-None-Match


Handler = Callable[[BaseHTTPRequestHandler], None]


class LocalSite:
    """A threaded HTTP/1.1 server on 127.0.0.1; ``routes`` maps a path (no query) to a Route or a handler."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.routes: dict[str, Route | Handler] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []  # (path with query, headers)
        self.arrivals: list[float] = []  # time.monotonic() of each request
        site = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                site.arrivals.append(time.monotonic())
                route = site.routes.get(self.path.split("?", 1)[0])
                if route is None:
                    return self._send(Route(b"not found", 404, {"Content-Type": "text/plain"}))
                if callable(route):
                    return route(self)
                self._send(route)

            def _send(self, route: Route) -> None:
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                headers = {"Content-Type": "text/html; charset=utf-8", **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                headers.setdefault("Content-Length", str(len(route.body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format, *args) -> None:  # keep test output quiet
                pass

        class _Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:
                pass  # clients that hang up mid-body (size caps, timeouts) are the point of some tests

        self._server = _Server((host, 0), _Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", status: int = 200, content_type: str | None = None,
            headers: dict[str, str] | None = None, etag: str | None = None) -> str:
        headers = dict(headers or {})
        if content_type:
            headers["Content-Type"] = content_type
        self.routes[path] = Route(body.encode() if isinstance(body, str) else body, status, headers, etag)
        return self.url(path)

    def serve_fixture_site(self) -> str:
        """The Harbour Times test site (tests/fixtures/site); returns the feed URL."""
        self.add("/feed.xml", (SITE_DIR / "feed.xml").read_bytes(), content_type="application/rss+xml")
        for page in sorted((SITE_DIR / "articles").glob("*.html")):
            self.add(f"/articles/{page.name}", page.read_bytes())
        return self.url("/feed.xml")

    def hits(self, path: str) -> int:
        return sum(1 for requested, _ in self.requests if requested.split("?", 1)[0] == path)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def make_site():
    """Factory for extra servers, e.g. ``make_site("127.0.0.2")``; all are closed after the test."""
    sites: list[LocalSite] = []

    def make(host: str = "127.0.0.1") -> LocalSite:
        sites.append(LocalSite(host))
        return sites[-1]
    yield make
    for running in sites:
        running.close()


@pytest.fixture
def site(make_site) -> LocalSite:
    return make_site()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(
        data_dir=tmp_path,
        allow_private_networks=True,
        per_host_delay_s=0.0,
        respect_robots=False,
        connect_timeout_s=2.0,
        read_timeout_s=2.0,
        total_timeout_s=5.0,
        max_response_bytes=1024 * 1024,
        fetch_concurrency=8,
        per_host_concurrency=4,
    )


@pytest.fixture(name="slow_sender")
def slow_sender_fixture():
    return slow_sender


def slow_sender(chunks: list[bytes], delay_s: float, content_type: str = "text/html") -> Handler:
    """A handler that sends headers with the full length at once, then each chunk after ``delay_s``."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(sum(len(chunk) for chunk in chunks)))
        request.end_headers()
        request.wfile.flush()
        for chunk in chunks:
            time.sleep(delay_s)
            request.wfile.write(chunk)
            request.wfile.flush()

    return handle
