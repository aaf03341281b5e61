"""After a crash or a lost broker, a feed answering 304 must not hide entries that were never stored.

Ingest remembers the feed's ETag and the entries it published. If those articles were lost (the
embedded broker died with them, or the process died before the sink stored them), a conditional
GET would get "304 Not Modified" and the entries would never be fetched again. The poller therefore
drops the validators, and polls at once, while a feed's remembered entries name articles that are
neither in the database nor in flight in this process.
"""

from __future__ import annotations

import asyncio
import copy
from datetime import datetime, timedelta, timezone

from newswire.ingest.fetch import Fetcher
from newswire.ingest.poller import Poller
from newswire.feeds import FeedState, StoredVersion
from newswire.settings import Settings
from newswire.app.bench.synthetic import make_page
from tests.faults.conftest import rss


class Feeds:
    def __init__(self):
        self.states: dict[str, FeedState] = {}

    def list_feeds(self):
        return [copy.deepcopy(s) for s in self.states.values()]

    def get(self, url):
        return copy.deepcopy(self.states.get(url))

    def save(self, state):
        self.states[state.url] = copy.deepcopy(state)

    def add(self, url, title=None):
        return self.states.setdefault(url, FeedState(url=url, title=title)) is not None

    def remove(self, url):
        return self.states.pop(url, None) is not None


class Seen:
    """What the database holds: only what the test says the sink stored."""

    def __init__(self):
        self.stored: dict[str, StoredVersion] = {}

    def latest_versions(self, *, guids=(), canonical_urls=(), article_ids=()):
        return {aid: self.stored[aid] for aid in article_ids if aid in self.stored}


def test_unstored_entries_defeat_the_etag_until_stored(site, tmp_path):
    requests: list[str | None] = []
    pages = [make_page(i, base_url=site.url("")) for i in range(3)]
    for page in pages:
        site.add_bytes(page.url.removeprefix(site.url("")), page.html.encode())
    feed = rss([(f"story-{i}", page.url, page.title) for i, page in enumerate(pages)])
    serve_feed = None

    def feed_handler(request):
        requests.append(request.headers.get("If-None-Match"))
        serve_feed(request)

    site.add_bytes("/feed.xml", feed, content_type="application/rss+xml", etag='"v1"')
    serve_feed = site.routes["/feed.xml"]
    site.routes["/feed.xml"] = feed_handler
    url = site.url("/feed.xml")
    settings = Settings(data_dir=tmp_path, allow_private_networks=True, per_host_delay_s=0.0, respect_robots=False)
    feeds, seen = Feeds(), Seen()

    async def poll_once() -> tuple[Poller, list, object]:
        published: list = []
        async with Fetcher(settings) as fetcher:
            poller = Poller(settings, fetcher, feeds, seen, published.append, lambda record: None)
            result = await poller.poll_feed(url)
        return poller, published, result

    _, lost, first = asyncio.run(poll_once())  # published, then the broker is lost: nothing stored
    assert first.status == "ok" and len(lost) == 3 and requests == [None]
    state = feeds.get(url)
    assert state.etag == '"v1"'

    # A new ingest process: the feed is due now whatever next_poll_at says, and fetched whole.
    feeds.states[url].next_poll_at = datetime.now(timezone.utc) + timedelta(hours=1)
    async def due() -> datetime:
        async with Fetcher(settings) as fetcher:
            return Poller(settings, fetcher, feeds, seen, lambda r: None, lambda r: None)._due(url)
    assert asyncio.run(due()) <= datetime.now(timezone.utc)
    _, again, second = asyncio.run(poll_once())
    assert requests[-1] is None, "the ETag was sent although the published entries were never stored"
    assert second.status == "ok"
    assert sorted((r.article_id, r.version) for r in again) == sorted((r.article_id, r.version) for r in lost)

    # Once the sink stored them, the feed is asked conditionally again and answers 304.
    seen.stored = {r.article_id: StoredVersion(r.article_id, r.version, r.content_hash) for r in again}
    _, nothing, third = asyncio.run(poll_once())
    assert requests[-1] == '"v1"' and third.status == "not_modified" and nothing == []
