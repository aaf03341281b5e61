import asyncio
import copy
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest


from newswire.ingest.fetch import Fetcher
from newswire.ingest.poller import Poller
from newswire.feeds import FeedState, StoredVersion
from newswire.ids import article_id, content_hash
from newswire.records import ArticleRecord, DeadLetterRecord

SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"
EXPECTED = json.loads((SITE / "expected.json").read_text())


class MemoryFeedStore:
    """FeedStore on a dict; hands out copies, as a database would."""

    def __init__(self):
        self.states: dict[str, FeedState] = {}

    def list_feeds(self):
        return [copy.deepcopy(state) for state in self.states.values()]

    def get(self, url):
        return copy.deepcopy(self.states.get(url))

    def save(self, state):
        self.states[state.url] = copy.deepcopy(state)

    def add(self, url, title=None):
        if url in self.states:
            return False
        self.states[url] = FeedState(url=url, title=title)
        return True

    def remove(self, url):
        return self.states.pop(url, None) is not None


class MemorySeenStore:
    """SeenStore holding what a sink stored: call ``store`` with published records to play the sink."""

    def __init__(self):
        self.latest: dict[str, ArticleRecord] = {}

    def store(self, records):
        for record in records:
            if record.article_id not in self.latest or self.latest[record.article_id].version < record.version:
                self.latest[record.article_id] = record

    def latest_versions(self, *, guids=(), canonical_urls=(), article_ids=()):
        found = {}
        for record in self.latest.values():
            version = StoredVersion(record.article_id, record.version, record.content_hash)
            for key, wanted in ((record.guid, guids), (record.canonical_url, canonical_urls), (record.article_id, article_ids)):
                if key is not None and key in set(wanted):
                    found[key] = version
        return found


class Harness:
    def __init__(self, settings, feed_store=None, seen=None):
        self.settings = settings
        self.feed_store = feed_store or MemoryFeedStore()
        self.seen = seen or MemorySeenStore()
        self.articles: list[ArticleRecord] = []
        self.dead_letters: list[DeadLetterRecord] = []

    async def poll(self, *urls):
        async with Fetcher(self.settings) as fetcher:
            poller = self.poller(fetcher)
            results = [await poller.poll_feed(url) for url in urls]
            return poller, results

    def poller(self, fetcher):
        return Poller(self.settings, fetcher, self.feed_store, self.seen, self.articles.append, self.dead_letters.append)

    def restart(self):
        """A new process: same database, nothing in memory."""
        return Harness(self.settings, self.feed_store, self.seen)


def test_new_entries_are_published_once_with_all_fields(site, settings):
    feed_url = site.serve_fixture_site()
    harness = Harness(settings)
    _, (result,) = asyncio.run(harness.poll(feed_url))
    assert result.status == "ok" and result.entries == 3 and result.published == 3
    assert harness.dead_letters == []
    by_path = {record.canonical_url.split(str(site.port))[1]: record for record in harness.articles}
    assert set(by_path) == set(EXPECTED["articles"])
    for path, expected in EXPECTED["articles"].items():
        record = by_path[path]
        assert record.article_id == article_id(site.url(path))
        assert record.version == 1
        assert record.url.startswith(site.url(path))
        assert record.canonical_url == site.url(path)
        assert record.feed_url == feed_url and record.guid == expected["guid"]
        assert record.title == expected["title"] and record.author == expected["author"]
        assert record.site == expected["site"] and record.language == expected["language"]
        assert record.published_at == datetime.fromisoformat(expected["published_at"])
        assert record.text.split("\n\n")[0] == expected["first_paragraph"]
        assert record.content_hash == content_hash(record.text)
    state = harness.feed_store.get(feed_url)
    assert state.title == EXPECTED["feed_title"] and state.entries_seen == 3
    assert state.consecutive_errors == 0 and state.healthy and state.next_poll_at > state.last_poll_at



