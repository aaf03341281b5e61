"""``newswire feeds``: the commands against a real database (a SQLite file and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newswire.app.cli import app
from newswire.feeds import FeedState
from newswire.storage.db import make_engine
from newswire.storage.feedstore import SqlFeedStore

FEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"


@pytest.fixture
def feeds(database_url, tmp_path):
    """Run ``newswire feeds ...`` on the test database; returns the click Result."""
    runner = CliRunner()
    env = {"NEWSWIRE_DATABASE_URL": database_url, "NEWSWIRE_DATA_DIR": str(tmp_path), "NEWSWIRE_FEEDS": "",
           "NEWSWIRE_LOG_LEVEL": "WARNING"}

    def run(*args: str, code: int = 0):
        result = runner.invoke(app, ["feeds", *args], env=env, catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result
    return run


@pytest.fixture
def store(database_url):
    engine = make_engine(database_url)
    yield SqlFeedStore(engine)
    engine.dispose()


def listed(result) -> list[str]:
    return [line.split()[0] for line in result.stdout.splitlines() if line.strip()]


def test_add_list_remove(feeds, store):
    feeds("add", "https://news.example/rss.xml", "--title", "News")
    assert "is followed already" in feeds("add", "https://news.example/rss.xml").output
    feeds("add", "https://other.example/atom")
    assert feeds("list").stdout.splitlines() == ["https://news.example/rss.xml  # News", "https://other.example/atom"]
    assert store.get("https://news.example/rss.xml").title == "News"

    assert "removed" in feeds("remove", "https://other.example/atom").output
    assert listed(feeds("list")) == ["https://news.example/rss.xml"]
    assert "not followed" in feeds("remove", "https://other.example/atom", code=1).output


def test_add_refuses_what_is_not_an_http_url(feeds):
    assert "not an http(s) URL" in feeds("add", "ftp://news.example/feed", code=2).output
    assert "not an http(s) URL" in feeds("add", "news.example/feed", code=2).output
    assert listed(feeds("list")) == []


def test_import_opml_and_plain_list_keeps_existing_state(feeds, store):
    feeds("add", "https://feeds.example/world.xml")
    state = store.get("https://feeds.example/world.xml")
    state.entries_seen, state.etag = 42, '"v1"'
    store.save(state)

    out = feeds("import", str(FEEDS / "list.opml")).output
    assert "3 added" not in out and "2 added, 1 already followed" in out
    out = feeds("import", str(FEEDS / "feeds.txt")).output
    assert "3 feeds" in out and "1 added" in out  # sport.xml#section is new
    assert listed(feeds("list")) == [
        "https://feeds.example/business.xml", "https://feeds.example/science.xml",
        "https://feeds.example/sport.xml#section", "https://feeds.example/world.xml"]
    kept = store.get("https://feeds.example/world.xml")
    assert kept.entries_seen == 42 and kept.etag == '"v1"'
    assert store.get("https://feeds.example/business.xml").title == "Business desk"



@pytest.mark.parametrize("form", [[], ["--opml"]])
def test_what_list_prints_import_reads_back(feeds, store, tmp_path, form):
    feeds("import", str(FEEDS / "list.opml"))
    exported = tmp_path / "exported"
    exported.write_text(feeds("list", *form).stdout)
    for url in listed(feeds("list")):
        feeds("remove", url)
    assert "3 added" in feeds("import", str(exported)).output
    assert listed(feeds("list")) == ["https://feeds.example/business.xml", "https://feeds.example/science.xml",
                                     "https://feeds.example/world.xml"]
    if form:  # OPML keeps the titles too
        assert feeds("list", *form).stdout == exported.read_text()
        assert store.get("https://feeds.example/business.xml").title == "Business desk"


def test_import_of_a_broken_file_names_it(feeds, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text("https://ok.example/feed\nnot a url\n")
    assert "line 2" in feeds("import", str(broken), code=2).output
    assert listed(feeds("list")) == []


def test_status_shows_health_of_every_feed(feeds, store):
    now = datetime.now(timezone.utc)
    feeds("add", "https://good.example/feed")
    feeds("add", "https://down.example/feed")
    store.save(FeedState(url="https://good.example/feed", last_poll_at=now - timedelta(minutes=5),
                         next_poll_at=now + timedelta(minutes=10), last_success_at=now - timedelta(minutes=5),
                         entries_seen=120, entries_per_day=36.5, interval_s=900))
    store.save(FeedState(url="https://down.example/feed", last_poll_at=now - timedelta(minutes=1),
                         next_poll_at=now + timedelta(hours=2), consecutive_errors=7, healthy=False,
                         last_error="http_503: Service Unavailable", interval_s=7200))

    result = feeds("status")
    table = result.stdout
    for header in ("url", "healthy", "last poll", "next poll", "errors", "last error", "entries seen",
                   "entries/day", "interval"):
        assert header in table
    good = next(line for line in table.splitlines() if "good.example" in line)
    down = next(line for line in table.splitlines() if "down.example" in line)
    assert "yes" in good and "5m ago" in good and "in 10m" in good and "120" in good and "36.5" in good
    assert "15m" in good
    assert "NO" in down and " 7 " in down and "http_503" in down and "in 2h" in down
    assert "2 feeds, 1 unhealthy" in result.output

    rows = [json.loads(line) for line in feeds("status", "--json").stdout.splitlines()]
    by_url = {row["url"]: row for row in rows}
    assert by_url["https://down.example/feed"]["consecutive_errors"] == 7
    assert by_url["https://good.example/feed"]["entries_per_day"] == 36.5
    assert by_url["https://good.example/feed"]["last_poll_at"].endswith("Z")
    unhealthy = [json.loads(line)["url"] for line in feeds("status", "--unhealthy", "--json").stdout.splitlines()]
    assert unhealthy == ["https://down.example/feed"]


def test_status_of_an_empty_database(feeds):
    assert "0 feeds" in feeds("status").output
