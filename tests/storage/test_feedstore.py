from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newswire.feeds import FeedState, StoredVersion
from newswire.storage.feedstore import SqlFeedStore
from newswire.storage.writer import RecordWriter


def test_feed_state_round_trip_with_aware_times(engine):
    store = SqlFeedStore(engine)
    assert store.add("https://news.example/feed.xml", "Example News")
    assert not store.add("https://news.example/feed.xml", "Another title")  # followed already
    assert store.get("https://news.example/feed.xml").title == "Example News"

    polled = datetime(2026, 3, 1, 14, 30, tzinfo=timezone(timedelta(hours=2)))  # 12:30 UTC
    state = FeedState(
        url="https://news.example/feed.xml", title="Example News", etag='W/"abc"',
        last_modified="Sun, 01 Mar 2026 12:00:00 GMT", last_poll_at=polled,
        next_poll_at=polled + timedelta(minutes=15), last_success_at=datetime(2026, 3, 1, 12, 30),  # naive = UTC
        consecutive_errors=2, last_error="timeout: read", entries_seen=40, entries_per_day=12.5,
        interval_s=900.0, healthy=False, extra={"ttl": 30, "skipHours": [1, 2]},
    )
    store.save(state)
    loaded = store.get(state.url)
    assert loaded.last_poll_at == polled and loaded.last_poll_at.tzinfo is not None
    assert loaded.last_poll_at.utcoffset() == timedelta(0)
    assert loaded.last_success_at == datetime(2026, 3, 1, 12, 30, tzinfo=timezone.utc)
    expected = {**vars(state), "last_success_at": loaded.last_success_at}
    assert vars(loaded) == expected

    store.add("https://a.example/rss")
    assert [f.url for f in store.list_feeds()] == ["https://a.example/rss", "https://news.example/feed.xml"]
    assert store.get("https://a.example/rss") == FeedState(url="https://a.example/rss")
    assert store.remove("https://a.example/rss") and not store.remove("https://a.example/rss")
    assert store.get("https://a.example/rss") is None


def test_latest_versions_by_guid_url_and_id(engine, records):
    v1 = records.article(n=1, version=1)
    v2 = records.article(n=1, version=2, text="changed text", guid="guid-1")
    other = records.article(n=2)
    RecordWriter(engine).write([v1, v2, other])
    store = SqlFeedStore(engine)

    newest = StoredVersion(v2.article_id, 2, v2.content_hash)
    found = store.latest_versions(guids=["guid-1", "guid-unknown"], canonical_urls=[v1.canonical_url],
                                  article_ids=[other.article_id, "f" * 64])
    assert found == {
        "guid-1": newest,
        v1.canonical_url: newest,
        other.article_id: StoredVersion(other.article_id, 1, other.content_hash),
    }
    assert store.latest_versions() == {}
