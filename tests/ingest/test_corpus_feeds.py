"""Every real feed of the shared corpus, served by a local server and polled by the real poller.

The corpus (``../shared/corpus/feeds``, next to the repository; see its README) holds about 100 feeds
captured by others: RSS 0.91 to 2.0, RSS 1.0, Atom, JSON Feed, in UTF-8, gb2312 and ISO-8859-1/2, and
a few that are no feed at all. It is read from there, never copied. Each file is served over HTTP
and polled by :class:`~ingest.poller.Poller` with the real guarded :class:`~ingest.fetch.Fetcher`
(the path ``newswire run`` takes); a seen store that already holds every entry keeps the poller
from fetching the articles' pages, which are on the internet. The feed either gives every entry, or
a dead letter that says why; then the bytes the fetcher got are parsed as the poller parses them and
compared entry by entry with what two other parsers made of the same files (``feed-rs/**.serde.json``
and ``rss-parser/output/*.json``), or, where neither has an answer, with lxml reading the XML.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from newswire.errors import FetchError
from newswire.feeds import StoredVersion
from newswire.ids import article_id
from newswire.ingest.fetch import Fetcher
from newswire.ingest.parse import MAX_ENTRIES, ParsedFeed, parse_feed
from newswire.ingest.poller import Poller

from newswire.settings import Settings
from tests.ingest.conftest import LocalSite
from tests.shared import shared_path


CORPUS = shared_path("corpus", "feeds")
FILES = sorted(path for path in [*CORPUS.glob("feed-rs/*/*"), *CORPUS.glob("rss-parser/input/*")]
               if path.is_file() and not path.name.endswith(".serde.json"))
# As servers label them: no charset, so the XML declaration decides the encoding.
CONTENT_TYPES = {".json": "application/feed+json", ".atom": "application/atom+xml", ".rss": "application/rss+xml",
                 ".xml": "application/xml"}
_DECLARED = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_TAG = re.compile(r"<[^>]+>")


class MemoryFeedStore:
    def __init__(self):
        self.states = {}

    def list_feeds(self):
        return list(self.states.values())

    def get(self, url):
        return self.states.get(url)

    def save(self, state):
        self.states[state.url] = state


class EverythingStored:
    """A database that holds every entry asked about, so a poll fetches no article page."""

    def latest_versions(self, *, guids=(), canonical_urls=(), article_ids=()):
        keys = [*guids, *canonical_urls, *article_ids]
        return {key: StoredVersion(article_id(key), 1, "stored") for key in keys}


def plain(value: str | None) -> str | None:
    """A title as newswire keeps it: tags dropped, entities decoded, white space collapsed."""
    text = " ".join(html.unescape(_TAG.sub(" ", value or "")).split())
    return text or None


def reference(path: Path) -> list[dict] | None:
    """Entries as another parser read the file: [{"title", "link", "date"}], or None if it has no answer."""
    if path.parts[-3] == "feed-rs":
        answer = path.with_name(path.name.rsplit(".", 1)[0] + ".serde.json")
        if not answer.exists():
            return None
        entries = json.loads(answer.read_text())["entries"]
        return [{"title": (entry.get("title") or {}).get("content"),
                 "link": next((link["href"] for link in entry.get("links") or []), None),
                 "date": entry.get("published") or entry.get("updated")} for entry in entries]
    answer = CORPUS / "rss-parser" / "output" / (path.name.rsplit(".", 1)[0] + ".json")
    if not answer.exists():
        return None
    # One of its answers is not UTF-8 (that parser misread a Latin-1 feed): such titles are not compared.
    items = json.loads(answer.read_bytes().decode("utf-8", "replace"))["feed"]["items"]
    return [{"title": item.get("title") if isinstance(item.get("title"), str) else None,
             "link": item.get("link") if isinstance(item.get("link"), str) else None,
             "date": item.get("isoDate")} for item in items]


def lxml_titles(body: bytes) -> list[str | None]:
    """Titles of every <item>/<entry>, read by lxml in the encoding the XML declaration names."""
    # lstrip: lxml too ignores the declaration (and so its encoding) after a blank first line.
    root = etree.fromstring(body.lstrip(), etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    if root is None:
        return []
    titles = []
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname in ("item", "entry"):
            title = next((child for child in element if isinstance(child.tag, str)
                          and etree.QName(child).localname == "title"), None)
            titles.append(plain("".join(title.itertext())) if title is not None else None)
    return titles


def expected_titles(path: Path, body: bytes) -> list[str | None]:
    if path.suffix == ".json":
        return [plain(item.get("title")) for item in json.loads(body)["items"]]
    known = reference(path)
    return [plain(entry["title"]) for entry in known] if known is not None else lxml_titles(body)


def declared_encoding(body: bytes) -> str | None:
    found = _DECLARED.search(body[:300])
    return found.group(1).decode().lower() if found else None


def iso(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@pytest.fixture(scope="module")
def site():
    running = LocalSite()
    yield running
    running.close()


@pytest.fixture(scope="module")
def polled(site, tmp_path_factory):
    """(per file: its PollResult, its dead letters, the parse of the bytes fetched), and the poller."""
    corpus_settings = Settings(data_dir=tmp_path_factory.mktemp("corpus"), allow_private_networks=True,
                               per_host_delay_s=0.0, respect_robots=False, total_timeout_s=10.0)
    urls = {}
    for path in FILES:
        route = "/" + path.relative_to(CORPUS).as_posix()
        urls[path] = site.add(route, path.read_bytes(), content_type=CONTENT_TYPES[path.suffix])
    dead_letters, articles = [], []

    async def poll_all():
        async with Fetcher(corpus_settings) as fetcher:
            poller = Poller(corpus_settings, fetcher, MemoryFeedStore(), EverythingStored(), articles.append,
                            dead_letters.append)
            outcomes = {}
            for path, url in urls.items():
                result = await poller.poll_feed(url)
                fetched = await fetcher.fetch_feed(url)
                try:
                    parsed: ParsedFeed | FetchError = parse_feed(fetched.body, fetched.url,
                                                                 content_type=fetched.content_type)
                except FetchError as exc:
                    parsed = exc
                outcomes[path] = (result, parsed)
            return poller, outcomes

    poller, outcomes = asyncio.run(poll_all())
    by_url = {}
    for letter in dead_letters:
        by_url.setdefault(letter.url, []).append(letter)
    assert articles == []  # every entry was "stored": no page was fetched
    return {path: (result, by_url.get(urls[path], []), parsed) for path, (result, parsed) in outcomes.items()}, poller


def test_the_corpus_is_there():
    assert len(FILES) >= 100, f"{len(FILES)} feed files in {CORPUS}"
    assert {path.suffix for path in FILES} <= set(CONTENT_TYPES)


@pytest.mark.parametrize("path", FILES, ids=[path.relative_to(CORPUS).as_posix() for path in FILES])
def test_each_feed_is_read_entry_by_entry_or_dead_lettered(polled, path):
    outcomes, _ = polled
    result, letters, parsed = outcomes[path]
    body = path.read_bytes()
    titles = expected_titles(path, body)
    if not titles:
        # Nothing the other parsers call an entry: an HTML page, plain XML, a feed cut off before its
        # first item. That must be a dead letter with a reason and an explanation, not silence.
        assert letters, f"{path.name}: no entries and no dead letter"
        assert all(letter.reason in ("not_a_feed", "malformed_feed") and letter.error for letter in letters)
        assert result.status == "error" or result.entries == 0
        return
    assert result.status == "ok", f"{path.name}: {result.error}"
    assert result.entries == min(len(titles), MAX_ENTRIES)
    assert not isinstance(parsed, FetchError)
    assert parsed.total_entries == len(titles)
    # A feed read but malformed (recovered by the lenient parser) or cut to the cap is one dead letter.
    warned = parsed.error is not None or parsed.total_entries > len(parsed.entries)
    feed_letters = ["malformed_feed" if parsed.error else "feed_truncated"] if warned else []
    # An entry with neither link nor guid cannot be fetched, nor found in the database: one dead letter each.
    unlinked = ["bad_url" if entry.bad_link else "no_link" for entry in parsed.entries
                if entry.link is None and entry.guid is None]
    assert sorted(letter.reason for letter in letters) == sorted(feed_letters + unlinked)

    ours = [entry.title for entry in parsed.entries]
    if parsed.total_entries > len(parsed.entries):  # the newest MAX_ENTRIES, re-ordered newest first
        assert set(ours) <= set(titles)
    else:
        pairs = [(mine, theirs) for mine, theirs in zip(ours, titles) if theirs is None or "\ufffd" not in theirs]
        assert pairs and all(mine == theirs for mine, theirs in pairs), pairs[:3]

    known = reference(path) if path.suffix != ".json" else None
    if known is not None and parsed.total_entries == len(parsed.entries):
        for entry, theirs in zip(parsed.entries, known):
            if theirs["link"] and theirs["link"].strip().startswith("http"):  # relative ones: joined with ours
                assert entry.link and entry.link.lower() == theirs["link"].strip().lower(), (entry.link, theirs["link"])
            if theirs["date"]:  # a date in Italian or Portuguese too ("mer, 16 nov 2022", "Seg, 24 Set 2018")
                assert entry.date and abs((entry.date - iso(theirs["date"])).total_seconds()) < 1, \
                    (entry.date, theirs["date"])


def test_non_ascii_titles_in_declared_encodings(polled):
    """gb2312, ISO-8859-1 and ISO-8859-2 feeds give the titles their bytes mean, not mojibake."""
    outcomes, _ = polled
    checked = Counter()
    for path in FILES:
        body = path.read_bytes()
        encoding = declared_encoding(body)
        if encoding in (None, "utf-8") or isinstance(outcomes[path][2], FetchError):
            continue
        parsed = outcomes[path][2]
        ours = [entry.title for entry in parsed.entries]
        assert ours == lxml_titles(body), path.name
        assert not any(title and "\ufffd" in title for title in ours), path.name
        checked[encoding] += sum(1 for title in ours if title and not title.isascii())
    assert all(checked[name] for name in ("gb2312", "iso-8859-1", "iso-8859-2")), checked


def test_dead_letters_are_counted_and_explained(polled):
    outcomes, poller = polled
    letters = [letter for _, found, _ in outcomes.values() for letter in found]
    reasons = Counter(letter.reason for letter in letters)
    assert sum(reasons.values()) == len(letters)
    for reason, count in reasons.items():
        assert poller.stats.errors[reason] == count, (reason, poller.stats.errors)
    read = sum(1 for result, _, _ in outcomes.values() if result.status == "ok" and result.entries)
    refused = sum(1 for result, _, _ in outcomes.values() if result.status == "error" or not result.entries)
    assert read + refused == len(FILES)
    print(f"\ncorpus: {len(FILES)} files, {read} read, {refused} refused; dead letters by reason: {dict(reasons)}")
