"""Hostile replay input: every line is stored or dead-lettered, and the good lines around it are stored.

Three levels. Unit: what ``ingest.replay`` makes of a bad date. Property (Hypothesis, many examples,
SQLite and PostgreSQL): a generated hostile JSONL line goes through the replay path (``read_jsonl``,
``to_record``), the wire (``encode``), the sink's decoding and its store step (``write_isolated``)
between two good records. End to end (a handful, real broker, worker and sink): ``newswire replay``
of a file that interleaves good lines with one hostile line of each kind.

What happens to a date is decided, not just survived: a date UTC cannot hold (years 0 or 10000 once
converted) makes the line a ``replay`` dead letter ``bad_date``; any other date is stored in UTC.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import string
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st
from sqlalchemy import select

from newswire.ingest.replay import _parse_date, read_jsonl, to_record
from newswire.ids import article_id
from newswire.records import ArticleRecord, DeadLetterRecord, as_utc, encode
from newswire.settings import Settings
from newswire.topics import ARTICLES, DEADLETTER
from newswire.storage import mapping
from newswire.storage.db import make_engine, upgrade
from newswire.storage.models import Article, DeadLetter, Extraction
from newswire.storage.sink import SinkWorker, write_isolated

GOOD_TEXT = "At least {n} people were killed in the flood, officials said on Monday."


def replayed(tmp_path: Path, lines: list[dict | str]) -> list[ArticleRecord | DeadLetterRecord]:
    """The replay path of ``newswire replay`` for a JSONL file of ``lines``, in one process."""
    path = tmp_path / "lines.jsonl"
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))
    return [item if isinstance(item, DeadLetterRecord) else to_record(item) for item in read_jsonl(path)]


# --- unit: the decision on dates --------------------------------------------------------------------

@pytest.mark.parametrize("stated", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+05:00"])
def test_a_jsonl_date_utc_cannot_hold_is_a_bad_date_dead_letter(tmp_path, stated):
    good = {"url": "https://news.example/good", "text": GOOD_TEXT.format(n=3), "published_at": "2025-03-01T10:00:00+02:00"}
    bad = {"url": "https://news.example/bad", "text": GOOD_TEXT.format(n=4), "published_at": stated}
    page = {"url": "https://news.example/page", "published": "2025-03-01",
            "html": f'<html><head><meta property="article:published_time" content="{stated}"></head>'
                    f"<body><article><p>{GOOD_TEXT.format(n=5)} {GOOD_TEXT.format(n=6)}</p></article></body></html>"}
    first, second, third = replayed(tmp_path, [good, bad, page])
    assert isinstance(first, ArticleRecord) and first.published_at == datetime(2025, 3, 1, 8, tzinfo=timezone.utc)
    assert isinstance(second, DeadLetterRecord)
    assert (second.stage, second.reason, second.url) == ("replay", "bad_date", "https://news.example/bad")
    assert stated in second.error
    # The line's own date is fine; the page states one UTC cannot hold: the page is refused, not stored undated.
    assert isinstance(third, DeadLetterRecord) and third.reason == "bad_date", third


def test_parse_date_gives_utc_and_leaves_the_refusal_to_the_record():
    assert _parse_date("2025-03-01T10:00:00+02:00") == datetime(2025, 3, 1, 8, tzinfo=timezone.utc)
    assert _parse_date("2025-03-01T10:00:00+02:00").utcoffset().total_seconds() == 0
    assert _parse_date("2025-03-01") == datetime(2025, 3, 1, tzinfo=timezone.utc)
    assert _parse_date("yesterday") is None and _parse_date(None) is None
    stated = _parse_date("9999-12-31T23:00:00-05:00")  # as stated: ArticleRecord refuses it as bad_date
    assert stated is not None and stated.year == 9999 and stated.utcoffset().total_seconds() == -5 * 3600


def test_a_field_of_the_wrong_type_is_a_bad_record_dead_letter(tmp_path):
    [dead] = replayed(tmp_path, [{"url": "https://news.example/t", "text": "Some text.", "title": ["a", "list"]}])
    assert isinstance(dead, DeadLetterRecord) and (dead.reason, dead.stage) == ("bad_record", "replay")
    assert "title" in dead.error


# --- property: replay path -> wire -> sink, many examples -------------------------------------------

def _offset(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_clock = st.builds("T{:02d}:{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59), st.integers(0, 59))
_edge_day = st.sampled_from(["9999-12-31", "9999-12-30", "0001-01-01", "0001-01-02"])
EDGE_DATES = st.one_of(
    st.builds(lambda day, clock, minutes: day + clock + _offset(minutes), _edge_day, _clock,
              st.integers(-(24 * 60 - 1), 24 * 60 - 1)),  # every offset datetime accepts
    # The last day behind UTC and the first day ahead of it: about half leave years 1-9999 in UTC.
    st.builds(lambda clock, minutes: "9999-12-31" + clock + _offset(-minutes), _clock, st.integers(1, 24 * 60 - 1)),
    st.builds(lambda clock, minutes: "0001-01-01" + clock + _offset(minutes), _clock, st.integers(1, 24 * 60 - 1)),
    st.builds(lambda day, clock: day + clock + "Z", _edge_day, _clock),
    st.builds(lambda day, clock: day + clock, _edge_day, _clock),  # naive: UTC
)
DATES = st.one_of(st.none(), EDGE_DATES, EDGE_DATES, st.sampled_from(["", "yesterday", "2025-02-30", "10000-01-01"]),
                  st.datetimes(timezones=st.timezones()).map(datetime.isoformat))
HOSTILE_CHARS = st.characters(categories=["Cc", "Cs", "Cf", "Zs", "Zl", "Lu", "Ll", "Lo", "Nd", "Po", "So"])
TEXTS = st.one_of(
    st.text(HOSTILE_CHARS, max_size=400),  # control characters, lone surrogates, NUL, format characters
    st.sampled_from(["", " ", "\n\t \u00a0", "\x00", "\ud800", "\udfff\ud800"]),  # empty, whitespace, bare
    st.builds(lambda token, n: token * n, st.sampled_from(["said ", "12 345 6,789 0.5 ", "killed ", "\x00 ", "\ud83d "]),
              st.integers(1, 2000)),  # repeated tokens, digit runs, no punctuation
)
TITLES = st.one_of(st.none(), st.text(HOSTILE_CHARS, max_size=100),
                   st.integers(10_000, 300_000).map(lambda n: "Huge " * (n // 5)))


def noise(seed: int, size: int = 12_000) -> str:
    """Letters that do not compress: too long for a PostgreSQL btree index entry (2,704 bytes)."""
    chosen = random.Random(seed)
    return "".join(chosen.choice(string.ascii_letters + string.digits) for _ in range(size))


PATHS = st.one_of(st.just(""), st.text(HOSTILE_CHARS, max_size=40), st.integers(0, 2**32).map(noise))


@st.composite
def hostile_lines(draw) -> dict:
    line = {"path": draw(PATHS), "title": draw(TITLES), "published_at": draw(DATES)}
    text = draw(TEXTS)
    if draw(st.integers(1, 10)) == 7:  # a raw page, cleaned like a fetched one
        meta = line.pop("published_at") or ""
        line["html"] = (f'<html><head><meta property="article:published_time" content="{meta}"></head>'
                        f"<body><article><p>{text}</p></article></body></html>")
    else:
        line["text"] = text
    return line


def _date_fits(stated: str | None) -> bool | None:
    """True/False when ``stated`` is an ISO date UTC can/cannot hold; None when it is no date at all."""
    if not stated:
        return None
    try:
        parsed = datetime.fromisoformat(stated.replace("Z", "+00:00"))
    except ValueError:
        return None
    try:
        as_utc(parsed)
        return True
    except ValueError:
        return False


class Store:
    """The sink's half of the pipeline, in process: decode each message as the sink does, store the batch."""

    def __init__(self, database_url: str):
        upgrade(database_url)
        self.engine = make_engine(database_url)
        self.settings = Settings(database_url=database_url, topic_prefix="hostile.", kafka_bootstrap="127.0.0.1:1")
        self.worker = SinkWorker(self.settings, self.engine)  # never run: no broker is contacted
        self.offsets = itertools.count()

    def sink(self, records: list[ArticleRecord | DeadLetterRecord]) -> list:
        items = []
        for record in records:
            topic = (ARTICLES if isinstance(record, ArticleRecord) else DEADLETTER).full_name("hostile.")
            key = record.article_id or getattr(record, "url", None)
            message = SimpleNamespace(topic=topic, partition=0, offset=next(self.offsets),
                                      key=key.encode() if key else None, value=encode(record))
            items.append(self.worker._decode(message))
        write_isolated(self.worker.writer, items)
        return items

    def stored(self, item) -> bool:
        """The item's record (an article or a dead letter) is in the database."""
        with self.engine.connect() as conn:
            record = item.record
            if isinstance(record, ArticleRecord):
                table = Article.__table__
                return conn.execute(select(table.c.article_id).where(
                    table.c.article_id == record.article_id, table.c.version == record.version)).first() is not None
            table = DeadLetter.__table__
            return conn.execute(select(table.c.id).where(table.c.id == mapping.dead_letter_id(record))).first() is not None


