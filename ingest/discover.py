"""Finding a site's feed from the address of one of its pages (``newswire feeds add https://outlet.example/``).

In this order, as feed readers do:

1. the address itself, when it already is a feed (RSS, Atom or JSON Feed);
2. the feeds the page announces, ``<link rel="alternate" type="application/rss+xml">`` (or
   ``atom+xml``, ``feed+json``, ``json``), in the page's order;
3. the usual paths at the site's root, :data:`COMMON_PATHS`.

Each candidate is fetched with the one guarded :class:`~ingest.fetch.Fetcher` (address guard, size
cap, deadline) and parsed by :func:`ingest.parse.parse_feed`; the first that parses is chosen, and
every candidate tried is reported with what it gave. A candidate on another host than the address
given is not a configured feed: with ``NEWSWIRE_ALLOW_PRIVATE_NETWORKS`` it still may not reach a
private address, so a page cannot point newswire at the local network.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from newswire.errors import FetchError
from newswire.ingest.fetch import Fetcher, FetchResult
from newswire.ingest.parse import parse_feed

FEED_LINK_TYPES = {"application/rss+xml": "RSS", "application/atom+xml": "Atom", "application/rdf+xml": "RSS 1.0",
                   "application/feed+json": "JSON Feed", "application/json": "JSON Feed"}
COMMON_PATHS = ("/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml", "/feeds/posts/default")
MAX_LINKS = 20  # announced feeds kept from one page (a page can announce thousands)


@dataclass
class Candidate:
    url: str
    how: str  # "the address given", "announced by the page (RSS)", "usual path /feed"
    title: str | None = None  # the link's title attribute, then the feed's own title once read
    entries: int | None = None  # set when the candidate was fetched and read as a feed
    error: str | None = None  # why it is no feed, when fetched

    @property
    def checked(self) -> bool:
        return self.entries is not None or self.error is not None

    @property
    def is_feed(self) -> bool:
        return self.entries is not None


@dataclass
class Discovery:
    url: str  # the address given
    chosen: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)  # in the order found; the chosen one among them


async def discover_feed(fetcher: Fetcher, url: str) -> Discovery:
    found = Discovery(url)
    given = Candidate(url, "the address given")
    found.candidates.append(given)
    fetched = await _check(fetcher, given, configured=True)
    if given.is_feed:
        found.chosen = given
        return found
    if fetched is not None:
        base = fetched.url
        found.candidates += [candidate for candidate in find_feed_links(fetched.body, base)
                             if candidate.url != url]
    for candidate in found.candidates[1:]:
        await _check(fetcher, candidate, configured=_same_origin(candidate.url, url))
        if candidate.is_feed:
            found.chosen = candidate
            return found
    root = _origin(url)
    known = {candidate.url for candidate in found.candidates}
    for path in COMMON_PATHS:
        guess = root + path
        if guess in known:
            continue
        candidate = Candidate(guess, f"usual path {path}")
        found.candidates.append(candidate)
        await _check(fetcher, candidate, configured=True)
        if candidate.is_feed:
            found.chosen = candidate
            return found
    return found


def find_feed_links(body: bytes, page_url: str) -> list[Candidate]:
    """The feeds an HTML page announces with ``<link rel="alternate" type=...>``, as absolute URLs."""
    try:
        document = html.document_fromstring(body)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    base = page_url
    for element in document.iter("base"):
        if href := (element.get("href") or "").strip():
            base = urljoin(page_url, href)
            break
    links: list[Candidate] = []
    seen: set[str] = set()
    for element in document.iter("link"):
        rel = (element.get("rel") or "").lower().split()
        media_type = (element.get("type") or "").split(";")[0].strip().lower()
        href = (element.get("href") or "").strip()
        if "alternate" not in rel or media_type not in FEED_LINK_TYPES or not href:
            continue
        absolute = urljoin(base, href)
        if absolute.startswith("feed:"):
            absolute = absolute[5:] if absolute[5:].lower().startswith("http") else "http:" + absolute[5:]
        if urlsplit(absolute).scheme not in ("http", "https") or absolute in seen:
            continue
        seen.add(absolute)
        title = " ".join((element.get("title") or "").split()) or None
        links.append(Candidate(absolute, f"announced by the page ({FEED_LINK_TYPES[media_type]})", title=title))
        if len(links) >= MAX_LINKS:
            break
    return links


async def _check(fetcher: Fetcher, candidate: Candidate, *, configured: bool) -> FetchResult | None:
    """Fetch and parse one candidate, recording what it gave; the response, when there was one."""
    try:
        fetched = await fetcher.fetch_feed(candidate.url, configured=configured)
    except FetchError as exc:
        candidate.error = str(exc)
        return None
    try:
        parsed = await asyncio.to_thread(parse_feed, fetched.body, fetched.url, content_type=fetched.content_type)
    except FetchError as exc:
        candidate.error = str(exc)
        return fetched
    candidate.entries = parsed.total_entries
    candidate.title = parsed.title or candidate.title
    if fetched.url != candidate.url:
        candidate.how += f", redirected to {fetched.url}"
        candidate.url = fetched.url
    return fetched


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _same_origin(one: str, other: str) -> bool:
    return _origin(one).lower() == _origin(other).lower()
