"""`newswire replay` of WARCs end to end (embedded broker, SQLite and PostgreSQL): versions by content
in any file order, damaged files next to good ones, status codes, encodings, resource records, dates."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import brotli
import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select
from warcio.warcwriter import WARCWriter

from newswire.app.history import HistorySummary, VersionLedger, versioned
from newswire.ingest.replay import ArchivedItem, clean_all, read_sources, to_record
from newswire.ids import article_id
from newswire.processors.results import build_results
from newswire.processors.extract import EXTRACTOR_VERSION, extract
from newswire.records import ArticleRecord, ExtractionRecord
from newswire.storage.db import make_engine, open_database
from newswire.storage.writer import RecordWriter
from newswire.storage.models import Article, DeadLetter, Event, Extraction, Figure
from tests.replay.warcs import page, resource, response, revisit

pytestmark = pytest.mark.slow

URL, FIRST = page(1)[:2]
SECOND = FIRST.replace(b"</article>", b"<p>By Tuesday, rescuers said 57 people had been confirmed dead and 210 "
                                      b"injured across the district.</p></article>")
T1, T2, T3 = "2025-06-01T08:00:00Z", "2025-06-02T08:00:00Z", "2025-06-03T08:00:00Z"


def env_for(database_url: str, data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATABASE_URL=database_url, NEWSWIRE_DATA_DIR=str(data), COLUMNS="250")
    return env


def replay(env: dict[str, str], *files: Path, json_path: Path | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "newswire", "replay", "--workers", "2", *map(str, files)]
    if json_path is not None:
        args += ["--json", str(json_path)]
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return result


def warc(path: Path, captures: list[tuple[str, bytes, str]]) -> Path:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body, date in captures:
            response(writer, url, body, date=date)
    return path


def snapshot(database_url: str) -> dict[str, list]:
    """Everything replay decides, without the times the database stored it at."""
    engine = make_engine(database_url)
    with engine.connect() as conn:
        found = {
            "articles": sorted(conn.execute(select(Article.article_id, Article.version, Article.content_hash,
                                                   Article.fetched_at, Article.published_at)).all()),
            "figures": sorted(conn.execute(select(Figure.figure_id, Figure.article_id, Figure.article_version,
                                                  Figure.start, Figure.end, Figure.value, Figure.category)).all()),
            "events": sorted(conn.execute(select(Event.event_id, Event.article_id, Event.article_version,
                                                 Event.type, Event.start, Event.end)).all()),
            "extractions": sorted(conn.execute(select(Extraction.article_id, Extraction.article_version,
                                                      Extraction.figures, Extraction.events)).all()),
            "dead_letters": sorted(conn.execute(select(DeadLetter.id, DeadLetter.reason)).all()),
        }
    engine.dispose()
    return found


def empty(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.begin() as conn:
        for model in (Article, Figure, Event, Extraction, DeadLetter):
            conn.execute(delete(model.__table__))
    engine.dispose()


def out_of_order_archives(tmp_path: Path) -> tuple[Path, Path]:
    """a: both captures of the page in capture order, and another page; b: the second capture again,
    the first text captured once more later (the same version), and a third page."""
    a = warc(tmp_path / "a.warc.gz", [(URL, FIRST, T1), (URL, SECOND, T2), (*page(2)[:2], T1)])
    b = warc(tmp_path / "b.warc.gz", [(URL, SECOND, T2), (URL, FIRST, T3), (*page(3)[:2], T2)])
    return a, b


def check_versions_whatever_the_file_order(database_url: str, a: Path, b: Path, replay_files) -> None:
    """Both files in capture order; then a fresh database, one file at a time, the later crawl first;
    then a fresh database, both files in one run, the later crawl first: the same rows every time.
    ``replay_files(*files)`` returns the number of versions the replay renumbered."""
    replay_files(a, b)
    expected = snapshot(database_url)
    versions = [(row[1], row[3]) for row in expected["articles"] if row[0] == article_id(URL)]
    assert versions == [(1, datetime(2025, 6, 1, 8, tzinfo=timezone.utc)),
                        (2, datetime(2025, 6, 2, 8, tzinfo=timezone.utc))]
    assert len(expected["articles"]) == 4 and len(expected["extractions"]) == 4
    second = {row for row in expected["figures"] if row[1] == article_id(URL) and row[2] == 2}
    assert {row[5] for row in second} >= {57, 210}  # the second version's own figures

    empty(database_url)  # a fresh database, one file at a time, the later crawl first
    replay_files(b)
    first_run = snapshot(database_url)
    assert [(row[1], row[3].day) for row in first_run["articles"] if row[0] == article_id(URL)] == [(1, 2), (2, 3)]
    assert replay_files(a) > 0  # renumbered
    assert snapshot(database_url) == expected

    empty(database_url)  # a fresh database, both files in one run, the later crawl first
    replay_files(b, a)
    assert snapshot(database_url) == expected


# End to end once (four `newswire replay` runs, ~15 s each): the database does not decide the outcome
# there, the storage queries renumbering rests on do, and the test below runs them on both databases.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_versions_follow_content_and_capture_time_whatever_the_file_order(database_url, tmp_path):
    env = env_for(database_url, tmp_path / "data")

    def replay_files(*files: Path) -> int:
        stdout = replay(env, *files).stdout
        found = re.search(r"versions renumbered by capture time: (\d+)", stdout)
        return int(found.group(1)) if found else 0

    check_versions_whatever_the_file_order(database_url, *out_of_order_archives(tmp_path), replay_files)


def test_versions_follow_capture_time_on_both_databases_without_a_broker(database_url, tmp_path):
    """The same file orders and rows as above, on SQLite and PostgreSQL, without the broker: replay's own
    reading, cleaning, numbering (``versioned``) and settling (``VersionLedger``) against the database,
    with the worker's extraction and the sink's writer in place of the topics between them."""
    engine = open_database(database_url)

    def store(articles: list[ArticleRecord]) -> None:
        batch = []
        for article in articles:
            figures, events = build_results(article, extract(article.text, article.published_at))
            batch += [article, *figures, *events, ExtractionRecord(
                article_id=article.article_id, article_version=article.version,
                extractor_version=EXTRACTOR_VERSION, figures=len(figures), events=len(events))]
        RecordWriter(engine).write(batch)

    def replay_files(*files: Path) -> int:
        ledger = VersionLedger(engine)
        outcomes = ((source, outcome) for source, outcome in clean_all(read_sources(files), workers=1)
                    if isinstance(outcome, ArticleRecord))
        store(list(versioned(outcomes, engine, HistorySummary(), ledger)))  # published, then stored
        again = ledger.settle() if ledger.needed() else []  # once everything is stored, as publish_history
        store(again)
        return len(again)

    try:
        check_versions_whatever_the_file_order(database_url, *out_of_order_archives(tmp_path), replay_files)
    finally:
        engine.dispose()


def _mixed(path: Path) -> None:
    """Pages, the responses that are no pages, and damage, in one per-record-gzip file."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    offsets = []

    def mark():
        offsets.append(buffer.tell())

    mark(); response(writer, *page(10)[:2], date=T1)
    mark(); response(writer, "https://news.example.org/old", b"", status="301 Moved Permanently",
                     extra=[("Location", page(10)[0])])
    mark(); response(writer, "https://news.example.org/nope", b"<html><body>Page not found</body></html>",
                     status="404 Not Found")
    mark(); response(writer, "https://news.example.org/down", b"<html><body>Access Denied</body></html>",
                     status="500 Internal Server Error")
    mark(); revisit(writer, page(10)[0])
    mark(); resource(writer, page(11)[0], page(11)[1], date=T1)
    mark(); response(writer, page(12)[0], brotli.compress(page(12)[1]), date=T1, extra=[("Content-Encoding", "br")])
    mark(); response(writer, page(13)[0], zstandard.ZstdCompressor().compress(page(13)[1]), date=T1,
                     extra=[("Content-Encoding", "zstd")])
    mark(); response(writer, page(14)[0], page(14)[1], date=T1)  # its member is corrupted below
    footer_only = (b"<html><head><title>Flood waters recede</title></head><body><article>"
                   + b"<p>Flood waters receded across the valley on Wednesday as 1,200 residents returned home, "
                     b"officials in the provincial capital said.</p>" * 3
                   + b"</article><footer>Copyright 2013 Example Wire</footer></body></html>")
    mark(); response(writer, "https://news.example.org/flood", footer_only, date="2014-04-02T10:00:00Z")
    mark()
    data = bytearray(buffer.getvalue())
    for at in range(offsets[8] + 60, offsets[8] + 90):
        data[at] ^= 0x5A
    path.write_bytes(bytes(data))
    # The digest case is written uncompressed, where the block can be changed in place.
    plain = io.BytesIO()
    response(WARCWriter(plain, gzip=False), *page(15)[:2], date=T1)
    changed = plain.getvalue().replace(b"<p>", b"<P>", 1)
    digest_path = path.with_name("digest.warc")
    digest_path.write_bytes(changed)


