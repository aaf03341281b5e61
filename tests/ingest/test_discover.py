"""Feed discovery from a page's address, against local servers (pages and feeds written for these tests)."""

from __future__ import annotations

import asyncio

from newswire.ingest.discover import COMMON_PATHS, discover_feed, find_feed_links
from newswire.ingest.fetch import Fetcher

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Lakeside Ledger</title>
<item><guid>l1</guid><link>https://ledger.example/l1</link><title>Ferry timetable changes</title></item>
<item><guid>l2</guid><link>https://ledger.example/l2</link><title>Council votes on bridge</title></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger comments</title>
<entry><id>c1</id><title>A comment</title><link href="https://ledger.example/c1"/></entry></feed>"""
JSON_FEED = b'{"version": "https://jsonfeed.org/version/1.1", "title": "Ledger JSON", "items": [{"id": "j"}]}'


def page(head: str) -> str:
    return f"<!doctype html><html><head><title>Lakeside Ledger</title>{head}</head><body><p>News.</p></body></html>"


def discover(settings, url):
    async def run():
        async with Fetcher(settings) as fetcher:
            return await discover_feed(fetcher, url)
    return asyncio.run(run())


def test_a_page_announcing_feeds_gives_the_first_that_reads(site, settings):
    home = site.add("/", page(
        '<link rel="stylesheet" href="/style.css">'
        '<link rel="alternate" type="application/rss+xml" title="Broken" href="/missing.xml">'
        '<link rel="Alternate" type="application/rss+xml; charset=utf-8" title="Main" href="news/rss">'
        '<link rel="alternate" type="application/atom+xml" title="Comments" href="/comments.atom">'
        '<link rel="alternate" type="application/feed+json" href="/feed.json">'))
    site.add("/news/rss", RSS, content_type="application/rss+xml")
    site.add("/comments.atom", ATOM, content_type="application/atom+xml")
    found = discover(settings, home)
    assert found.chosen is not None and found.chosen.url == site.url("/news/rss")
    assert found.chosen.title == "Lakeside Ledger" and found.chosen.entries == 2
    assert [(candidate.url, candidate.is_feed, candidate.checked) for candidate in found.candidates] == [
        (home, False, True), (site.url("/missing.xml"), False, True), (site.url("/news/rss"), True, True),
        (site.url("/comments.atom"), False, False), (site.url("/feed.json"), False, False)]
    assert "not_a_feed" in found.candidates[0].error and "http_404" in found.candidates[1].error
    assert found.chosen.how == "announced by the page (RSS)"
    assert site.hits("/comments.atom") == 0  # found, reported, not fetched: one feed was enough


def test_without_announced_feeds_the_usual_paths_are_tried_in_order(site, settings):
    home = site.add("/", page(""))
    site.add("/atom.xml", ATOM, content_type="application/atom+xml")
    site.add("/feed.xml", RSS, content_type="application/rss+xml")
    found = discover(settings, home)
    assert found.chosen.url == site.url("/atom.xml") and found.chosen.how == "usual path /atom.xml"
    tried = [candidate.url for candidate in found.candidates[1:]]
    assert tried == [site.url(path) for path in COMMON_PATHS[:COMMON_PATHS.index("/atom.xml") + 1]]
    assert site.hits("/feed.xml") == 0


def test_a_feed_address_is_chosen_as_it_is(site, settings):
    url = site.add("/feed.json", JSON_FEED, content_type="application/feed+json")
    found = discover(settings, url)
    assert found.chosen is found.candidates[0] and found.chosen.url == url and found.chosen.title == "Ledger JSON"
    assert len(found.candidates) == 1


def test_nothing_found_reports_every_try(site, settings):
    home = site.add("/", page(""))
    found = discover(settings, home)
    assert found.chosen is None
    assert len(found.candidates) == 1 + len(COMMON_PATHS)
    assert all(candidate.checked and not candidate.is_feed for candidate in found.candidates)


def test_an_announced_feed_on_another_private_host_is_refused(make_site, settings):
    public = make_site("127.0.0.1")
    private = make_site("127.0.0.2")
    private.add("/internal.xml", RSS, content_type="application/rss+xml")
    home = public.add("/", page(f'<link rel="alternate" type="application/rss+xml" '
                                f'href="{private.url("/internal.xml")}">'))
    found = discover(settings, home)
    assert private.hits("/internal.xml") == 0
    announced = found.candidates[1]
    assert announced.url == private.url("/internal.xml") and "private_address" in announced.error
    assert found.chosen is None


def test_oversized_and_odd_pages_do_not_break_discovery(site, settings):
    settings.max_response_bytes = 64 * 1024
    home = site.add("/", b"<html><head>" + b"<meta name=x content=y>" * 10_000 + b"</head></html>")
    found = discover(settings, home)
    assert "too_large" in found.candidates[0].error and found.chosen is None
    assert find_feed_links(b"", "https://x.example/") == []
    assert find_feed_links(b"\x00\xff\xfe<link rel=alternate", "https://x.example/") == []
    links = find_feed_links(b'<base href="https://cdn.example/sub/"><link rel="alternate" '
                            b'type="application/atom+xml" href="feed:https://x.example/a.atom">'
                            b'<link rel="alternate" type="application/rss+xml" href="r.xml">'
                            b'<link rel="alternate" type="text/html" href="/other-language">'
                            b'<link rel="alternate" type="application/rss+xml" href="javascript:void(0)">',
                            "https://x.example/")
    assert [link.url for link in links] == ["https://x.example/a.atom", "https://cdn.example/sub/r.xml"]