def test_second_poll_of_one_process_does_not_republish_what_is_in_flight(site, settings):
    feed_url = site.serve_fixture_site()
    harness = Harness(settings)
    _, (first, second) = asyncio.run(harness.poll(feed_url, feed_url))  # the sink has stored nothing yet
    assert (first.published, second.published) == (3, 0)
    assert len(harness.articles) == 3 and site.hits("/articles/a1.html") == 1


def test_conditional_get_skips_unchanged_feed(site, settings):
    feed_url = site.serve_fixture_site()
    site.routes["/feed.xml"].etag = '"feed-v1"'
    harness = Harness(settings)
    asyncio.run(harness.poll(feed_url))
    harness.seen.store(harness.articles)  # the sink caught up (else a new poller re-fetches the feed whole)
    poller, (result,) = asyncio.run(harness.poll(feed_url))
    assert result.status == "not_modified" and poller.stats.not_modified == 1
    assert harness.feed_store.get(feed_url).etag == '"feed-v1"'


def test_restart_publishes_nothing_twice_once_stored(site, settings):
    feed_url = site.serve_fixture_site()
    first = Harness(settings)
    asyncio.run(first.poll(feed_url))
    first.seen.store(first.articles)  # the sink caught up
    page_hits = site.hits("/articles/a1.html")

    second = first.restart()
    _, (result,) = asyncio.run(second.poll(feed_url))
    assert result.status == "not_modified"  # the same bytes: not even parsed (see the body hash tests)
    site.routes["/feed.xml"].body += b"<!-- changed -->"
    _, (result,) = asyncio.run(second.poll(feed_url))
    assert result.status == "ok" and second.articles == [] and second.dead_letters == []
    assert site.hits("/articles/a1.html") == page_hits  # not even fetched


def test_restart_refetches_what_never_reached_the_database(site, settings):
    feed_url = site.serve_fixture_site()
    first = Harness(settings)
    asyncio.run(first.poll(feed_url))
    second = first.restart()  # crashed before the sink stored anything
    asyncio.run(second.poll(feed_url))
    assert sorted(r.article_id for r in second.articles) == sorted(r.article_id for r in first.articles)
    assert {r.version for r in second.articles} == {1}


def test_changed_text_is_version_two_and_unchanged_text_is_not_republished(site, settings):
    feed_url = site.serve_fixture_site()
    harness = Harness(settings)
    asyncio.run(harness.poll(feed_url))
    harness.seen.store(harness.articles)
    v1 = next(r for r in harness.articles if r.guid == "harbourtimes-a1")

    # The story is updated: the page says 15 now, and the feed entry changes with it.
    feed = site.routes["/feed.xml"]
    feed.body = feed.body.replace(b"At least 12 people were killed", b"At least 15 people were killed")
    page = site.routes["/articles/a1.html"]
    page.body = page.body.replace(b"At least 12 people were killed", b"At least 15 people were killed")
    later = harness.restart()
    asyncio.run(later.poll(feed_url))
    assert len(later.articles) == 1
    v2 = later.articles[0]
    assert (v2.article_id, v2.version) == (v1.article_id, 2)
    assert v2.content_hash != v1.content_hash and "At least 15 people" in v2.text

    # The feed entry changes again but the page text does not: nothing new to publish.
    later.seen.store(later.articles)
    feed.body = feed.body.replace(b"At least 15 people were killed", b"At least 15 people died")
    again = later.restart()
    asyncio.run(again.poll(feed_url))
    assert again.articles == []


