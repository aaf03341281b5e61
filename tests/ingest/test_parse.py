import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newswire.ingest.parse import bound_entries, parse_feed
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


def rss_items(count: int, *, newest_first: bool = True, extra: bytes = b"") -> bytes:
    """RSS with ``count`` dated entries g0..g{count-1}; g0 is the newest when ``newest_first``."""
    def item(i: int) -> bytes:
        minutes = count - i if newest_first else i
        date = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(1.7e9 + minutes * 60)).encode()
        return b"<item><guid>g%d</guid><link>http://x.example/%d</link><title>t%d</title><pubDate>%s</pubDate>%s</item>" % (
            i, i, i, date, extra)
    return (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Big</title>'
            + b"".join(item(i) for i in range(count)) + b"<ttl>30</ttl></channel></rss>")


def test_feedparser_never_reads_the_whole_of_a_huge_entry_list(monkeypatch):
    from newswire.ingest import parse

    seen: list[int] = []
    real = parse.feedparser.parse

    def counting(stream, **kwargs):
        result = real(stream, **kwargs)
        seen.append(len(result.entries))
        return result
    monkeypatch.setattr(parse.feedparser, "parse", counting)
    feed = parse_feed(rss_items(50_000), "http://x.example/rss", max_entries=500)
    assert seen == [1000]  # the first and the last 500
    assert feed.total_entries == 50_000
    assert [entry.guid for entry in feed.entries] == [f"g{i}" for i in range(500)]
    assert feed.hints.ttl_s == 30 * 60  # channel elements after the items survive the cut


def test_cut_of_an_oldest_first_feed_keeps_the_newest():
    feed = parse_feed(rss_items(3000, newest_first=False), "http://x.example/rss", max_entries=100)
    assert feed.total_entries == 3000
    assert [entry.guid for entry in feed.entries] == [f"g{i}" for i in range(2999, 2899, -1)]


def test_items_inside_cdata_and_comments_are_not_entries():
    fake = b"<description><![CDATA[<item><title>fake</title></item> <entry>no</entry>]]></description><!-- <item> -->"
    feed = parse_feed(rss_items(10, extra=fake), "http://x.example/rss", max_entries=2)
    assert feed.total_entries == 10
    assert [entry.guid for entry in feed.entries] == ["g0", "g1"]
    assert all(entry.title != "fake" for entry in feed.entries)


def test_atom_entries_with_a_prefix_are_cut_too():
    entries = b"".join(b"<a:entry><a:id>e%d</a:id><a:title>t</a:title><a:link href='http://x.example/%d'/>"
                       b"<a:updated>2025-03-01T%02d:00:00Z</a:updated></a:entry>" % (i, i, 23 - i) for i in range(24))
    body = b'<?xml version="1.0"?><a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>A</a:title>' + entries + b"</a:feed>"
    feed = parse_feed(body, "http://x.example/atom", max_entries=3)
    assert feed.total_entries == 24 and [entry.guid for entry in feed.entries] == ["e0", "e1", "e2"]


def test_utf16_feed_with_a_bom_is_cut_and_still_decoded():
    body = rss_items(300).decode().replace("utf-8", "utf-16").replace("<title>t1</title>", "<title>t1 \u00e9t\u00e9</title>")
    feed = parse_feed(body.encode("utf-16"), "http://x.example/rss", max_entries=50)
    assert feed.total_entries == 300 and len(feed.entries) == 50
    assert feed.entries[1].title == "t1 \u00e9t\u00e9"


def test_an_unclosed_cdata_section_at_the_end_does_not_stop_the_cut():
    body = rss_items(30).replace(b"</channel>", b"<![CDATA[ never closed </channel>")
    assert bound_entries(body, 5)[1] == 20
    feed = parse_feed(body, "http://x.example/rss", max_entries=5)
    assert len(feed.entries) == 5 and feed.entries[0].guid == "g0" and feed.total_entries == 30


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le", "iso-2022-jp", "cp037"])
def test_feeds_in_encodings_where_bytes_lie_are_cut_as_text(encoding):
    body = rss_items(40).decode().replace("utf-8", encoding).replace("<title>t1</title>", "<title>t1 日本</title>")
    data = body.encode(encoding) if encoding != "cp037" else body.replace("日本", "ok").encode(encoding)
    bounded, dropped = bound_entries(data, 5)
    assert dropped == 30
    assert bounded.decode(encoding).count("<item>") == 10 and "<guid>g1</guid>" in bounded.decode(encoding)


def test_a_false_encoding_declaration_does_not_stop_the_cut():
    body = rss_items(40).replace(b'encoding="utf-8"', b'encoding="utf-16"')
    assert bound_entries(body, 5)[1] == 30


@pytest.mark.parametrize("link", ["http://[::1/story", "http://x.example:99999/story"])
def test_an_unusable_link_is_kept_aside_not_raised(link):
    body = rss_items(2).replace(b"<link>http://x.example/0</link>", f"<link>{link}</link>".encode())
    feed = parse_feed(body, "http://x.example/rss")
    assert feed.entries[0].link is None and feed.entries[0].bad_link == link
    assert feed.entries[1].link == "http://x.example/1"


