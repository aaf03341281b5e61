"""A WebSub publisher and hub for the tests, on real HTTP on loopback (one server, as the address guard
lets a private feed's own host:port only): ``/feed.xml`` (RSS announcing ``/hub`` and its own URL),
``/articles/<n>.html``, and the hub at ``/hub``, which verifies intent as the W3C spec says (a GET
to the callback with a challenge, after answering 202) and pushes the whole feed, signed with
the subscriber's secret, on :meth:`WebSubHub.publish`.

``announce="header"``: the feed names its hubs and its topic URL (``/topic.xml``, the same feed) only in
HTTP ``Link`` headers, one header a link. ``denying_hub=True``: it first announces ``/denying-hub``,
which answers every request 202 and then denies it (a ``hub.mode=denied`` GET to the callback).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ingest_processes import story_page


@dataclass
class HubSubscription:
    callback: str
    topic: str
    secret: str
    lease_s: int
    verified_at: float


class WebSubHub:
    def __init__(self, signature_method: str = "sha256", announce: str = "body", denying_hub: bool = False) -> None:
        self.signature_method = signature_method
        self.announce = announce
        self.hub_paths = ["/denying-hub", "/hub"] if denying_hub else ["/hub"]
        self.denied: list[dict[str, str]] = []  # requests /denying-hub refused
        self.entries: list[int] = []
        self.subscriptions: dict[str, HubSubscription] = {}  # callback -> verified subscription
        self.requests: list[dict[str, str]] = []  # every subscription request's form
        self.verifications: list[tuple[str, int]] = []  # (mode, HTTP status of the subscriber's answer)
        self.pushes: list[tuple[str, int]] = []  # (callback, HTTP status)
        self.feed_gets: list[float] = []  # time.monotonic() of each GET of the feed
        self.silent = False  # publish() changes the feed but pushes nothing
        self._lock = threading.Lock()
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                if path in ("/feed.xml", "/topic.xml"):
                    hub.feed_gets.append(time.monotonic())
                    links = [f'<{hub.url(p)}>; rel="hub"' for p in hub.hub_paths] + [f'<{hub.topic}>; rel="self"']
                    return self._send(200, hub.feed(), "application/rss+xml",
                                      links=links if hub.announce == "header" else ())
                if path.startswith("/articles/") and path.endswith(".html"):
                    number = path.rsplit("/", 1)[1].removesuffix(".html")
                    if number.isdigit() and int(number) in hub.entries:
                        return self._send(200, story_page(int(number)), "text/html; charset=utf-8")
                self._send(404, b"not found", "text/plain")

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                if self.path not in hub.hub_paths or form.get("hub.mode") not in ("subscribe", "unsubscribe"):
                    return self._send(400, b"bad request", "text/plain")
                if self.path == "/denying-hub":
                    hub.denied.append(form)
                    self._send(202, b"accepted", "text/plain", close=True)
                    threading.Thread(target=hub._deny, args=(form,), daemon=True).start()
                    return
                hub.requests.append(form)
                self.close_connection = True  # no idle connection left in a subscriber's pool (its loop may end)
                self._send(202, b"accepted", "text/plain", close=True)
                threading.Thread(target=hub._verify, args=(form,), daemon=True).start()

            def _send(self, status: int, body: bytes, content_type: str, close: bool = False, links=()) -> None:
                self.send_response(status)
                if close:
                    self.send_header("Connection", "close")
                for link in links:
                    self.send_header("Link", link)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def topic(self) -> str:
        """The URL subscribers know the feed by: its own, or the header's rel="self" (``/topic.xml``)."""
        return self.url("/topic.xml" if self.announce == "header" else "/feed.xml")

    @property
    def feed_url(self) -> str:
        return self.url("/feed.xml")

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>Story {n}</title><link>{self.url(f'/articles/{n}.html')}</link><guid>ws-{n}</guid>"
            f"<pubDate>Mon, 0{1 + n % 9} Mar 2026 08:00:00 GMT</pubDate></item>" for n in reversed(self.entries))
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
                f'<channel><title>Pushed wire</title><link>{self.url("/")}</link>'
                + ("".join(f'<atom:link rel="hub" href="{self.url(path)}"/>' for path in self.hub_paths)
                   + f'<atom:link rel="self" href="{self.topic}" type="application/rss+xml"/>'
                   if self.announce == "body" else "")
                + f"{items}</channel></rss>").encode()

    def _verify(self, form: dict[str, str]) -> None:
        challenge = secrets.token_hex(8)
        lease = form.get("hub.lease_seconds") or "3600"
        query = urllib.parse.urlencode({"hub.mode": form["hub.mode"], "hub.topic": form["hub.topic"],
                                        "hub.challenge": challenge, "hub.lease_seconds": lease})
        status, body = self.get(f"{form['hub.callback']}?{query}")
        self.verifications.append((form["hub.mode"], status))
        if status // 100 != 2 or body != challenge.encode():
            return
        with self._lock:
            if form["hub.mode"] == "subscribe":
                self.subscriptions[form["hub.callback"]] = HubSubscription(
                    form["hub.callback"], form["hub.topic"], form.get("hub.secret", ""), int(lease), time.monotonic())
            else:
                self.subscriptions.pop(form["hub.callback"], None)

    def _deny(self, form: dict[str, str]) -> None:
        query = urllib.parse.urlencode({"hub.mode": "denied", "hub.topic": form["hub.topic"],
                                        "hub.reason": "this hub takes no subscriptions"})
        self.get(f"{form['hub.callback']}?{query}")

    def publish(self, n: int, *, push: bool = True) -> None:
        """Add entry ``n`` to the feed and, unless silent, push the feed to every live subscriber."""
        self.entries.append(n)
        if push and not self.silent:
            with self._lock:
                live = [sub for sub in self.subscriptions.values()
                        if sub.topic == self.topic and time.monotonic() < sub.verified_at + sub.lease_s]
            for sub in live:
                self.pushes.append((sub.callback, self.push(sub.callback, self.feed(), sub.secret)))

    def push(self, callback: str, body: bytes, secret: str | None, *, method: str | None = None,
             topic: str | None = None) -> int:
        """POST ``body`` to ``callback`` as a hub does (signed with ``secret`` when given); the status."""
        method = method or self.signature_method
        headers = {"Content-Type": "application/rss+xml",
                   "Link": f'<{self.url("/hub")}>; rel="hub", <{topic or self.topic}>; rel="self"'}
        if secret is not None:
            headers["X-Hub-Signature"] = f"{method}={hmac.new(secret.encode(), body, getattr(hashlib, method)).hexdigest()}"
        request = urllib.request.Request(callback, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    @staticmethod
    def get(url: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
        except OSError:
            return 0, b""

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
