"""OPML as exported by readers in the wild: malformed, mislabelled, repetitive. Written for these tests."""

from __future__ import annotations

import pytest

from newswire.ingest.feedlist import read_list_file
from newswire.ingest.feedspec import FeedSpec
from newswire.ingest.opml import read_opml

MESSY = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
<head><title>Desk subscriptions &nbsp;&mdash; exported</title></head>
<body>
  <outline text="Regional">
    <outline text="Valley Post" type="rss" xmlUrl="https://valley.example/rss?section=local&format=xml"/>
    <outline text="Caf&eacute; Gazette" type="rss" xmlurl="https://gazette.example/feed?a=1&amp;b=2"/>
    <br>
    <outline text="Deep">
      <outline text="Harbour &bogus; Log" XMLURL="http://harbour.example/log.xml"/>
    </outline>
  </outline>
  <outline text="Only a homepage" htmlUrl="https://homepage.example/"/>
  <outline text="An FTP feed" xmlUrl="ftp://files.example/feed.xml"/>
  <outline text="Script" xmlUrl="javascript:alert(1)"/>
  <outline text="Podcast app link" xmlUrl="feed://pods.example/episodes.rss"/>
  <outline text="Valley Post again" xmlUrl="https://valley.example/rss?section=local&format=xml"/>
  <outline text="Unclosed" xmlUrl="https://unclosed.example/atom">
  </div>
  <outline text="Spaces" xmlUrl="  https://spaces.example/feed.xml  "/>
</body>
</opml>
"""


def test_messy_opml_gives_every_usable_feed_and_each_unusable_outline_with_its_reason():
    report = read_opml(MESSY.encode("utf-8"), "messy.opml")
    assert report.fatal is None
    assert report.feeds == [
        FeedSpec("https://valley.example/rss?section=local&format=xml", "Valley Post"),
        FeedSpec("https://gazette.example/feed?a=1&b=2", "Café Gazette"),
        FeedSpec("http://harbour.example/log.xml", "Harbour &bogus; Log"),
        FeedSpec("http://pods.example/episodes.rss", "Podcast app link"),
        FeedSpec("https://unclosed.example/atom", "Unclosed"),
        FeedSpec("https://spaces.example/feed.xml", "Spaces"),
    ]
    assert [(skipped.line, skipped.kind) for skipped in report.skipped] == [
        (13, "no_url"), (14, "not_http"), (15, "not_http"), (17, "duplicate")]
    assert str(report.skipped[0]) == ("line 13 'Only a homepage': no feed URL (xmlUrl), only the page "
                                      "'https://homepage.example/'")
    assert str(report.skipped[1]) == "line 14 'An FTP feed': not an http(s) URL: 'ftp://files.example/feed.xml'"
    assert str(report.skipped[3]) == "line 17 'Valley Post again': duplicate of line 6"
    assert report.outlines == 10  # the two groups are not counted: their outlines are
    assert any("bare &" in repair for repair in report.repairs)
    assert any("HTML entities" in repair for repair in report.repairs)


def test_a_wrong_encoding_declaration_does_not_garble_titles():
    latin1_said_utf8 = ('<?xml version="1.0" encoding="UTF-8"?><opml><body>'
                        '<outline text="Zürich Zeitung" xmlUrl="https://zz.example/rss"/></body></opml>').encode("latin-1")
    utf8_said_latin1 = ('<?xml version="1.0" encoding="ISO-8859-1"?><opml><body>'
                        '<outline text="Łódź Daily" xmlUrl="https://lodz.example/rss"/></body></opml>').encode("utf-8")
    windows = ('<?xml version="1.0" encoding="windows-1250"?><opml><body>'
               '<outline text="Brněnský deník" xmlUrl="https://brno.example/rss"/></body></opml>').encode("cp1250")
    assert read_opml(latin1_said_utf8).feeds == [FeedSpec("https://zz.example/rss", "Zürich Zeitung")]
    assert read_opml(utf8_said_latin1).feeds == [FeedSpec("https://lodz.example/rss", "Łódź Daily")]
    assert read_opml(windows).feeds == [FeedSpec("https://brno.example/rss", "Brněnský deník")]
    assert any("read as UTF-8" in repair for repair in read_opml(utf8_said_latin1).repairs)


def test_utf16_with_a_byte_order_mark():
    body = '<?xml version="1.0" encoding="UTF-16"?><opml><body><outline text="Wide" xmlUrl="https://w.example/f"/></body></opml>'
    assert read_opml(body.encode("utf-16")).feeds == [FeedSpec("https://w.example/f", "Wide")]


def test_outlines_after_markup_the_parser_gives_up_on_are_not_lost():
    broken = b"""<opml><body>
      <outline text="First" xmlUrl="https://one.example/rss"/>
    </body></opml>
    <outline text="After the end" xmlUrl="https://two.example/rss"/>
    <outline text='Single quotes' xmlUrl='https://three.example/rss'/>
    <!-- <outline text="Commented out" xmlUrl="https://four.example/rss"/> -->
    """
    report = read_opml(broken)
    assert [feed.url for feed in report.feeds] == [
        "https://one.example/rss", "https://two.example/rss", "https://three.example/rss"]
    assert any("1 of the 3 <outline> tags" in repair for repair in report.repairs)


@pytest.mark.parametrize("data, message", [
    (b"<rss version='2.0'><channel/></rss>", "expected <opml>"),
    (b"\x00\x01garbage", "not valid OPML"),
    (b"<", "not valid OPML"),
])
def test_what_is_no_opml_at_all_is_fatal(data, message):
    report = read_opml(data, "x.opml")
    assert report.fatal and message in report.fatal and report.feeds == []


def test_hostile_sizes_are_bounded_per_outline():
    many = "".join(f'<outline text="n{n}" xmlUrl="https://many.example/{n % 500}"/>' for n in range(5000))
    report = read_opml(f"<opml><body>{many}</body></opml>".encode())
    assert len(report.feeds) == 500 and len(report.skipped) == 4500
    assert all(skipped.kind == "duplicate" for skipped in report.skipped)
    long_url = "https://long.example/" + "a" * 100_000
    report = read_opml(f'<opml><body><outline xmlUrl="ftp{long_url[5:]}"/></body></opml>'.encode())
    assert len(report.skipped[0].reason) < 300


def test_plain_lists_are_read_the_same_way():
    report = read_list_file(b"https://a.example/rss\nfeed://b.example/rss  # a podcast\nmailto:x@example\n"
                            b"https://a.example/rss\n", "list.txt")
    assert [feed.url for feed in report.feeds] == ["https://a.example/rss", "http://b.example/rss"]
    assert [(skipped.line, skipped.kind) for skipped in report.skipped] == [(3, "not_http"), (4, "duplicate")]


def test_markup_broken_everywhere_is_read_in_linear_time():
    import time

    started = time.perf_counter()
    for hostile in (b"<opml><body>" + b"<outline " * 50_000, b"<opml>" + b'<outline a="' * 50_000,
                    b"&" * 500_000, b"<opml><!--" + b"<outline xmlUrl='https://x.example/'/>" * 10_000):
        report = read_opml(hostile)
        assert report.fatal or not report.feeds or len(report.feeds) == 1
    assert time.perf_counter() - started < 20  # about 2 s; quadratic scans took minutes
