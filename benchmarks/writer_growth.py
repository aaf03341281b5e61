"""The sink's writer as the database grows: its cost an article, every ``--report-every`` articles.

A writer whose cost grows with the rows already stored slows a months-long deployment to a crawl;
this one must stay flat from 10,000 to 1,000,000 articles. Articles are synthetic news-site pages
(``newswire.app.bench.synthetic``), cleaned and extracted once; each article written is a copy under a new id
with its own figures, events and extraction marker (about 13 figures and 13 events an article), in
batches of 500 records as the sink writes them. Article i is published 30 s after article i - 1, as a
desk's articles arrive (1,000,000 articles: about a year), so the time-ordered indexes grow at their
newest end, as they do in production.

Each line: articles so far, CPU and wall ms an article over the last interval, and on PostgreSQL
the database's shared-buffer reads (blocks not in PostgreSQL's cache: from the OS cache or the
disk) and WAL bytes an article (the server's WAL position: on a shared server, or with two runs at
once, other databases' writes count too), and the database's size. A run can stop at any point (Ctrl-C) and the lines so far are the curve;
``--resume`` carries on in the same database (``--start`` = the articles it already holds).

    .venv/bin/python benchmarks/writer_growth.py [--articles 1000000] [--report-every 10000]
        [--database-url URL] [--revision 0001] [--start N]

Without ``--database-url`` it writes to a fresh SQLite file (PostgreSQL: a database you can empty).
``--revision 0001`` migrates only to the schema before the writer's indexes (figures and events keyed
by their id alone) and writes its keys (``ON CONFLICT (figure_id)``), to compare the two in one run.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from newswire.ingest.replay import ArchivedItem, to_record  # noqa: E402
from newswire.processors.agents import build_results  # noqa: E402
from newswire.processors.extract import EXTRACTOR_VERSION, extract  # noqa: E402
from newswire.records import ExtractionRecord  # noqa: E402
from newswire.storage import writer as writer_module  # noqa: E402
from newswire.storage.db import make_engine, upgrade  # noqa: E402
from newswire.storage.writer import RecordWriter  # noqa: E402
from newswire.app.bench.synthetic import make_page  # noqa: E402

BATCH_RECORDS = 500
FIRST_PUBLISHED = datetime(2025, 1, 1, tzinfo=timezone.utc)
PUBLISHED_EVERY = timedelta(seconds=30)


def pg_counters(engine) -> tuple[int, int, int] | None:
    """(blocks read from outside shared buffers, WAL position in bytes, database bytes) on PostgreSQL."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        reads = conn.execute(text("SELECT blks_read FROM pg_stat_database WHERE datname = current_database()")).scalar()
        wal = conn.execute(text("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")).scalar()
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
    return int(reads or 0), int(wal or 0), int(size or 0)


def write_schema_0001_keys() -> None:
    """The writer's upserts name schema 0001's conflict keys: figures and events by their id alone."""
    upsert = writer_module.upsert

    def upsert_0001(conn, table, rows, keys, update=True):
        if table.name in ("figures", "events"):
            keys = [key for key in keys if key != "article_id"]
        return upsert(conn, table, rows, keys, update)

    writer_module.upsert = upsert_0001


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="articles to reach (counting --start)")
    parser.add_argument("--report-every", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--revision", default="head", help="migrate to this revision only (e.g. 0001)")
    parser.add_argument("--start", type=int, default=0, help="articles the database already holds (--resume)")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'writer.db'}"

    cleaned = []
    for i in range(20):
        page = make_page(i, site_chrome=True)
        record = to_record(ArchivedItem(source="synthetic", url=page.url, html=page.html))
        cleaned.append((record, extract(record.text, record.published_at)))
    engine = make_engine(url)
    upgrade(engine, args.revision)
    if args.revision == "0001":
        write_schema_0001_keys()
    writer = RecordWriter(engine)

    every = args.report_every
    print(f"# {engine.dialect.name}, schema {args.revision}, batches of {BATCH_RECORDS} records", flush=True)
    print(f"{'articles':>9} {'records':>10} {'CPU ms/art':>10} {'wall ms/art':>11} {'blk reads/art':>13} "
          f"{'WAL kB/art':>10} {'db MB':>8}", flush=True)
    batch, records = [], 0
    cpu, wall, counters = time.process_time(), time.perf_counter(), pg_counters(engine)
    for i in range(args.start, args.articles):
        article, extraction = cleaned[i % len(cleaned)]
        article = article.model_copy(update={"article_id": hashlib.sha256(f"growth {i}".encode()).hexdigest(),
                                             "published_at": FIRST_PUBLISHED + i * PUBLISHED_EVERY})
        figures, events = build_results(article, extraction)
        batch += [article, *figures, *events, ExtractionRecord(
            article_id=article.article_id, article_version=article.version, extractor_version=EXTRACTOR_VERSION,
            figures=len(figures), events=len(events))]
        if len(batch) >= BATCH_RECORDS:
            writer.write(batch)
            records += len(batch)
            batch = []
        if (i + 1) % every == 0:
            now_cpu, now_wall, now_counters = time.process_time(), time.perf_counter(), pg_counters(engine)
            pg = ("", "", "")
            if counters and now_counters:
                pg = (f"{(now_counters[0] - counters[0]) / every:.1f}",
                      f"{(now_counters[1] - counters[1]) / every / 1024:.1f}", f"{now_counters[2] / 2**20:.0f}")
            elif url.startswith("sqlite:///"):
                pg = ("", "", f"{Path(url.removeprefix('sqlite:///')).stat().st_size / 2**20:.0f}")
            print(f"{i + 1:>9} {records:>10} {1000 * (now_cpu - cpu) / every:>10.2f} "
                  f"{1000 * (now_wall - wall) / every:>11.2f} {pg[0]:>13} {pg[1]:>10} {pg[2]:>8}", flush=True)
            cpu, wall, counters = now_cpu, now_wall, now_counters
    if batch:
        writer.write(batch)
    engine.dispose()


if __name__ == "__main__":
    main()
