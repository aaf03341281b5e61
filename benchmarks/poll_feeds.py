"""Benchmark: one Poller polls N small local feeds twice (200, then 304 via ETag).

    .venv/bin/python benchmarks/poll_feeds.py [--feeds 1000] [--entries 5] [--concurrency 32]

The feeds are served by a threaded HTTP/1.1 server in a child process, so the CPU time measured
here (getrusage of this process) is the poller's alone. Every entry is already "stored" (a
database-like SeenStore), so the first pass measures fetch + parse + dedupe without page fetches;
the second pass measures conditional GETs answered 304. Politeness limits are lifted (one host).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newswire.ingest.fetch import Fetcher  # noqa: E402
from newswire.ingest.poller import Poller  # noqa: E402
from newswire.feeds import FeedState, StoredVersion  # noqa: E402
from newswire.settings import Settings  # noqa: E402


def feed_body(number: int, entries: int) -> bytes:
    items = "".join(
        f"<item><title>Story {number}-{i}</title><link>http://127.0.0.1/story/{number}/{i}</link>"
        f"<guid isPermaLink=\"false\">bench-{number}-{i}</guid>"
        f"<pubDate>Mon, 03 Mar 2025 {i % 24:02d}:00:00 GMT</pubDate>"
        f"<description>Summary of story {i} of feed {number}.</description></item>"
        for i in range(entries))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {number}</title>{items}'
            "</channel></rss>").encode()


def serve(port_queue, entries: int) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            number = int(self.path.rsplit("/", 1)[1].split(".")[0])
            etag = f'"{number}-1"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = feed_body(number, entries)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 1024

    server = Server(("127.0.0.1", 0), Handler)
    port_queue.put(server.server_address[1])
    server.serve_forever()


class FeedStore:
    def __init__(self) -> None:
        self.states: dict[str, FeedState] = {}

    def list_feeds(self):
        return list(self.states.values())

    def get(self, url):
        return self.states.get(url)

    def save(self, state):
        self.states[state.url] = state

    def add(self, url, title=None):
        return self.states.setdefault(url, FeedState(url=url, title=title)) is not None

    def remove(self, url):
        return self.states.pop(url, None) is not None


class EverythingStored:
    """A database that already holds every entry: the poller must not fetch any page."""

    def latest_versions(self, *, guids=(), canonical_urls=(), article_ids=()):
        return {guid: StoredVersion(guid, 1, "0" * 64) for guid in guids}


async def bench(port: int, feeds: int, concurrency: int) -> None:
    settings = Settings(allow_private_networks=True, respect_robots=False, per_host_delay_s=0.0,
                        per_host_concurrency=concurrency, fetch_concurrency=concurrency)
    urls = [f"http://127.0.0.1:{port}/feed/{n}.xml" for n in range(feeds)]
    published, dead = [], []
    async with Fetcher(settings) as fetcher:
        poller = Poller(settings, fetcher, FeedStore(), EverythingStored(), published.append, dead.append)
        gate = asyncio.Semaphore(concurrency)

        async def one(url: str):
            async with gate:
                return await poller.poll_feed(url)

        for name in ("first pass (200)", "second pass (304)"):
            cpu_before = _cpu_s()
            started = time.perf_counter()
            results = await asyncio.gather(*(one(url) for url in urls))
            wall = time.perf_counter() - started
            cpu = _cpu_s() - cpu_before
            statuses = {status: sum(r.status == status for r in results) for status in ("ok", "not_modified", "error")}
            print(f"{name:18s} {feeds / wall:8.0f} polls/s  {cpu * 1000 / feeds:6.2f} CPU ms/poll  "
                  f"wall {wall:5.2f}s  {statuses}")
    print(f"articles published: {len(published)} (expected 0), dead letters: {len(dead)}")
    print(poller.stats.status_line())


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=5, help="entries per feed")
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    ports = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(ports, args.entries), daemon=True)
    server.start()
    try:
        port = ports.get(timeout=10)
        print(f"{args.feeds} feeds x {args.entries} entries, concurrency {args.concurrency}, server pid {server.pid}")
        asyncio.run(bench(port, args.feeds, args.concurrency))
    finally:
        server.terminate()
        server.join(5)


if __name__ == "__main__":
    main()
