"""``newswire feeds``: the commands against a real database (a SQLite file and PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
    feeds("add", "https://news.example/rss.xml", "--title", "News", "--no-discover")
    assert "is followed already" in feeds("add", "https://news.example/rss.xml", "--no-discover").output
    feeds("add", "https://other.example/atom", "--no-discover")
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
    feeds("add", "https://feeds.example/world.xml", "--no-discover")
    state = store.get("https://feeds.example/world.xml")
    state.entries_seen, state.etag = 42, '"v1"'
    store.save(state)

    out = feeds("import", str(FEEDS / "list.opml")).output
    assert "3 added" not in out and "2 added, 1 already followed" in out
    out = feeds("import", str(FEEDS / "feeds.txt")).output
    assert "3 of 4 imported" in out and "1 added" in out and "duplicate of line 2" in out  # sport.xml#section is new
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


def test_import_of_a_list_with_a_bad_line_names_it_and_imports_the_rest(feeds, tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text("https://ok.example/feed\nnot a url\nhttps://ok.example/feed\n")
    out = feeds("import", str(broken)).output
    assert "skipped line 2: not an http(s) URL: 'not a url'" in out
    assert "skipped line 3: duplicate of line 1" in out
    assert "1 of 3 imported (1 added, 0 already followed); 2 skipped (1 not http(s), 1 duplicates)" in out
    assert listed(feeds("list")) == ["https://ok.example/feed"]


def test_import_of_nothing_usable_fails_and_of_no_opml_is_a_usage_error(feeds, tmp_path):
    useless = tmp_path / "useless.opml"
    useless.write_text('<opml><body><outline text="ftp" xmlUrl="ftp://files.example/feed"/></body></opml>')
    assert "0 of 1 imported" in feeds("import", str(useless), code=1).output
    rss = tmp_path / "feed.xml"
    rss.write_text('<rss version="2.0"><channel><title>x</title></channel></rss>')
    assert "expected <opml>" in feeds("import", str(rss), code=2).output
    assert listed(feeds("list")) == []


def test_status_shows_health_of_every_feed(feeds, store):
    now = datetime.now(timezone.utc)
    feeds("add", "https://good.example/feed", "--no-discover")
    feeds("add", "https://down.example/feed", "--no-discover")
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


def test_import_of_malformed_opml_imports_what_it_can_and_says_what_it_could_not(feeds, store, tmp_path):
    from tests.ingest.test_opml import MESSY

    messy = tmp_path / "messy.opml"
    messy.write_bytes(MESSY.encode("utf-8"))
    out = feeds("import", str(messy)).output
    assert "skipped line 13 'Only a homepage': no feed URL (xmlUrl)" in out
    assert "skipped line 15 'Script': not an http(s) URL: 'javascript:alert(1)'" in out
    assert "skipped line 17 'Valley Post again': duplicate of line 6" in out
    assert ("6 of 10 imported (6 added, 0 already followed); 4 skipped (1 without a feed URL, 2 not http(s), "
            "1 duplicates)") in out
    assert "bare & replaced" in out
    assert "https://valley.example/rss?section=local&format=xml" in listed(feeds("list"))
    assert store.get("https://gazette.example/feed?a=1&b=2").title == "Café Gazette"
    assert "6 of 10 imported (0 added, 6 already followed)" in feeds("import", str(messy)).output


@pytest.fixture
def local_site():
    from tests.ingest.conftest import LocalSite

    site = LocalSite()
    yield site
    site.close()


def test_add_a_page_finds_its_feed_and_says_so(database_url, tmp_path, store, local_site):
    from tests.ingest.test_discover import RSS, page

    home = local_site.add("/", page('<link rel="alternate" type="application/rss+xml" title="Main" href="/rss">'))
    local_site.add("/rss", RSS, content_type="application/rss+xml")
    env = {"NEWSWIRE_DATABASE_URL": database_url, "NEWSWIRE_DATA_DIR": str(tmp_path), "NEWSWIRE_FEEDS": "",
           "NEWSWIRE_LOG_LEVEL": "WARNING", "NEWSWIRE_ALLOW_PRIVATE_NETWORKS": "true", "NEWSWIRE_PER_HOST_DELAY_S": "0"}
    runner = CliRunner()
    result = runner.invoke(app, ["feeds", "add", home], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"-> {local_site.url('/rss')}: announced by the page (RSS): a feed 'Lakeside Ledger', 2 entries" in result.output
    assert f"{home}: the address given: no feed (not_a_feed" in result.output
    assert f"added {local_site.url('/rss')}" in result.output
    assert [state.url for state in store.list_feeds()] == [local_site.url("/rss")]
    assert store.get(local_site.url("/rss")).title == "Lakeside Ledger"

    del local_site.routes["/rss"]  # else found again as a usual path
    bare = local_site.add("/bare", page(""))
    result = runner.invoke(app, ["feeds", "add", bare], env=env, catch_exceptions=False)
    assert result.exit_code == 1 and f"no feed found for {bare}" in result.output
    assert "usual path /feeds/posts/default: no feed (http_404" in result.output
    assert len(store.list_feeds()) == 1


def test_refresh_makes_feeds_due_now_and_keeps_their_state(feeds, store):
    later = datetime.now(timezone.utc) + timedelta(hours=3)
    for url in ("https://a.example/rss", "https://b.example/rss"):
        feeds("add", url, "--no-discover")
        store.save(FeedState(url=url, etag='"e"', next_poll_at=later, consecutive_errors=2, entries_seen=9))
    before = datetime.now(timezone.utc)
    assert "1 feed due now" in feeds("refresh", "https://a.example/rss").output
    a, b = store.get("https://a.example/rss"), store.get("https://b.example/rss")
    assert before - timedelta(seconds=1) <= a.next_poll_at <= datetime.now(timezone.utc)
    assert a.etag == '"e"' and a.consecutive_errors == 2 and a.entries_seen == 9
    assert abs((b.next_poll_at - later).total_seconds()) < 1
    assert "2 feeds due now" in feeds("refresh", "--all").output
    assert store.get("https://b.example/rss").next_poll_at <= datetime.now(timezone.utc)
    assert "not followed" in feeds("refresh", "https://c.example/rss", code=1).output
    assert "give a feed URL or --all" in feeds("refresh", code=2).output


@pytest.mark.parametrize("argv", [["config", "show"], ["feeds", "list"], ["feeds", "add", "http://127.0.0.1:1/feed.xml"]])
def test_a_bad_setting_is_a_usage_error_naming_it_in_every_command(argv, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_FETCH_MAX_WAIT_MS="abc", NEWSWIRE_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "newswire", *argv], capture_output=True, text=True, timeout=120,
                          env=env, cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "bad setting: NEWSWIRE_FETCH_MAX_WAIT_MS" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
