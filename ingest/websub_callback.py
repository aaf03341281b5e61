"""The WebSub callback server of an ingest process (aiohttp, in the poller's event loop).

``GET <...>/websub/<callback id>``: a hub's verification of intent. The challenge is echoed only when
the callback names a subscription of newswire's, ``hub.topic`` is its topic and ``hub.mode`` the
request newswire made (:meth:`Subscriber.verify`); ``hub.mode=denied`` for such a subscription is
noted. Anything else: 404.

``POST <...>/websub/<callback id>``: a push (content distribution). Refused, and counted by reason in
the status file's ``websub_refused``:

- ``unknown_topic`` (410, so a hub drops it): a callback newswire has no active subscription at, or
  a ``Link: rel="self"`` naming another topic than the subscription's;
- ``too_large`` (413): a body over ``NEWSWIRE_WEBSUB_MAX_BODY_BYTES``, refused by its Content-Length
  before a byte is read, else as soon as it passes the cap;
- ``bad_signature`` (202 as the spec requires, and ignored): no ``X-Hub-Signature``, a method other
  than sha1/sha256/sha384/sha512, or an HMAC of the body under the subscription's secret that
  does not match (compared in constant time);
- ``bad_verification`` (404): a verification newswire did not ask for.

A refused push for a feed newswire subscribes to is also a dead letter (``websub_too_large``,
``websub_bad_signature``; at most one a feed and reason a minute, so a flood costs counts, not
records); a request naming no subscription of ours carries no record of ours, and is only counted.
An accepted push is answered 202 at once and its body handed to :meth:`Poller.push_feed`: the
same parse, dedup, fetch, clean and publish as a poll.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
from typing import Awaitable, Callable

from aiohttp import web

from newswire.errors import PermanentFetchError
from newswire.ids import canonical_url
from newswire.ingest.links import header_links
from newswire.ingest.websub import Subscriber
from newswire.settings import Settings

log = logging.getLogger(__name__)

SIGNATURE_METHODS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384,
                     "sha512": hashlib.sha512}
DEAD_LETTER_EVERY_S = 60.0

PushFeed = Callable[[str, bytes, str | None], Awaitable[object]]
DeadLetter = Callable[[PermanentFetchError, str], None]


def signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    """``X-Hub-Signature: <method>=<hex HMAC of the body>`` checked with ``secret``."""
    method, _, digest = (header or "").strip().partition("=")
    algorithm = SIGNATURE_METHODS.get(method.strip().lower())
    if algorithm is None or not digest:
        return False
    expected = hmac.new(secret.encode(), body, algorithm).hexdigest()
    return hmac.compare_digest(expected, digest.strip().lower())


def same_topic(a: str, b: str) -> bool:
    try:
        return canonical_url(a) == canonical_url(b)
    except ValueError:
        return a == b


class CallbackServer:
    def __init__(self, settings: Settings, subscriber: Subscriber, push_feed: PushFeed, dead_letter: DeadLetter):
        self.settings = settings
        self._subscriber = subscriber
        self._push_feed = push_feed
        self._dead_letter = dead_letter
        self._last_letter: dict[tuple[str, str], float] = {}
        self._tasks: set[asyncio.Task] = set()
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self) -> "CallbackServer":
        app = web.Application(client_max_size=self.settings.websub_max_body_bytes)
        app.router.add_route("GET", "/{path:.*}", self._verify)
        app.router.add_route("POST", "/{path:.*}", self._push)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.websub_host, self.settings.websub_port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # the real one when websub_port is 0
        log.info("WebSub callback server on %s:%s", self.settings.websub_host, self.port)
        return self

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()

    def _callback_id(self, request: web.Request) -> str | None:
        parts = request.path.rstrip("/").split("/")
        return parts[-1] if len(parts) >= 2 and parts[-2] == "websub" and parts[-1] else None

    def _refuse(self, reason: str, status: int, feed_url: str | None = None, detail: str = "") -> web.Response:
        self._subscriber.refused(reason)
        log.warning("WebSub request refused: %s %s", reason, detail, extra={"feed_url": feed_url, "reason": reason})
        if feed_url is not None and reason in ("too_large", "bad_signature"):
            now = time.monotonic()
            if now - self._last_letter.get((feed_url, reason), -DEAD_LETTER_EVERY_S) >= DEAD_LETTER_EVERY_S:
                self._last_letter[(feed_url, reason)] = now
                letter = "websub_too_large" if reason == "too_large" else "websub_bad_signature"
                self._dead_letter(PermanentFetchError(letter, f"push refused: {detail}", url=feed_url), feed_url)
        return web.Response(status=status, text=reason)

    async def _verify(self, request: web.Request) -> web.Response:
        callback_id = self._callback_id(request)
        sub = self._subscriber.lookup(callback_id) if callback_id else None
        query = request.query
        mode, topic, challenge = query.get("hub.mode", ""), query.get("hub.topic", ""), query.get("hub.challenge")
        if sub is None or not same_topic(topic, sub.topic):
            return self._refuse("bad_verification", 404, detail=f"mode {mode!r} for topic {topic[:200]!r}")
        if mode == "denied":
            self._subscriber.denied(sub, query.get("hub.reason"))
            return web.Response(text="noted")
        if not challenge or not self._subscriber.verify(sub, mode, query.get("hub.lease_seconds")):
            return self._refuse("bad_verification", 404, sub.feed_url, f"{mode!r} not asked for (state {sub.state})")
        return web.Response(text=challenge, content_type="text/plain")

    async def _push(self, request: web.Request) -> web.Response:
        callback_id = self._callback_id(request)
        sub = self._subscriber.lookup(callback_id) if callback_id else None
        if sub is None or sub.state != "active":
            return self._refuse("unknown_topic", 410, detail=f"callback {request.path[:200]!r}")
        link = ", ".join(request.headers.getall("Link", ()))
        if any(not same_topic(url, sub.topic) for url in header_links(link, sub.topic, "self")):
            return self._refuse("unknown_topic", 410, detail=f"Link names another topic than {sub.topic}")
        cap = self.settings.websub_max_body_bytes
        if (request.content_length or 0) > cap:
            return self._refuse("too_large", 413, sub.feed_url, f"Content-Length {request.content_length} > {cap}")
        body = b""
        while chunk := await request.content.readany():
            body += chunk
            if len(body) > cap:
                return self._refuse("too_large", 413, sub.feed_url, f"body over {cap} bytes")
        if not signature_ok(sub.secret, body, request.headers.get("X-Hub-Signature")):
            return self._refuse("bad_signature", 202, sub.feed_url, "X-Hub-Signature missing or wrong")
        self._subscriber.pushed(sub)
        content_type = (request.headers.get("Content-Type") or "").split(";")[0].strip().lower() or None
        task = asyncio.create_task(self._push_feed(sub.feed_url, body, content_type))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(status=202, text="accepted")