# --- JSON Feed 1.0 / 1.1 -------------------------------------------------------------------------

def json_feed(version: str, items: list) -> bytes:
    import json

    return json.dumps({"version": f"https://jsonfeed.org/version/{version}", "title": "Quay &amp; Harbour",
                       "home_page_url": "https://quay.example/", "items": items}).encode()


def test_json_feed_1_1_items_map_to_entries():
    body = json_feed("1.1", [
        {"id": "q-1", "url": "/news/ferry-strike", "title": "Ferry  crews <b>strike</b>",
         "date_published": "2026-02-03T09:15:00+01:00", "date_modified": "2026-02-03T10:00:00Z",
         "content_html": "<p>Crews walked out at dawn.</p>", "summary": "Crews walked out."},
        {"id": 42, "external_url": "https://elsewhere.example/story", "content_text": "No title here.",
         "date_published": "Tue, 03 Feb 2026 07:00:00 GMT"},
        "not an item",
    ])
    feed = parse_feed(body, "https://quay.example/feed.json", content_type="application/feed+json")
    assert feed.title == "Quay & Harbour" and feed.error is None and feed.total_entries == 2
    first, second = feed.entries
    assert first.guid == "q-1" and first.link == "https://quay.example/news/ferry-strike"
    assert first.title == "Ferry crews strike" and first.summary == "Crews walked out."
    assert first.published_at == utc(2026, 2, 3, 8, 15) and first.updated_at == utc(2026, 2, 3, 10, 0)
    assert first.content_html == "<p>Crews walked out at dawn.</p>"
    assert second.guid == "42" and second.link == "https://elsewhere.example/story" and second.title is None
    assert second.summary == "No title here." and second.published_at == utc(2026, 2, 3, 7, 0)


def test_json_feed_1_0_without_label_is_read_by_its_first_byte():
    body = b"\n  " + json_feed("1", [{"id": "a", "url": "https://quay.example/a", "title": "A"}])
    feed = parse_feed(body, "https://quay.example/feed", content_type="text/plain")
    assert [entry.title for entry in feed.entries] == ["A"]


def test_json_feed_is_capped_newest_first():
    items = [{"id": str(n), "url": f"https://quay.example/{n}", "date_published": f"2026-01-{n:02d}T00:00:00Z"}
             for n in range(1, 29)]
    feed = parse_feed(json_feed("1.1", items), "https://quay.example/feed.json", max_entries=5)
    assert feed.total_entries == 28
    assert [entry.guid for entry in feed.entries] == ["28", "27", "26", "25", "24"]


@pytest.mark.parametrize("body, reason", [
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1",', "malformed_feed"),
    (b'{"version": "https://jsonfeed.org/version/1", "items": [' + b"[" * 100_000, "malformed_feed"),
    (b'{"version": "https://jsonfeed.org/version/1", "title": "\xff\xfe"}', "malformed_feed"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', "not_a_feed"),
    (b'{"version": "2.0", "items": []}', "not_a_feed"),
    (b'[1, 2, 3]', "not_a_feed"),
])
def test_broken_json_feeds_are_permanent_errors(body, reason):
    with pytest.raises(PermanentFetchError) as caught:
        parse_feed(body, "https://quay.example/feed.json", content_type="application/json")
    assert caught.value.reason == reason


def test_dates_in_other_languages_and_atom_ids_that_are_no_links():
    body = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Multilingue</title>
      <item><guid>it</guid><link>https://m.example/it</link><pubDate>mer, 16 nov 2022 00:38:15 +0100</pubDate></item>
      <item><guid>pt</guid><link>https://m.example/pt</link><pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate></item>
      <item><guid>de</guid><link>https://m.example/de</link><pubDate>Do, 03 Okt 2019 12:00:00 GMT</pubDate></item>
      <item><guid>fr</guid><link>https://m.example/fr</link><pubDate>lun., 5 déc. 2022 10:00:00 +0100</pubDate></item>
      <item><guid>no</guid><link>https://m.example/no</link><pubDate>sometime soon</pubDate></item>
      <item><guid>pm</guid><link>https://m.example/pm</link><pubDate>Sat, Dec 16 2023 02:02:33 PM</pubDate></item>
      <item><guid>am</guid><link>https://m.example/am</link><pubDate>Sat, 16 Dec 2023 12:10 AM -0500</pubDate></item>
    </channel></rss>""".encode()
    dates = [entry.published_at for entry in parse_feed(body, "https://m.example/rss").entries]
    assert dates == [utc(2022, 11, 15, 23, 38, 15), utc(2018, 9, 24, 22, 42, 40), utc(2019, 10, 3, 12, 0),
                     utc(2022, 12, 5, 9, 0), None, utc(2023, 12, 16, 14, 2, 33), utc(2023, 12, 16, 5, 10)]

    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Ids</title>
      <entry><id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id><title>No link</title></entry>
      <entry><id>tag:m.example,2026:1</id><title>Tag</title><link href="/posts/1"/></entry></feed>"""
    first, second = parse_feed(atom, "https://m.example/atom").entries
    assert first.link is None and first.guid.startswith("urn:uuid:")
    assert second.link == "https://m.example/posts/1"
