"""Every real feed of the shared corpus, served by a local server to a running ingest stage at once.

``test_corpus_feeds.py`` checks, in-process, that each file is read with the entries, titles, links
and dates two other parsers give. Here the ~100 files go to one ``newswire ingest`` process on the
embedded broker, as a deployment runs it, on a network that reaches loopback only
(``loopback_only.py``): the corpus's entries link to the internet, so each of their pages fails at
once (``dns_error``), and nothing leaves the machine. Every feed must end with each of its entries
published or dead-lettered by its link, its feed-level problem (not a feed, malformed, truncated)
as a dead letter, and its entries remembered in the database's feed state; the stage's counters
agree with the dead letters on the topic.
"""

from __future__ import annotations

import time
from collections import Counter
from urllib.parse import urlsplit

import pytest
from kafka import TopicPartition

from ingest_processes import IngestProcess, ingest_env
from newswire.errors import FetchError
from newswire.ids import canonical_url
from newswire.ingest.dedup import entry_key
from newswire.ingest.parse import parse_feed
from newswire.kafka import make_consumer
from newswire.records import ArticleRecord, DeadLetterRecord, decode
from newswire.storage.db import make_engine, upgrade
from newswire.storage.feedstore import SqlFeedStore
from tests.ingest.conftest import LocalSite
from tests.ingest.test_corpus_feeds import CONTENT_TYPES, CORPUS, FILES

FEED_REASONS = {"not_a_feed", "malformed_feed", "feed_truncated"}


class TopicReader:
    """Everything on some topics from the beginning, read as it comes (one consumer for the test)."""

    def __init__(self, bootstrap: str, topics: list[str]):
        self.consumer = make_consumer(bootstrap, None)
        partitions = []
        for topic in topics:
            found = set()
            deadline = time.monotonic() + 20
            while not found and time.monotonic() < deadline:
                found = self.consumer.partitions_for_topic(topic) or set()
                time.sleep(0.2)
            if not found:
                raise LookupError(f"no partitions of {topic} yet")
            partitions += [TopicPartition(topic, p) for p in sorted(found)]
        self.consumer.assign(partitions)
        self.consumer.seek_to_beginning(*partitions)
        self.messages: dict[str, list[bytes]] = {topic: [] for topic in topics}

    def read(self) -> None:
        for tp, batch in self.consumer.poll(timeout_ms=500, max_records=20000).items():
            self.messages[tp.topic] += [message.value for message in batch]

    def close(self) -> None:
        self.consumer.close()