def test_good_broken_good_and_every_kind_of_record(database_url, tmp_path):
    good = warc(tmp_path / "good.warc.gz", [(*page(i)[:2], T1) for i in (20, 21)])
    good2 = warc(tmp_path / "good2.warc.gz", [(*page(i)[:2], T1) for i in (22, 23)])
    broken = tmp_path / "broken.warc"
    broken.write_bytes(os.urandom(3000))
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(good2.read_bytes()[:len(good2.read_bytes()) - 200])  # the second record cut short
    mixed = tmp_path / "mixed.warc.gz"
    _mixed(mixed)
    plain = tmp_path / "plain.warc"
    with open(plain, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        for i in (24, 25):
            response(writer, *page(i)[:2], date=T1)
    whole_gzip = tmp_path / "whole.warc.gz"  # `gzip plain.warc`: one member for the whole file
    whole_gzip.write_bytes(gzip.compress(plain.read_bytes()))
    env = env_for(database_url, tmp_path / "data")
    report = tmp_path / "summary.json"

    result = replay(env, good, broken, good2, mixed, cut, tmp_path / "digest.warc", whole_gzip, json_path=report)
    assert "could not read " in result.stdout and "broken.warc" in result.stdout.split("could not read ")[1][:200]

    engine = make_engine(database_url)
    with engine.connect() as conn:
        rows = {row.url: row for row in conn.execute(select(Article.__table__))}
        letters = conn.execute(select(DeadLetter.reason, DeadLetter.url, DeadLetter.error)).all()
    engine.dispose()
    stored = {url for url in rows}
    assert stored == {page(i)[0] for i in (10, 11, 12, 13, 20, 21, 22, 23, 24, 25)} | {"https://news.example.org/flood"}
    assert all(row.version == 1 for row in rows.values())
    flood = rows["https://news.example.org/flood"]
    assert flood.published_at == datetime(2014, 4, 2, 10, tzinfo=timezone.utc)  # not the footer's 2013
    assert rows[page(10)[0]].published_at <= rows[page(10)[0]].fetched_at

    reasons = sorted(reason for reason, _, _ in letters)
    assert reasons.count("bad_record") >= 2 and reasons.count("truncated_record") == 2
    assert any(url.startswith("mixed.warc.gz@") and reason == "bad_record" for reason, url, _ in letters)
    assert any("digest.warc" in error and "Digest" in error for reason, _, error in letters)

    summary = json.loads(report.read_text())
    files = summary["files"]
    assert files[str(good)]["articles"] == files[str(good)]["stored"] == 2
    assert files[str(good2)]["articles"] == files[str(good2)]["stored"] == 2
    assert files[str(whole_gzip)]["articles"] == files[str(whole_gzip)]["stored"] == 2
    assert files[str(broken)]["articles"] == 0 and set(files[str(broken)]["dead_letters"]) == {"bad_record"}
    assert files[str(mixed)]["skipped"] == {"redirect": 1, "http_4xx": 1, "http_5xx": 1, "revisit": 1}
    assert files[str(mixed)]["dead_letters"] == {"bad_record": 1}
    assert files[str(mixed)]["articles"] == 5
    assert files[str(cut)] == {**files[str(cut)], "unchanged": 1, "dead_letters": {"truncated_record": 1}}
    assert summary["date_sources"]["capture"] >= 1 and summary["date_sources"]["metadata"] >= 8


_example = iter(range(10**6))


# Where an archive is cut is the reader's business, not the database's: SQLite is enough here.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cuts=st.lists(st.integers(0, 10**6), min_size=4, max_size=4), gzip_records=st.booleans())
def test_archives_cut_at_random_store_what_precedes_the_cut_and_nothing_partial(database_url, tmp_path_factory,
                                                                                 cuts, gzip_records):
    """Four archives of four pages, each cut at a random offset, replayed together (pages differ between
    files and examples, so each file's outcome is its own)."""
    tmp_path = tmp_path_factory.mktemp("cuts")
    base = 1000 + next(_example) * 16
    files, expected, before, straddling = [], {}, set(), set()
    for n, share in enumerate(cuts):
        indices = range(base + n * 4, base + n * 4 + 4)
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=gzip_records)
        ends = []
        for i in indices:
            url, body, _ = page(i)
            response(writer, url, body, date=T1)
            ends.append(buffer.tell())
            record = to_record(ArchivedItem(source="-", url=url, html=body))
            expected[record.article_id] = record.text
        data = buffer.getvalue()
        cut = share * len(data) // 10**6
        path = tmp_path / f"cut{n}.warc.gz"
        path.write_bytes(data[:cut])
        files.append(path)
        ids = [article_id(page(i)[0]) for i in indices]
        before |= {aid for aid, end in zip(ids, ends) if end <= cut}
        straddling |= {aid for aid, start, end in zip(ids, [0, *ends], ends) if start < cut < end}
    replay(env_for(database_url, tmp_path / "data"), *files)
    engine = make_engine(database_url)
    with engine.connect() as conn:
        stored = dict(conn.execute(select(Article.article_id, Article.text)
                                   .where(Article.article_id.in_(list(expected)))).all())
    engine.dispose()
    assert before <= set(stored) <= before | straddling  # all before the cut; the cut one only if whole
    assert all(stored[aid] == expected[aid] for aid in stored)  # nothing partial