@pytest.fixture
def store(database_url):
    found = Store(database_url)
    yield found
    found.engine.dispose()


_numbers = itertools.count()


def good_line() -> dict:
    n = next(_numbers)
    return {"url": f"https://good.example/{os.getpid()}/{n}", "text": GOOD_TEXT.format(n=n % 900 + 2),
            "published_at": "2025-03-01T10:00:00+01:00"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow, HealthCheck.data_too_large])
@given(line=hostile_lines())
def test_every_hostile_line_is_stored_or_dead_lettered_and_its_neighbours_are_stored(store, tmp_path, line):
    line = {"url": f"https://hostile.example/{next(_numbers)}/{line.pop('path')}", **line}
    before, hostile, after = replayed(tmp_path, [good_line(), line, good_line()])
    items = store.sink([before, hostile, after])
    assert all(store.stored(item) for item in items), [(i.record.__class__.__name__, i.new_dead_letter) for i in items]
    assert not items[0].new_dead_letter and not items[2].new_dead_letter  # the good neighbours, as themselves
    assert isinstance(before, ArticleRecord) and isinstance(after, ArticleRecord)
    event("stored" if isinstance(items[1].record, ArticleRecord) else f"dead letter {items[1].record.reason}")
    if "text" in line:  # what the line decides, exactly
        fits = _date_fits(line["published_at"])
        if not line["text"]:
            assert isinstance(hostile, DeadLetterRecord) and hostile.reason == "no_article_text", hostile
        elif fits is False:
            assert isinstance(hostile, DeadLetterRecord) and hostile.reason == "bad_date", hostile
        else:
            assert isinstance(hostile, ArticleRecord), hostile
            assert hostile.published_at == (_parse_date(line["published_at"]) if fits else None)
            assert hostile.published_at is None or hostile.published_at.utcoffset().total_seconds() == 0
            if items[1].new_dead_letter:  # only PostgreSQL refuses a row: a URL too long for its btree index
                dead = items[1].record
                assert (dead.stage, dead.reason, store.engine.dialect.name) == ("sink", "db_rejected", "postgresql")
                assert len(line["url"]) > 2704 and dead.article_id == hostile.article_id
            # else: stored as itself, lone surrogates as U+FFFD