@pytest.mark.slow
def test_every_corpus_feed_through_a_running_ingest(broker, tmp_path, unique):
    site = LocalSite()
    urls = {path: site.add("/" + path.relative_to(CORPUS).as_posix(), path.read_bytes(),
                           content_type=CONTENT_TYPES[path.suffix]) for path in FILES}
    # What each feed must end with, from the parse test_corpus_feeds.py checks against other parsers.
    expected: dict[str, dict] = {}
    for path, url in urls.items():
        try:
            parsed = parse_feed(path.read_bytes(), url, content_type=CONTENT_TYPES[path.suffix])
        except FetchError as exc:
            expected[url] = {"feed": {exc.reason}, "links": set(), "unlinked": 0, "keys": None}
            continue
        warned = {"malformed_feed"} if parsed.error else {"feed_truncated"} if \
            parsed.total_entries > len(parsed.entries) else set()
        # By canonical URL: two entries linking to one page (a permalink with two fragments) are one article.
        expected[url] = {"feed": warned, "links": {canonical_url(entry.link) for entry in parsed.entries if entry.link},
                         "unlinked": len({entry_key(entry) for entry in parsed.entries if not entry.link}),
                         "keys": {entry_key(entry) for entry in parsed.entries}, "title": parsed.title}
    feed_list = tmp_path / "feeds.txt"
    feed_list.write_text("".join(f"{url}\n" for url in urls.values()))
    database_url = f"sqlite:///{tmp_path / 'newswire.db'}"
    upgrade(database_url)
    engine = make_engine(database_url)
    articles_topic, letters_topic = f"t{unique}.newswire.articles.v1", f"t{unique}.newswire.deadletter.v1"
    ingest = IngestProcess(ingest_env(bootstrap=broker.bootstrap, prefix=unique, database_url=database_url,
                                      data_dir=tmp_path / "data", feeds=str(feed_list)),
                           tmp_path / "ingest.log", loopback_only=True).start()
    reader = None
    try:
        deadline = time.monotonic() + 60
        while reader is None:
            try:
                reader = TopicReader(broker.bootstrap, [articles_topic, letters_topic])
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)

        def unfinished() -> dict[str, str]:
            """Feeds whose end is not on the topics yet, with what they still lack."""
            reader.read()
            letters = [decode(DeadLetterRecord, value) for value in reader.messages[letters_topic]]
            published = {canonical_url(decode(ArticleRecord, value).url) for value in reader.messages[articles_topic]}
            lettered = {canonical_url(letter.url) for letter in letters if letter.url}
            by_feed = Counter((letter.url, letter.reason) for letter in letters)
            lacking = {}
            for url, want in expected.items():
                missing_links = want["links"] - lettered - published
                feed_letters = {reason for reason in want["feed"] if not by_feed[(url, reason)]}
                unlinked = sum(by_feed[(url, reason)] for reason in ("no_link", "bad_url")) < want["unlinked"]
                if missing_links or feed_letters or unlinked:
                    lacking[url] = f"{len(missing_links)} links, feed letters {feed_letters}, unlinked {unlinked}"
            return lacking

        deadline = time.monotonic() + 180
        while (lacking := unfinished()) and time.monotonic() < deadline:
            assert ingest.alive(), ingest.log()
            time.sleep(2)
        assert not lacking, f"{len(lacking)} feeds unfinished: {list(lacking.items())[:5]}"
        assert ingest.stop() == 0
        status = ingest.status()  # its last, written after the producer flushed
        assert status.get("stopped")
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < 3:
            before = sum(map(len, reader.messages.values()))
            reader.read()
            if sum(map(len, reader.messages.values())) > before:
                quiet_since = time.monotonic()
    finally:
        if ingest.alive():
            ingest.kill()
        if reader is not None:
            reader.close()
        site.close()

    letters = [decode(DeadLetterRecord, value) for value in reader.messages[letters_topic]]
    links = set().union(*(want["links"] for want in expected.values()))
    # Pages on the internet failed at the resolver; relative links joined with the local feed URL got
    # the local server's answer; nothing else was reached.
    for letter in letters:
        if letter.reason in FEED_REASONS or letter.reason in ("no_link", "bad_url"):
            assert letter.url in expected, letter
        else:
            assert canonical_url(letter.url) in links, letter
            host = urlsplit(letter.url).hostname
            # The feeds' server answers 404; another loopback origin (localhost:8000) is the address guard's.
            want = "http_404" if host == "127.0.0.1" else "private_address" if host == "localhost" else "dns_error"
            assert letter.reason == want, letter
        assert letter.error and letter.stage == "ingest"
    counted = Counter(letter.reason for letter in letters)
    # Each page failure is counted as it is dead-lettered; a feed's warning is counted on every poll that
    # sees it but dead-lettered once, when it appears.
    for reason, count in counted.items():
        assert (status["errors_by_reason"][reason] >= count if reason in FEED_REASONS
                else status["errors_by_reason"][reason] == count), (reason, count, status["errors_by_reason"])
    # The database's feed state: the entries each feed was read with, and its problem.
    store = SqlFeedStore(engine)
    for url, want in expected.items():
        state = store.get(url)
        if want["keys"] is None:
            assert state.consecutive_errors >= 1 and next(iter(want["feed"])) in state.last_error, url
            continue
        assert set(state.extra.get("entries") or {}) == want["keys"], url
        assert state.title == want["title"], url
        if want["feed"]:
            assert state.extra.get("warning") in want["feed"], url
    engine.dispose()
    feeds_lettered = sum(1 for want in expected.values() if want["keys"] is None or not want["keys"])
    print(f"\ncorpus through ingest: {len(FILES)} feeds ({feeds_lettered} without entries, as dead letters), "
          f"{len(links)} entry links, {len(letters)} dead letters: {dict(counted)}")
