from pathlib import Path

import pytest

from newswire.ingest.feedlist import DEFAULT_FEEDS_FILE, load_feed_list, parse_opml
from newswire.ingest.feedspec import FeedSpec
from newswire.errors import ConfigError

FEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"


def test_opml_file_flattens_folders_and_keeps_titles():
    feeds = load_feed_list([str(FEEDS / "list.opml")])
    assert feeds == [
        FeedSpec("https://feeds.example/world.xml", "World wire"),
        FeedSpec("https://feeds.example/business.xml", "Business desk"),
        FeedSpec("https://feeds.example/science.xml", "Science"),
    ]


def test_plain_list_skips_comments_and_duplicates_and_keeps_fragments():
    feeds = load_feed_list([str(FEEDS / "feeds.txt")])
    assert [feed.url for feed in feeds] == [
        "https://feeds.example/world.xml",
        "https://feeds.example/business.xml",
        "https://feeds.example/sport.xml#section",
    ]


def test_urls_files_mixed_in_order_without_duplicates():
    feeds = load_feed_list(["https://a.example/rss", str(FEEDS / "list.opml"), "https://feeds.example/world.xml"])
    assert [feed.url for feed in feeds][:2] == ["https://a.example/rss", "https://feeds.example/world.xml"]
    assert len(feeds) == 4


def test_no_specs_means_the_bundled_list():
    feeds = load_feed_list([])
    assert DEFAULT_FEEDS_FILE.is_file()
    assert len(feeds) >= 10
    assert all(feed.url.startswith(("https://", "http://")) and feed.title for feed in feeds)
    assert "https://feeds.bbci.co.uk/news/world/rss.xml" in {feed.url for feed in feeds}


@pytest.mark.parametrize("content, message", [
    (b"<opml><body><outline xmlUrl='ftp://x/feed'/></body></opml>", r"not an http\(s\) URL"),
    (b"<opml><body><outline", "not valid OPML"),
    (b"<rss version='2.0'/>", "expected <opml>"),
])
def test_bad_opml_is_a_config_error(tmp_path, content, message):
    path = tmp_path / "bad.opml"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=message):
        load_feed_list([str(path)])


def test_bad_line_in_plain_list_names_the_line(tmp_path):
    path = tmp_path / "feeds.txt"
    path.write_text("https://ok.example/rss\nnot a url\n")
    with pytest.raises(ConfigError, match=r"line 2: 'not a url'"):
        load_feed_list([str(path)])


def test_missing_file_is_a_config_error():
    with pytest.raises(ConfigError, match="neither an http"):
        load_feed_list(["/no/such/feeds.opml"])


def test_parse_opml_bytes_for_feeds_import():
    assert parse_opml((FEEDS / "list.opml").read_bytes())[0].url == "https://feeds.example/world.xml"