def test_same_article_through_two_feeds_is_one_article(site, settings):
    feed_url = site.serve_fixture_site()
    # Different guids; a2 with a tracking parameter; a1 at another path whose page names the
    # original as rel=canonical (syndication).
    other = (SITE / "feed.xml").read_bytes().replace(b"harbourtimes-", b"mirror-").replace(
        b"/articles/a2.html", b"/articles/a2.html?ocid=mirror").replace(b"/articles/a1.html", b"/syndicated/a1.html")
    mirror_url = site.add("/mirror.xml", other, content_type="application/rss+xml")
    site.add("/syndicated/a1.html", (SITE / "articles" / "a1.html").read_bytes())
    harness = Harness(settings)
    asyncio.run(harness.poll(feed_url, mirror_url))
    ids = [record.article_id for record in harness.articles]
    assert len(ids) == 3 and len(set(ids)) == 3

    assert {record.canonical_url for record in harness.articles} == {
        site.url(f"/articles/a{n}.html") for n in (1, 2, 3)}

    harness.seen.store(harness.articles)
    syndicated_hits = site.hits("/syndicated/a1.html")
    later = harness.restart()
    asyncio.run(later.poll(mirror_url, feed_url, mirror_url))
    assert later.articles == []
    assert site.hits("/syndicated/a1.html") == syndicated_hits  # known by the id its page resolved to


def test_two_feeds_polled_concurrently_publish_each_article_once(site, settings):
    feed_url = site.serve_fixture_site()
    other = (SITE / "feed.xml").read_bytes().replace(b"harbourtimes-", b"copy-").replace(b".html", b".html?ref=copy")
    copy_url = site.add("/copy.xml", other, content_type="application/rss+xml")
    harness = Harness(settings)

    async def both():
        async with Fetcher(settings) as fetcher:
            poller = harness.poller(fetcher)
            return await asyncio.gather(poller.poll_feed(feed_url), poller.poll_feed(copy_url))
    asyncio.run(both())
    assert sorted(record.article_id for record in harness.articles) == sorted(
        article_id(site.url(f"/articles/a{n}.html")) for n in (1, 2, 3))


def serve_feed_and_its_guid_copy(site) -> tuple[str, str]:
    """The fixture feed, and another whose entries keep its guids but link to other pages (/elsewhere/)."""
    feed_url = site.serve_fixture_site()
    other = (SITE / "feed.xml").read_bytes().replace(b"/articles/", b"/elsewhere/")
    other_url = site.add("/other.xml", other, content_type="application/rss+xml")
    for n in (1, 2, 3):
        page = (SITE / "articles" / f"a{n}.html").read_bytes()
        site.add(f"/elsewhere/a{n}.html", page.replace(b'href="/articles/', b'href="/elsewhere/'))
    return feed_url, other_url


def test_a_guid_another_feed_copied_does_not_hold_back_its_own_page(site, settings):
    """Feeds copy guids (the Atom spec's sample id is in many): two feeds polled at once whose entries
    share guids but link to different pages publish all six; an article is its link."""
    feed_url, other_url = serve_feed_and_its_guid_copy(site)
    harness = Harness(settings)

    async def both():
        async with Fetcher(settings) as fetcher:
            poller = harness.poller(fetcher)
            return await asyncio.gather(poller.poll_feed(feed_url), poller.poll_feed(other_url))
    asyncio.run(both())
    assert sorted(record.canonical_url for record in harness.articles) == sorted(
        site.url(f"/{folder}/a{n}.html") for folder in ("articles", "elsewhere") for n in (1, 2, 3))


def test_a_stored_article_does_not_hide_another_feeds_page_with_its_guid(site, settings):
    """The stored side of the same collision: once the first feed's articles are stored, a feed that
    copied their guids but links to other pages still gets its own pages fetched and published."""
    feed_url, other_url = serve_feed_and_its_guid_copy(site)
    harness = Harness(settings)
    asyncio.run(harness.poll(feed_url))
    harness.seen.store(harness.articles)
    later = harness.restart()
    asyncio.run(later.poll(other_url))
    assert sorted(record.canonical_url for record in later.articles) == sorted(
        site.url(f"/elsewhere/a{n}.html") for n in (1, 2, 3))


