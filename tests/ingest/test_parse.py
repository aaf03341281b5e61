import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ingest.parse import parse_feed
from newswire.errors import PermanentFetchError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


def test_rss_entries_links_dates_and_hints():
    feed = parse_feed((FIXTURES / "site" / "feed.xml").read_bytes(), "http://127.0.0.1:8080/feed.xml")
    assert feed.title == "Harbour Times - World"
    assert feed.error is None
    assert [entry.guid for entry in feed.entries] == ["harbourtimes-a1", "harbourtimes-a2", "harbourtimes-a3"]
    first = feed.entries[0]
    assert first.link == "http://127.0.0.1:8080/articles/a1.html?utm_source=rss&utm_medium=feed"
    assert first.title == "Earthquake kills at least 12 in Port Ellis"
    assert first.published_at == utc(2025, 3, 2, 8, 30)
    assert first.summary.startswith("At least 12 people were killed")
    assert feed.hints.ttl_s == 15 * 60
    assert feed.hints.update_period_s == 3600 / 4


def test_atom_entries_are_utc_and_relative_links_resolved():
    feed = parse_feed((FIXTURES / "feeds" / "atom.xml").read_bytes(), "http://ledger.example/atom.xml")
    ferry, talks = feed.entries
    assert ferry.guid == "tag:ledger.example,2025:ferry-1"
    assert ferry.published_at == utc(2025, 4, 10, 7, 15)
    assert ferry.updated_at == utc(2025, 4, 10, 9, 0)
    assert ferry.summary == "At least 9 passengers are missing , the coast guard said." or \
        ferry.summary.startswith("At least 9 passengers are missing")
    assert talks.link == "http://ledger.example/news/talks"
    assert talks.published_at is None and talks.updated_at == utc(2025, 4, 9, 18, 30)


def test_malformed_xml_recovers_entries_and_records_the_error():
    feed = parse_feed((FIXTURES / "feeds" / "malformed.xml").read_bytes(), "http://broken.example/rss")
    assert [entry.guid for entry in feed.entries] == ["broken-storm", "broken-bridge"]
    assert feed.entries[0].title == "Storm & flood warnings issued"
    assert feed.error and "SAXParseException" in feed.error


def test_schedule_hints_skip_hours_and_days():
    feed = parse_feed((FIXTURES / "feeds" / "schedule_hints.xml").read_bytes(), "http://quiet.example/rss")
    assert feed.hints.ttl_s == 120 * 60
    assert feed.hints.update_period_s == 86400 / 4
    assert feed.hints.skip_hours == {0, 1, 2, 3}
    assert feed.hints.skip_days == {5, 6}


def test_html_page_is_not_a_feed():
    html = (FIXTURES / "site" / "articles" / "a1.html").read_bytes()
    with pytest.raises(PermanentFetchError) as caught:
        parse_feed(html, "http://127.0.0.1/feed")
    assert caught.value.reason == "not_a_feed"


@pytest.mark.parametrize("body", [b"", b"  \n\t "])
def test_empty_body(body):
    with pytest.raises(PermanentFetchError) as caught:
        parse_feed(body, "http://127.0.0.1/feed")
    assert caught.value.reason == "empty_body"


def test_body_that_looks_like_a_path_is_never_opened():
    # feedparser opens a bytes argument as a file name if it can; parse_feed must not let it.
    with pytest.raises(PermanentFetchError):
        parse_feed(b"/etc/hostname", "http://127.0.0.1/feed")


def test_huge_feed_is_capped_to_the_newest_entries_in_bounded_time():
    items = b"".join(
        b"<item><guid>g%d</guid><link>http://x.example/%d</link><title>t%d</title>"
        b"<pubDate>%s</pubDate></item>" % (i, i, i, time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(1.7e9 + i * 60)).encode())
        for i in range(10_000)
    )
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>' + items + b"</channel></rss>"
    started = time.perf_counter()
    feed = parse_feed(body, "http://x.example/rss", max_entries=500)
    assert time.perf_counter() - started < 20
    assert feed.total_entries == 10_000
    assert len(feed.entries) == 500
    assert feed.entries[0].guid == "g9999" and feed.entries[-1].guid == "g9500"
