"""Bad feeds through the real ingest stage: each ends in the feed's health (database) and as a dead
letter on the broker's dead-letter topic, and the stage keeps polling the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest_processes import IngestProcess, ingest_env, read_topic, rss, story_page, wait_for
from newswire.app.cli import app
from newswire.records import DeadLetterRecord, decode
from newswire.storage.db import make_engine, upgrade
from newswire.storage.feedstore import SqlFeedStore

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# feed path -> the reason its dead letter carries
EXPECTED = {
    "/malformed.xml": "malformed_feed",  # broken XML: entries recovered, the breakage reported
    "/page.xml": "not_a_feed",  # an HTML page where the feed should be
    "/empty.xml": "empty_body",
    "/huge.xml": "feed_truncated",  # 10,000 entries: the newest 500 read
    "/redirect/0": "too_many_redirects",  # an endless redirect chain
    "/trickle.xml": "timeout",  # a server sending a byte now and then
}
FAILING = {"/page.xml", "/empty.xml", "/redirect/0", "/trickle.xml"}


def redirect_to(location: str):
    def handle(request) -> None:
        request.send_response(302)
        request.send_header("Location", location)
        request.send_header("Content-Length", "0")
        request.end_headers()
    return handle


@pytest.mark.slow
def test_every_bad_feed_is_in_feed_health_and_on_the_dead_letter_topic(broker, site, slow_sender, tmp_path, unique):
    site.add("/good.xml", rss([("good-1", site.url("/articles/good.html"))]), content_type="application/rss+xml")
    site.add("/articles/good.html", story_page(1))
    malformed = (FIXTURES / "feeds" / "malformed.xml").read_bytes().replace(
        b"http://broken.example", site.url("/broken").encode())
    site.add("/malformed.xml", malformed, content_type="application/rss+xml")
    site.add("/broken/storm", story_page(2))
    site.add("/broken/bridge", story_page(3))
    site.add("/page.xml", (FIXTURES / "site" / "articles" / "a1.html").read_bytes(), content_type="text/html")
    site.add("/empty.xml", b"", content_type="application/rss+xml")
    huge = rss([(f"huge-{n}", site.url("/articles/huge.html")) for n in range(10_000)])
    site.add("/huge.xml", huge, content_type="application/rss+xml", etag='"huge-1"')
    site.add("/articles/huge.html", story_page(4))
    for n in range(20):
        site.routes[f"/redirect/{n}"] = redirect_to(f"/redirect/{n + 1}")
    site.routes["/trickle.xml"] = slow_sender([b"<?xml version='1.0'?><rss>"] + [b" "] * 9, 1.0,
                                              content_type="application/rss+xml")

    urls = {path: site.url(path) for path in [*EXPECTED, "/good.xml"]}
    feed_list = tmp_path / "feeds.txt"
    feed_list.write_text("\n".join(urls.values()) + "\n")
    database_url = f"sqlite:///{tmp_path / 'newswire.db'}"
    upgrade(database_url)
    engine = make_engine(database_url)
    store = SqlFeedStore(engine)
    deadletter_topic = f"t{unique}.newswire.deadletter.v1"
    ingest = IngestProcess(ingest_env(bootstrap=broker.bootstrap, prefix=unique, database_url=database_url,
                                      data_dir=tmp_path / "data", feeds=str(feed_list)),
                           tmp_path / "ingest.log").start()
    try:
        def dead_letters() -> dict[str, set[str]]:
            found: dict[str, set[str]] = {}
            for message in read_topic(broker.bootstrap, deadletter_topic, quiet_s=0.5):
                record = decode(DeadLetterRecord, message.value)
                found.setdefault(record.url, set()).add(record.reason)
            return found

        def all_reported() -> bool:
            found = dead_letters()
            return all(reason in found.get(urls[path], set()) for path, reason in EXPECTED.items())

        wait_for(all_reported, 60, "a dead letter for every bad feed", ingest)
        wait_for(lambda: all(store.get(urls[path]).consecutive_errors >= 2 for path in FAILING), 30,
                 "the failing feeds to fail twice", ingest)
        found = dead_letters()
        good_article = site.hits("/articles/good.html")
        assert ingest.stop() == 0
    finally:
        if ingest.alive():
            ingest.kill()

    for path, reason in EXPECTED.items():
        state = store.get(urls[path])
        assert state is not None and state.last_poll_at is not None, path
        assert state.last_error and reason in state.last_error, (path, state.last_error)
        dead = [r for r in found[urls[path]] if r == reason]
        assert dead, (path, found[urls[path]])
        if path in FAILING:  # counted as an error streak: backed off, unhealthy after five
            assert state.consecutive_errors >= 2 and state.last_success_at is None, path
            assert state.next_poll_at > state.last_poll_at
        else:  # works, degraded: entries read, the problem counted and shown
            assert state.consecutive_errors == 0 and state.healthy and state.last_success_at is not None, path
            assert state.extra["warning"] == reason and state.extra["warnings"] >= 1, path
            assert state.entries_seen > 0
    assert store.get(urls["/huge.xml"]).entries_seen == 500
    # The good feed was unaffected, and the degraded ones' articles were still fetched.
    assert store.get(urls["/good.xml"]).last_error is None and good_article == 1
    assert site.hits("/broken/storm") == 1 and site.hits("/articles/huge.html") == 1
    # A degraded feed is reported once per problem, not on every poll.
    reasons = [decode(DeadLetterRecord, m.value).reason for m in read_topic(broker.bootstrap, deadletter_topic)]
    assert reasons.count("malformed_feed") == 1 and reasons.count("feed_truncated") == 1

    # `newswire feeds status` shows all of it.
    result = CliRunner().invoke(app, ["feeds", "status", "--json"], catch_exceptions=False, env={
        "NEWSWIRE_DATABASE_URL": database_url, "NEWSWIRE_DATA_DIR": str(tmp_path), "NEWSWIRE_LOG_LEVEL": "WARNING"})
    assert result.exit_code == 0, result.output
    shown = {row["url"]: row for row in map(json.loads, result.stdout.splitlines())}
    for path, reason in EXPECTED.items():
        assert reason in shown[urls[path]]["last_error"]
    assert shown[urls["/huge.xml"]]["warning"] == "feed_truncated"
    engine.dispose()
