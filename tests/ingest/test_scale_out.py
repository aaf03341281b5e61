"""Two ingest processes share one feed list: each feed is polled by one of them; when one dies, the
other takes its feeds over. Real processes, the real embedded broker, a real SQLite database."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

import pytest

from newswire.storage.db import upgrade
from ingest_processes import IngestProcess, ingest_env, rss, story_page, wait_for

FEEDS = 20


class PollLog:
    """Which process (by User-Agent) fetched which feed, when."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.polls: list[tuple[float, str, str]] = []  # (monotonic time, feed path, user agent)

    def handler(self, body: bytes):
        def handle(request) -> None:
            with self.lock:
                self.polls.append((time.monotonic(), request.path, request.headers.get("User-Agent", "")))
            request.send_response(200)
            request.send_header("Content-Type", "application/rss+xml")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        return handle

    def since(self, started: float) -> dict[str, set[str]]:
        """Feed path -> the user agents that polled it at or after ``started``."""
        polled: dict[str, set[str]] = defaultdict(set)
        with self.lock:
            for at, path, agent in self.polls:
                if at >= started:
                    polled[path].add(agent)
        return polled


@pytest.mark.slow
def test_two_processes_split_the_feeds_and_one_takes_over_when_the_other_dies(broker, site, tmp_path, unique):
    polls = PollLog()
    paths = [f"/feeds/{n}.xml" for n in range(FEEDS)]
    for n, path in enumerate(paths):
        site.routes[path] = polls.handler(rss([(f"s{n}", site.url(f"/articles/{n}.html"))]))
        site.add(f"/articles/{n}.html", story_page(n))
    feed_list = tmp_path / "feeds.txt"
    feed_list.write_text("".join(site.url(path) + "\n" for path in paths))
    database_url = f"sqlite:///{tmp_path / 'newswire.db'}"
    upgrade(database_url)

    agents = {"A": "newswire-test-A", "B": "newswire-test-B"}
    processes = {
        name: IngestProcess(ingest_env(bootstrap=broker.bootstrap, prefix=unique, database_url=database_url,
                                       data_dir=tmp_path / name, feeds=str(feed_list), user_agent=agent),
                            tmp_path / f"ingest-{name}.log").start()
        for name, agent in agents.items()
    }
    a, b = processes["A"], processes["B"]
    try:
        # A stable split: both own feeds, together all of them, unchanged for 3 s.
        def split() -> tuple[int, int] | None:
            owned = (a.status().get("feeds_assigned", 0), b.status().get("feeds_assigned", 0))
            return owned if all(owned) and sum(owned) == FEEDS else None

        seen = {"value": None, "since": 0.0}

        def stable() -> bool:
            current = (split(), a.status().get("feed_partitions"), b.status().get("feed_partitions"))
            if current != seen["value"]:
                seen.update(value=current, since=time.monotonic())
            return current[0] is not None and time.monotonic() - seen["since"] >= 3

        wait_for(stable, 45, "a stable split of the feeds between A and B", a, b)
        owned = split()

        window = time.monotonic()
        wait_for(lambda: len(polls.since(window)) == FEEDS and time.monotonic() - window >= 8, 20,
                 "every feed polled in the window", a, b)
        polled = polls.since(window)
        assert split() == owned, "the assignment changed during the window"
        shared = {path: agents_ for path, agents_ in polled.items() if len(agents_) > 1}
        assert not shared, f"feeds polled by both processes: {shared}"
        by_agent = defaultdict(set)
        for path, agents_ in polled.items():
            by_agent[next(iter(agents_))].add(path)
        assert set(by_agent) == set(agents.values()), f"one process polled everything: {dict(by_agent)}"
        assert {len(by_agent[agents["A"]]), len(by_agent[agents["B"]])} == set(owned)

        # B dies without a word: within 30 s A polls every feed, B's included.
        b.kill()
        killed = time.monotonic()
        wait_for(lambda: {path for path, agents_ in polls.since(killed).items() if agents["A"] in agents_}
                 == set(paths), 30, "A to poll every feed after B died", a)
        taken_over_in = time.monotonic() - killed
        wait_for(lambda: a.status().get("feeds_assigned") == FEEDS, 3, "A's status to show every feed", a)
        assert all(agents_ == {agents["A"]} for agents_ in polls.since(killed + 0.5).values())
        print(f"A polled all {FEEDS} feeds {taken_over_in:.1f} s after B was killed")
        assert a.stop() == 0
    finally:
        for process in processes.values():
            if process.alive():
                process.kill()
