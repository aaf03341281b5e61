"""Archived feeds (``*.xml``) are read under the same size cap as a live fetch."""

from newswire.ingest.replay import MAX_FEED_BYTES, ArchivedItem, read_feed_archive, read_sources
from newswire.records import DeadLetterRecord
from newswire.settings import Settings

ENTRY = (b"<item><guid>g%d</guid><link>http://x.example/%d</link><title>Story %d</title>"
         b"<description>Text of story %d.</description></item>")


def feed(count: int, padding: bytes = b"") -> bytes:
    return (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Archive</title>'
            + b"".join(ENTRY % (i, i, i, i) for i in range(count)) + padding + b"</channel></rss>")


def test_the_cap_is_the_live_fetch_cap():
    assert MAX_FEED_BYTES == Settings().max_response_bytes == 10 * 1024 * 1024


def test_feed_under_the_cap_is_read(tmp_path):
    path = tmp_path / "small.xml"
    path.write_bytes(feed(3))
    items = list(read_feed_archive(path, max_bytes=len(feed(3))))
    assert [item.url for item in items] == [f"http://x.example/{i}" for i in range(3)]
    assert all(isinstance(item, ArchivedItem) for item in items)


def test_oversized_feed_archive_is_one_dead_letter_and_the_next_source_still_replays(tmp_path):
    big = tmp_path / "big.xml"
    big.write_bytes(feed(3, padding=b"<!--" + b"x" * MAX_FEED_BYTES + b"-->"))  # just over the default cap
    small = tmp_path / "small.xml"
    small.write_bytes(feed(2))
    pairs = list(read_sources([big, small]))  # (file, item)
    out = [item for _, item in pairs]
    dead = [item for item in out if isinstance(item, DeadLetterRecord)]
    assert len(dead) == 1 and dead[0].reason == "too_large" and dead[0].url == str(big)
    assert [source for source, item in pairs if isinstance(item, DeadLetterRecord)] == [str(big)]
    assert str(MAX_FEED_BYTES) in dead[0].error
    assert [item.url for item in out if isinstance(item, ArchivedItem)] == ["http://x.example/0", "http://x.example/1"]


def test_unreadable_feed_archive_is_a_dead_letter(tmp_path):
    folder = tmp_path / "a-folder.xml"
    folder.mkdir()
    (dead,) = read_feed_archive(folder)
    assert isinstance(dead, DeadLetterRecord) and dead.reason == "unreadable"


def test_a_users_cap_reaches_replay(tmp_path, monkeypatch):
    # NEWSWIRE_MAX_RESPONSE_BYTES, not only its default, caps archived feeds (replay passes the setting).
    monkeypatch.setenv("NEWSWIRE_MAX_RESPONSE_BYTES", str(len(feed(3)) - 1))
    path = tmp_path / "feed.xml"
    path.write_bytes(feed(3))
    (source, dead), = read_sources([path], Settings().max_response_bytes)
    assert source == str(path) and isinstance(dead, DeadLetterRecord) and dead.reason == "too_large"
    assert [item.url for _, item in read_sources([path])] == [f"http://x.example/{i}" for i in range(3)]