def test_failures_become_dead_letters_and_feed_state(site, settings):
    broken = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title>
      <item><guid>gone</guid><link>/gone.html</link><title>Gone</title></item>
      <item><guid>pdf</guid><link>/report.html</link><title>PDF</title></item>
      <item><guid>stub</guid><link>/stub.html</link><title>Stub</title></item>
      <item><guid isPermaLink="false">nolink</guid><title>No link</title></item>
      <item><guid>ok</guid><link>/articles/a1.html</link><title>Fine</title></item>
    </channel></rss>"""
    site.serve_fixture_site()
    feed_url = site.add("/mixed.xml", broken, content_type="application/rss+xml")
    site.add("/report.html", b"%PDF-1.7 binary")
    site.add("/stub.html", b"<html><body><p>Subscribe to read.</p></body></html>")
    harness = Harness(settings)
    poller, (result,) = asyncio.run(harness.poll(feed_url))
    assert result.status == "ok" and result.published == 1
    reasons = sorted(dead.reason for dead in harness.dead_letters)
    assert reasons == ["http_404", "no_article_text", "no_link", "not_html"]
    assert all(dead.stage == "ingest" and dead.url for dead in harness.dead_letters)
    assert poller.stats.errors["http_404"] == 1
    assert harness.feed_store.get(feed_url).consecutive_errors == 0  # page failures do not slow the feed
    assert "page" in harness.feed_store.get(feed_url).last_error

    # Permanent failures of unchanged entries are not retried (nor dead-lettered) every poll.
    harness.seen.store(harness.articles)
    asyncio.run(harness.restart().poll(feed_url))
    assert len(harness.dead_letters) == 4


def test_failing_feed_backs_off_and_is_marked_unhealthy(site, settings):
    feed_url = site.add("/down.xml", b"maintenance", status=503, headers={"Retry-After": "600"})
    harness = Harness(settings)
    for attempt in range(1, 6):
        _, (result,) = asyncio.run(harness.poll(feed_url))
        state = harness.feed_store.get(feed_url)
        assert result.status == "error" and state.consecutive_errors == attempt
        assert (state.next_poll_at - state.last_poll_at).total_seconds() >= 600
    assert not state.healthy and "http_503" in state.last_error
    assert [dead.reason for dead in harness.dead_letters] == ["http_503"] * 5

    site.serve_fixture_site()
    site.routes["/down.xml"] = site.routes["/feed.xml"]
    asyncio.run(harness.poll(feed_url))
    state = harness.feed_store.get(feed_url)
    assert state.healthy and state.consecutive_errors == 0 and state.last_error is None


def test_json_feed_is_polled_like_rss_and_broken_json_is_a_dead_letter(site, settings):
    site.serve_fixture_site()
    items = [{"id": "j1", "url": "/articles/a1.html", "title": "From JSON", "date_published": "2026-02-03T09:00:00Z"}]
    good = site.add("/feed.json", json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}),
                    content_type="application/feed+json")
    broken = site.add("/broken.json", b'{"version": "https://jsonfeed.org/version/1", "items": [',
                      content_type="application/feed+json")
    harness = Harness(settings)
    poller, (ok, failed) = asyncio.run(harness.poll(good, broken))
    assert ok.status == "ok" and ok.published == 1 and harness.articles[0].guid == "j1"
    assert failed.status == "error"
    assert [(dead.reason, dead.url) for dead in harness.dead_letters] == [("malformed_feed", broken)]
    assert poller.stats.errors["malformed_feed"] == 1
    assert "not valid JSON" in harness.feed_store.get(broken).last_error


def test_garbage_feed_does_not_crash_the_poller(site, settings):
    feed_url = site.add("/feed.xml", b"<html><body>Not a feed</body></html>", content_type="text/html")
    harness = Harness(settings)
    _, (result,) = asyncio.run(harness.poll(feed_url))
    assert result.status == "error" and harness.dead_letters[0].reason == "not_a_feed"


def test_run_polls_all_feeds_until_stopped(site, settings):
    feed_url = site.serve_fixture_site()
    other = (SITE / "feed.xml").read_bytes().replace(b"/articles/a3.html", b"/articles/a3.html?v=other")
    second_url = site.add("/second.xml", other, content_type="application/rss+xml")
    dead_url = site.add("/dead.xml", b"gone", status=410)
    harness = Harness(settings)

    async def go():
        stop = asyncio.Event()
        async with Fetcher(settings) as fetcher:
            poller = harness.poller(fetcher)
            runner = asyncio.create_task(poller.run([feed_url, second_url, dead_url], stop))
            for _ in range(200):
                if len(harness.feed_store.states) == 3:
                    break
                await asyncio.sleep(0.05)
            stop.set()
            await asyncio.wait_for(runner, 5)
            return poller
    poller = asyncio.run(go())
    assert len({record.article_id for record in harness.articles}) == 3
    assert poller.stats.feeds_polled == 3 and poller.stats.feed_errors == 1
    assert "feeds polled 3" in poller.stats.status_line() and "http_410=1" in poller.stats.status_line()
    assert all(state.next_poll_at is not None for state in harness.feed_store.states.values())


@pytest.mark.parametrize("listed", [True, False], ids=["store-list", "assigned-list"])
def test_a_refresh_written_to_the_store_is_polled_at_the_next_check(site, settings, monkeypatch, listed):
    """`newswire feeds refresh` writes an earlier next_poll_at; a running poller honours it within a check."""
    from newswire.ingest import poller as poller_module

    monkeypatch.setattr(poller_module, "FEED_LIST_REFRESH_S", 0.2)
    feed_url = site.serve_fixture_site()
    harness = Harness(settings)
    harness.feed_store.add(feed_url)

    async def until(condition, timeout_s=5.0):
        for _ in range(int(timeout_s / 0.05)):
            if condition():
                return True
            await asyncio.sleep(0.05)
        return False

    async def go():
        stop = asyncio.Event()
        async with Fetcher(settings) as fetcher:
            poller = harness.poller(fetcher)
            runner = asyncio.create_task(poller.run(None if listed else [feed_url], stop))
            assert await until(lambda: site.hits("/feed.xml") == 1)
            assert await until(lambda: (harness.feed_store.get(feed_url) or FeedState(feed_url)).next_poll_at)
            scheduled = harness.feed_store.get(feed_url).next_poll_at
            assert (scheduled - datetime.now(timezone.utc)).total_seconds() > 60  # no second poll on its own
            await asyncio.sleep(0.5)
            assert site.hits("/feed.xml") == 1
            state = harness.feed_store.get(feed_url)
            state.next_poll_at = datetime.now(timezone.utc)  # what SqlFeedStore.request_poll writes
            harness.feed_store.save(state)
            polled_again = await until(lambda: site.hits("/feed.xml") == 2, timeout_s=3.0)
            stop.set()
            await asyncio.wait_for(runner, 5)
            return polled_again
    assert asyncio.run(go())


# --- hostile feeds: unchanged bodies, huge entry lists, bad links, other local ports -------------

class EverythingStored(MemorySeenStore):
    """A database that holds every entry asked about: the poll fetches no page."""

    def latest_versions(self, *, guids=(), canonical_urls=(), article_ids=()):
        return {key: StoredVersion(article_id(key), 1, "h") for key in (*guids, *canonical_urls, *article_ids)}


def test_an_unchanged_feed_body_is_not_parsed_again(site, settings, monkeypatch):
    from newswire.ingest import poller as poller_module

    feed_url = site.serve_fixture_site()  # no ETag, no Last-Modified: every poll gets the whole body
    parses = []
    real = poller_module.parse_feed
    monkeypatch.setattr(poller_module, "parse_feed", lambda *a, **k: parses.append(1) or real(*a, **k))
    harness = Harness(settings)
    poller, (first, second) = asyncio.run(harness.poll(feed_url, feed_url))
    assert (first.status, second.status) == ("ok", "not_modified")
    assert len(parses) == 1 and poller.stats.bodies_unchanged == 1 and site.hits("/feed.xml") == 2
    assert harness.feed_store.get(feed_url).extra["body_sha256"]
    harness.seen.store(harness.articles)
    site.routes["/feed.xml"].body = site.routes["/feed.xml"].body.replace(b"</channel>", b"<ttl>5</ttl></channel>")
    _, (third,) = asyncio.run(harness.poll(feed_url))
    assert third.status == "ok" and len(parses) == 2 and len(harness.articles) == 3


def test_unchanged_body_is_parsed_again_while_a_page_waits_for_a_retry(site, settings, monkeypatch):
    feed_url = site.serve_fixture_site()
    site.add("/articles/a2.html", b"busy", status=503)
    harness = Harness(settings)
    asyncio.run(harness.poll(feed_url))
    harness.seen.store(harness.articles)
    site.serve_fixture_site()  # a2 is back
    _, (result,) = asyncio.run(harness.poll(feed_url))
    assert result.status == "ok" and result.published == 1 and len(harness.articles) == 3


def test_a_huge_entry_list_is_bounded_and_counted_as_a_warning(site, settings):
    from newswire.ingest.parse import MAX_ENTRIES

    items = "".join(f"<item><guid>big-{i}</guid><link>/s/{i}</link></item>" for i in range(15_000))
    feed_url = site.add("/big.xml", f'<rss version="2.0"><channel><title>Big</title>{items}</channel></rss>',
                        content_type="application/rss+xml")
    harness = Harness(settings, seen=EverythingStored())
    poller, (result,) = asyncio.run(harness.poll(feed_url))
    assert result.status == "ok" and result.entries == MAX_ENTRIES and result.new_entries == 0
    state = harness.feed_store.get(feed_url)
    assert list(state.extra["entries"])[:3] == ["big-0", "big-1", "big-2"]
    assert set(state.extra["entries"]) == {f"big-{i}" for i in range(MAX_ENTRIES)}  # the first ones, in order
    assert state.extra["warning"] == "feed_truncated" and state.extra["warnings"] == 1
    assert "15000 entries" in state.last_error and poller.stats.errors["feed_truncated"] == 1
    assert [dead.reason for dead in harness.dead_letters] == ["feed_truncated"]


def test_unusable_links_are_bad_url_dead_letters_and_the_rest_is_published(site, settings):
    feed_url = site.serve_fixture_site()
    body = site.routes["/feed.xml"].body.replace(b"</channel>", (
        b"<item><guid>bracket</guid><link>http://[::1/story</link><title>x</title></item>"
        b"<item><guid>port</guid><link>http://x.example:99999/story</link><title>y</title></item>"
        b"<item><guid>zeros</guid><link>http://127.000.000.001:%d/story</link><title>z</title></item>"
        b"</channel>") % site.port)
    site.routes["/feed.xml"].body = body
    harness = Harness(settings)
    _, (result,) = asyncio.run(harness.poll(feed_url))
    assert result.status == "ok" and result.published == 3
    assert sorted(dead.reason for dead in harness.dead_letters) == ["bad_url"] * 3


def test_a_local_feeds_link_to_another_local_port_is_refused(make_site, settings):
    feed_site, other = make_site(), make_site()
    feed_url = feed_site.serve_fixture_site()
    other.add("/admin", b"<html><body><p>internal</p></body></html>")
    feed_site.routes["/feed.xml"].body = feed_site.routes["/feed.xml"].body.replace(
        b"</channel>", f"<item><guid>inside</guid><link>{other.url('/admin')}</link></item></channel>".encode())
    harness = Harness(settings)
    _, (result,) = asyncio.run(harness.poll(feed_url))
    assert result.published == 3  # the feed's own host:port is allowed
    assert [dead.reason for dead in harness.dead_letters] == ["private_address"]
    assert other.requests == []
