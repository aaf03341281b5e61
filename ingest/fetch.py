"""The only module of newswire that touches the network: polite, bounded, SSRF-safe HTTP GETs.

Feeds and article pages are URLs that strangers wrote, so every request is treated as hostile:

- the host is resolved and every address checked *at connect time* by :mod:`ingest.guard`, for the
  first request and for each redirect hop (redirects are followed here, not by httpx), and the
  socket connects to the address that was checked, so DNS rebinding cannot swap in 127.0.0.1;
- bodies are decoded (gzip/deflate) by us, with the size cap applied to the *decoded* bytes, so a
  gzip bomb stops at ``max_response_bytes`` instead of filling memory;
- one total deadline covers a hop's connect, headers and body: a server trickling a byte a second
  never trips the read timeout but does trip this one;
- content types are checked from the headers and from the first bytes (a PDF labelled text/html).

Politeness: at most ``per_host_concurrency`` requests to one host, ``per_host_delay_s`` between
their starts (longer if the site's robots.txt asks, ``ingest.robots``), ``fetch_concurrency``
overall, an identifying User-Agent, and robots.txt rules for pages.

Every failure leaves as a :class:`~newswire.errors.FetchError` made by :func:`classify`, the one
place that decides what is worth retrying.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import socket
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import AsyncIterator, Iterable, Mapping
from urllib.parse import urljoin, urlsplit

import httpx

from newswire.ingest import content
from newswire.ingest.guard import AddressGuard
from newswire.ingest.robots import ROBOTS_MAX_BYTES, Robots
from newswire import metrics
from newswire.errors import FetchError, PermanentFetchError, TransientFetchError
from newswire.settings import Settings

log = logging.getLogger(__name__)

Kind = content.Kind

# Reasons worth retrying later; every other reason is permanent for this URL (see classify).
TRANSIENT_REASONS = frozenset({
    "timeout", "connect_error", "dns_error", "network_error", "protocol_error", "robots_unavailable",
})
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504}) | frozenset(range(500, 600))

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# httpx reads a redirect's Location even when it does not follow it; one it cannot parse is this error.
BAD_LOCATION_PREFIX = "Invalid URL in location header"


@dataclass(frozen=True)
class FetchResult:
    url: str  # final URL, after redirects
    status: int
    body: bytes  # content-decoded; b"" when not_modified
    content_type: str | None = None  # media type, lower case, no parameters
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    link_header: str | None = None  # the HTTP Link headers, joined by commas (WebSub discovery)


def classify(url: str | None, *, reason: str | None = None, status: int | None = None,
             headers: Mapping[str, str] | None = None, exc: BaseException | None = None,
             message: str | None = None) -> FetchError:
    """Turn one fetch outcome (a reason, an HTTP status, or an exception) into the error to raise.

    Transient: timeouts, connection/DNS/protocol errors, 408/425/429 and 5xx (with ``retry_after``
    in seconds from Retry-After when given). Permanent: everything else, e.g. 404, 410, other 4xx,
    ``not_html``, ``too_large``, ``private_address``, ``too_many_redirects``, ``robots_disallowed``,
    ``empty_body``, ``bad_url`` (a URL httpx cannot parse, e.g. ``http://127.000.000.001/``) and
    ``bad_redirect`` (a redirect without a usable Location).
    """
    retry_after: float | None = None
    if exc is not None:
        if isinstance(exc, FetchError):
            return exc
        reason, detail = _exception_reason(exc)
        message = message or detail
    elif status is not None:
        reason = f"http_{status}"
        message = message or f"HTTP {status}"
        if headers is not None:
            retry_after = parse_retry_after(headers.get("retry-after"))
    if reason is None:
        raise ValueError("classify needs a reason, a status or an exception")
    transient = reason in TRANSIENT_REASONS or (status is not None and status in TRANSIENT_STATUSES)
    error_type = TransientFetchError if transient else PermanentFetchError
    return error_type(reason, message or reason, url=url, retry_after=retry_after)


def _exception_reason(exc: BaseException) -> tuple[str, str]:
    detail = f"{type(exc).__name__}: {exc}".rstrip(": ")
    if isinstance(exc, (httpx.TimeoutException, TimeoutError)):
        return "timeout", detail
    if isinstance(exc, (httpx.InvalidURL, httpx.UnsupportedProtocol, UnicodeError)):
        return "bad_url", detail
    if isinstance(exc, httpx.RemoteProtocolError) and str(exc).startswith(BAD_LOCATION_PREFIX):
        return "bad_redirect", detail
    if isinstance(exc, socket.gaierror):
        return "dns_error", detail
    if isinstance(exc, httpx.ConnectError):
        return "connect_error", detail
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.LocalProtocolError)):
        return "protocol_error", detail
    return "network_error", detail  # ReadError, WriteError, OSError...: the connection broke


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


@dataclass
class _HostGate:
    slots: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0  # loop.time() before which the next request must not start
    robots_delay_s: float = 0.0  # the host's own robots.txt Crawl-delay / Request-rate, when it asks for more


@dataclass(frozen=True)
class _Redirect:
    location: str


class Fetcher:
    """One per process; use as ``async with Fetcher(settings) as fetcher:``."""

    def __init__(self, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None,
                 private_origins: Iterable[str] = ()):
        """``private_origins``: URLs whose host:port may be private when ``allow_private_networks``
        is set, besides the feeds (``settings.feeds`` and every URL fetched with :meth:`fetch_feed`)."""
        self._settings = settings
        self._guard = AddressGuard(classify, allow_private_networks=settings.allow_private_networks)
        for url in [*settings.feeds, *private_origins]:
            self._guard.allow(url)
        if transport is None:
            # trust_env=False: a proxy from the environment would bypass the address guard.
            http_transport = httpx.AsyncHTTPTransport(trust_env=False, retries=0)
            # httpx offers no public hook for the connect step; httpcore's pool does.
            pool = http_transport._pool
            if not hasattr(pool, "_network_backend"):
                raise RuntimeError("httpcore changed: cannot install the private-address guard")
            pool._network_backend = self._guard
            transport = http_transport
        self._client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(
                connect=settings.connect_timeout_s, read=settings.read_timeout_s,
                write=settings.read_timeout_s, pool=settings.total_timeout_s),
            limits=httpx.Limits(max_connections=settings.fetch_concurrency * 2, max_keepalive_connections=64),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._slots = asyncio.Semaphore(settings.fetch_concurrency)
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, Robots] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._robots_agent = settings.user_agent.split("/", 1)[0].split()[0] or "newswire"

    async def __aenter__(self) -> "Fetcher":
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch_feed(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                         configured: bool = True) -> FetchResult:
        """GET a feed, conditionally: a 304 gives ``not_modified=True`` and no body.

        Only configured feeds are fetched as feeds, so the feed's host:port is what
        ``allow_private_networks`` lets reach a private address (see :mod:`ingest.guard`).
        ``configured=False`` is for a feed a stranger named (a page's ``<link rel="alternate">``
        found by :mod:`ingest.discover`): its host:port is not allowed that way.
        """
        if configured:
            self._guard.allow(url)
        headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                             "text/xml;q=0.9, */*;q=0.1"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return await self._fetch(url, "feed", headers, self._settings.max_response_bytes)

    async def fetch_page(self, url: str) -> FetchResult:
        """GET an HTML article page, after checking robots.txt when ``respect_robots`` is set."""
        if self._settings.respect_robots:
            await self._check_robots(url)
        headers = {"Accept": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"}
        return await self._fetch(url, "page", headers, self._settings.max_response_bytes)

    async def post_form(self, url: str, form: Mapping[str, str]) -> tuple[int, str]:
        """POST a form (a WebSub hub request): (status, reply's first 2 KB); GET's guard, politeness, deadline."""
        async with self._slot(urlsplit(url).hostname or ""):
            try:
                async with asyncio.timeout(self._settings.total_timeout_s):
                    async with self._client.stream("POST", url, data=dict(form)) as response:
                        reply = b""
                        async for chunk in response.aiter_bytes():  # at most ~2 KB of it is read
                            if len(reply := reply + chunk) > 2000:
                                break
            except (httpx.HTTPError, httpx.InvalidURL, OSError, UnicodeError, ValueError) as exc:
                raise classify(url, exc=exc) from exc  # TimeoutError too: an OSError
        return response.status_code, reply[:2000].decode("utf-8", "replace")

    # --- one GET, redirects followed by hand -------------------------------------------------

    async def _fetch(self, url: str, kind: Kind, headers: dict[str, str], max_bytes: int) -> FetchResult:
        loop = asyncio.get_running_loop()
        budget = self._settings.total_timeout_s  # shared by all hops of this fetch
        current = url
        for _hop in range(self._settings.max_redirects + 1):
            try:
                parts = urlsplit(current)
                parts.port  # noqa: B018 (raises on a port past 65535, which httpx would try to connect to)
            except ValueError as exc:  # e.g. "http://[::1/", "http://host:99999/"
                raise classify(current, reason="bad_url", message=f"unparsable URL {current!r}: {exc}") from exc
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise classify(current, reason="bad_url", message=f"not an http(s) URL: {current!r}")
            async with self._slot(parts.hostname):
                started = loop.time()
                try:
                    async with asyncio.timeout(max(budget, 0.001)):
                        outcome = await self._get_once(current, kind, headers, max_bytes)
                except TimeoutError as exc:
                    metrics.HTTP_RESPONSES.labels(kind, "error").inc()
                    raise classify(current, reason="timeout", message=(
                        f"no complete response within {self._settings.total_timeout_s:g}s")) from exc
                except FetchError:
                    raise
                except (httpx.HTTPError, httpx.InvalidURL, OSError, UnicodeError) as exc:
                    # InvalidURL is no HTTPError: httpx raises it for e.g. http://127.000.000.001/
                    metrics.HTTP_RESPONSES.labels(kind, "error").inc()
                    raise classify(current, exc=exc) from exc
                budget -= loop.time() - started
                metrics.STAGE_SECONDS.labels("fetch").observe(loop.time() - started)
            if isinstance(outcome, FetchResult):
                return outcome
            current = outcome.location
        raise classify(url, reason="too_many_redirects",
                       message=f"more than {self._settings.max_redirects} redirects (last: {current})")

    async def _get_once(self, url: str, kind: Kind, headers: dict[str, str], max_bytes: int) -> FetchResult | _Redirect:
        async with self._client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            metrics.HTTP_RESPONSES.labels(kind, metrics.status_class(status)).inc()
            if status in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise classify(url, reason="bad_redirect", message=f"HTTP {status} without a Location")
                try:  # httpx refused what it cannot parse (see classify); a port past 65535 it lets by
                    target = urljoin(url, location.strip())
                    urlsplit(target).port  # noqa: B018
                except ValueError as exc:
                    raise classify(url, reason="bad_redirect",
                                   message=f"HTTP {status} to an unusable Location {location[:200]!r}: {exc}") from exc
                return _Redirect(target)
            if status == 304:  # nothing to read: the body of a 304 is empty by definition
                return FetchResult(url=url, status=304, body=b"", not_modified=True,
                                   etag=response.headers.get("etag"),
                                   last_modified=response.headers.get("last-modified"))
            if not 200 <= status < 300:
                raise classify(url, status=status, headers=response.headers)
            media_type, charset = content.content_type(response.headers.get("content-type"))
            _check_declared_type(url, kind, media_type)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:  # refuse before reading a byte
                raise classify(url, reason="too_large", message=f"Content-Length {declared} > {max_bytes} bytes")
            data = await _read_capped(response, url, max_bytes)
            metrics.FETCHED_BYTES.labels(kind).inc(len(data))
        if kind != "robots":
            if not data.strip():
                raise classify(url, reason="empty_body", message="the response has no body")
            _check_magic(url, kind, data)
        return FetchResult(url=url, status=status, body=data, content_type=media_type, charset=charset,
                           etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
                           link_header=response.headers.get("link"))

    def _gate(self, host: str) -> _HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = _HostGate(asyncio.Semaphore(self._settings.per_host_concurrency))
        return gate

    @asynccontextmanager
    async def _slot(self, host: str) -> AsyncIterator[None]:
        gate = self._gate(host)
        async with gate.slots:
            # The delay is waited before taking a global slot, so a slow host never holds one idle.
            async with gate.lock:
                loop = asyncio.get_running_loop()
                wait = gate.next_start - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                gate.next_start = loop.time() + max(self._settings.per_host_delay_s, gate.robots_delay_s)
            async with self._slots:
                yield

    # --- robots.txt ----------------------------------------------------------------------------

    async def _check_robots(self, url: str) -> None:
        try:
            parts = urlsplit(url)
        except ValueError as exc:
            raise classify(url, reason="bad_url", message=f"unparsable URL {url!r}: {exc}") from exc
        origin = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots.get(origin)
        if robots is None or robots.expired(time.monotonic()):
            lock = self._robots_locks.setdefault(origin, asyncio.Lock())
            async with lock:  # one fetch of robots.txt per host, however many pages wait for it
                robots = self._robots.get(origin)
                if robots is None or robots.expired(time.monotonic()):
                    robots = self._robots[origin] = await self._load_robots(origin)
                    if parts.hostname:
                        self._gate(parts.hostname).robots_delay_s = robots.delay_s(self._robots_agent)
        if robots.parser is None:
            raise classify(url, reason="robots_unavailable", message=f"{origin}/robots.txt could not be read")
        if not robots.allows(self._robots_agent, url):
            raise classify(url, reason="robots_disallowed", message=f"{origin}/robots.txt disallows {url}")

    async def _load_robots(self, origin: str) -> Robots:
        now = time.monotonic()
        try:
            result = await self._fetch(f"{origin}/robots.txt", "robots", {"Accept": "text/plain"}, ROBOTS_MAX_BYTES)
        except TransientFetchError as exc:
            log.info("robots.txt unavailable", extra={"url": origin, "reason": exc.reason})
            return Robots.unavailable(now)
        except PermanentFetchError as exc:
            if exc.reason == "private_address":
                raise
            return Robots.allow_all(origin, now)
        return Robots.parsed(origin, result.body, now)


def _check_declared_type(url: str, kind: Kind, media_type: str | None) -> None:
    if kind == "robots" or content.declared_type_fits(kind, media_type):
        return
    reason = "not_html" if kind == "page" else "not_a_feed"
    raise classify(url, reason=reason, message=f"Content-Type {media_type} is not {'HTML' if kind == 'page' else 'a feed'}")


def _check_magic(url: str, kind: Kind, data: bytes) -> None:
    if (name := content.binary_kind(data)) is not None:
        reason = "not_html" if kind == "page" else "not_a_feed"
        raise classify(url, reason=reason, message=f"the body is {name}, whatever its Content-Type says")


async def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """Read and decode the body, failing as soon as the *decoded* size passes ``max_bytes``."""
    try:
        decoder = content.CappedDecoder(response.headers.get("content-encoding", "identity"), max_bytes)
        async for raw in response.aiter_raw():
            decoder.feed(raw)
        return decoder.finish()
    except content.TooLarge as exc:
        raise classify(url, reason="too_large", message=str(exc)) from exc
    except content.BadEncoding as exc:
        raise classify(url, reason="bad_encoding", message=str(exc)) from exc


def as_fetch_error(url: str | None, exc: BaseException) -> FetchError:
    """Any exception of a feed's or a page's poll as a :class:`FetchError` (one not expected: internal_error)."""
    if isinstance(exc, FetchError):
        return exc
    if isinstance(exc, Exception) and not isinstance(exc, (OSError, TimeoutError)):
        # A bug or a library failing on odd input: a dead letter, with the type to find it by.
        log.exception("unexpected error", extra={"url": url})
        return PermanentFetchError("internal_error", f"{type(exc).__name__}: {exc}", url=url)
    return classify(url, exc=exc)

