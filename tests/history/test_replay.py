"""`newswire replay` and `newswire reprocess`, end to end on the embedded broker (SQLite and PostgreSQL),
and on Apache Kafka (``NEWSWIRE_KAFKA_BOOTSTRAP``; PostgreSQL).

The archives are built here: a WARC file (the CC-NEWS format, written with warcio), an archived
RSS feed with full content, and a JSONL export, all from our own synthetic news pages.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newswire.ids import article_id
from newswire.app.bench.synthetic import make_page
from newswire.storage.db import make_engine
from newswire.storage.models import Article, DeadLetter, Extraction, Figure
from tests.conftest import broker_matrix
from tests.faults.conftest import Stage
from tests.kafka_cluster import KafkaCluster

pytestmark = pytest.mark.slow


def write_warc(path: Path, indices: range) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i in indices:
            page = make_page(i)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            body = page.html.encode()
            record = writer.create_warc_record(page.url, "response", payload=io.BytesIO(body), length=len(body),
                                               http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2026-01-01T00:00:00Z"})
            writer.write_record(record)
        # Not HTML: skipped, like CC-NEWS's robots.txt and images.
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example.org/x.jpg", "response",
                                                      payload=io.BytesIO(b"\xff\xd8\xff"), length=3,
                                                      http_headers=headers))


def write_feed_archive(path: Path, indices: range) -> None:
    items = []
    for i in indices:
        page = make_page(i)
        body = page.html.split("<article>")[1].split("</article>")[0]
        items.append(f"<item><title>{page.title}</title><link>{page.url}</link><guid>story-{i}</guid>"
                     f"<pubDate>{format_datetime(page.published_at)}</pubDate>"
                     f"<content:encoded><![CDATA[{body}]]></content:encoded></item>")
    path.write_text('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
                    f"<channel><title>Archive</title>{''.join(items)}</channel></rss>")


def run(args: list[str], env: dict[str, str], timeout: float = 240) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "newswire", *args], env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return result


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with Session(engine) as session:
        found = {name: session.execute(select(func.count()).select_from(model)).scalar_one()
                 for name, model in (("articles", Article), ("figures", Figure), ("extractions", Extraction),
                                     ("dead_letters", DeadLetter))}
    engine.dispose()
    return found


@broker_matrix
def test_replay_archives_end_to_end_twice_changes_nothing(broker, database_url, unique, tmp_path):
    warc, feed, jsonl = tmp_path / "news.warc.gz", tmp_path / "feed.xml", tmp_path / "articles.jsonl"
    write_warc(warc, range(0, 12))
    write_feed_archive(feed, range(12, 20))
    jsonl.write_text("\n".join([
        json.dumps({"url": "https://wire.example.net/a/1", "title": "Quake toll rises",
                    "text": "At least 31 people were killed in the earthquake, officials said on Monday.",
                    "published_at": "2024-06-03T10:00:00Z"}),
        "this line is not JSON",
    ]) + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATABASE_URL=database_url, NEWSWIRE_DATA_DIR=str(tmp_path / "data"))
    stages: list[Stage] = []
    wait = []
    if isinstance(broker, KafkaCluster):
        # A cluster, as in production: the schema is migrated beforehand, the worker and the sink run
        # on their own and replay waits for them. (Without a bootstrap, replay runs all that itself.)
        env.update(NEWSWIRE_KAFKA_BOOTSTRAP=broker.bootstrap, NEWSWIRE_TOPIC_PREFIX=f"t{unique}.",
                   NEWSWIRE_CONSUMER_GROUP_PREFIX=f"g{unique}")
        run(["db", "upgrade"], env)
        stages = [Stage(name, [name], env, tmp_path / f"{name}.log").start() for name in ("process", "sink")]
        wait = ["--wait"]

    try:
        first = run(["replay", *wait, str(warc), str(feed), str(jsonl)], env)
    finally:
        for stage in stages:
            stage.stop()
    assert "summary" in first.stdout
    after_first = counts(database_url)
    assert after_first["articles"] == 21 and after_first["extractions"] == 21
    assert after_first["figures"] > 21 * 2
    assert after_first["dead_letters"] == 1  # the line that is not JSON, counted and kept

    engine = make_engine(database_url)
    with Session(engine) as session:
        rows = {row.article_id: row for row in session.execute(select(Article)).scalars()}
    engine.dispose()
    for i in range(0, 20):
        page = make_page(i)
        row = rows[article_id(page.url)]
        assert row.replayed and row.version == 1
        assert row.published_at == page.published_at  # the original publication time, not the capture date
    wire = rows[article_id("https://wire.example.net/a/1")]
    assert wire.published_at == datetime(2024, 6, 3, 10, tzinfo=timezone.utc)

    # Again, from another data directory: nothing new, so no broker or worker is even started.
    env.update(NEWSWIRE_DATA_DIR=str(tmp_path / "data-again"), COLUMNS="200")
    second = run(["replay", str(warc), str(feed), str(jsonl)], env)
    assert counts(database_url) == after_first
    read, outside, unchanged, published, dead_letters, known_failures, stored = summary_values(second.stdout)[:7]
    assert (read, unchanged, known_failures) == ("23", "21", "1")  # the JPEG response is read, and skipped
    assert published == dead_letters == stored == "0"
    assert not (tmp_path / "data-again" / "broker.json").exists()
    assert not (tmp_path / "data-again" / "pids.json").exists()


def summary_values(stdout: str) -> list[str]:
    """The cells of the replay summary table's one row (read, outside window, unchanged, published, ...)."""
    row = [line for line in stdout.splitlines() if line.count("│") > 5][-1]
    return [cell.strip() for cell in row.strip().strip("│").split("│")]


def test_replay_window_and_reprocess(tmp_path):
    warc = tmp_path / "news.warc.gz"
    write_warc(warc, range(0, 10))
    url = f"sqlite:///{tmp_path / 'nw.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATABASE_URL=url, NEWSWIRE_DATA_DIR=str(tmp_path / "data"))
    published = sorted(make_page(i).published_at for i in range(10))
    since, until = published[3], published[7]
    run(["replay", str(warc), "--since", since.isoformat(), "--until", until.isoformat()], env)
    assert counts(url)["articles"] == 4

    before = counts(url)
    result = run(["reprocess", "--since", "2000-01-01"], env)
    assert counts(url) == before  # same extractor version: results replaced by themselves
    assert "4" in result.stdout