# --- end to end: a handful through newswire replay ----------------------------------------------------

HANDFUL = [
    {"text": GOOD_TEXT.format(n=41), "published_at": "9999-12-31T23:00:00-05:00"},
    {"text": GOOD_TEXT.format(n=42), "published_at": "0001-01-01T00:30:00+05:00"},
    {"text": GOOD_TEXT.format(n=43), "published_at": "9999-12-31T18:59:59-05:00"},  # the last second UTC holds
    {"text": "Nine\x00 people were \ud800 killed\x07\x1b[31m in the blast, police said.", "title": "NUL\x00 \udfff"},
    {"text": GOOD_TEXT.format(n=44), "title": "Huge " * 40_000},
    {"text": "   \n\t "},
    {"text": ""},
    {"text": "said " * 400, "published_at": "0001-01-01T00:00:00+00:01"},
    {"text": "12 345 6,789 0.5 " * 100},
    {"text": GOOD_TEXT.format(n=47), "guid": noise(7)},  # PostgreSQL's btree index refuses it: the sink's dead letter
    {"html": '<html><head><meta property="article:published_time" content="9999-12-31T23:00:00-05:00"></head>'
             f"<body><article><p>{GOOD_TEXT.format(n=45)} {GOOD_TEXT.format(n=46)}</p></article></body></html>"},
]


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)  # the stricter one; the sink above meets both
def test_replay_of_hostile_lines_stores_or_dead_letters_each_and_every_good_one(database_url, tmp_path):
    lines: list[dict] = []
    hostile_urls: list[str] = []
    good_urls: list[str] = []
    for n, hostile in enumerate(HANDFUL):
        good = good_line()
        good_urls.append(good["url"])
        hostile_urls.append(f"https://hostile.example/e2e/{n}")
        lines += [good, {"url": hostile_urls[-1], **hostile}]
    good = good_line()
    good_urls.append(good["url"])
    lines.append(good)
    source = tmp_path / "hostile.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATABASE_URL=database_url, NEWSWIRE_DATA_DIR=str(tmp_path / "data"), COLUMNS="200")
    result = subprocess.run([sys.executable, "-m", "newswire", "replay", str(source)], env=env, capture_output=True,
                            text=True, timeout=240)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    assert "Traceback" not in result.stderr, result.stderr[-5000:]

    engine = make_engine(database_url)
    with engine.connect() as conn:
        articles = {row.article_id: row for row in conn.execute(select(Article.__table__))}
        extracted = {row.article_id for row in conn.execute(select(Extraction.__table__))}
        letters = list(conn.execute(select(DeadLetter.__table__)))
    engine.dispose()
    for url in good_urls:
        assert article_id(url) in articles and article_id(url) in extracted, url
    by_url = {row.url: row for row in letters if row.url}
    by_article = {row.article_id: row for row in letters if row.article_id}
    outcome = {}
    for url in hostile_urls:
        aid = article_id(url)
        assert (aid in articles) != (url in by_url or aid in by_article), url  # stored, or dead-lettered: one
        outcome[url] = "stored" if aid in articles else (by_url.get(url) or by_article[aid]).reason
    assert [outcome[url] for url in hostile_urls] == [
        "bad_date", "bad_date", "stored", "stored", "stored", "stored", "no_article_text", "bad_date", "stored",
        "stored" if database_url.startswith("sqlite") else "db_rejected", "bad_date"]
    nul = articles[article_id(hostile_urls[3])]
    assert nul.text == "Nine\ufffd people were \ufffd killed\x07\x1b[31m in the blast, police said."
    assert articles[article_id(hostile_urls[2])].published_at == datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
    assert len(articles[article_id(hostile_urls[4])].title) == 200_000
