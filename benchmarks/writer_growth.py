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
    .venv/bin/python benchmarks/writer_growth.py --prefill-at 10000,100000,1000000 [--measure 5000] ...

``--prefill-at``: the database grows to each size by SQL (``growth_prefill.py``, minutes instead of
hours), then ``--measure`` articles go through the writer and one line gives their cost.

Without ``--database-url`` it writes to a fresh SQLite file (PostgreSQL: a database you can empty).
``--revision 0001`` migrates only to the schema before the writer's indexes (figures and events keyed
by their id alone) and writes its keys (``ON CONFLICT (figure_id)``), to compare the two in one run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import text  # noqa: E402

from newswire.ingest.replay import ArchivedItem, to_record  # noqa: E402
from newswire.processors.results import build_results  # noqa: E402
from newswire.processors.extract import EXTRACTOR_VERSION, extract  # noqa: E402
from newswire.records import ExtractionRecord  # noqa: E402
from newswire.storage import writer as writer_module  # noqa: E402
from newswire.storage.db import make_engine, upgrade  # noqa: E402
from newswire.storage.writer import RecordWriter  # noqa: E402
from newswire.app.bench.synthetic import make_page  # noqa: E402

from growth_prefill import article_id, article_url, prefill  # noqa: E402

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


class Meter:
    """CPU and wall ms an article since the last line, and PostgreSQL's counters (see the docstring)."""

    def __init__(self, engine, url: str):
        self.engine, self.url = engine, url
        self.reset()

    def reset(self) -> None:
        self.cpu, self.wall, self.counters = time.process_time(), time.perf_counter(), pg_counters(self.engine)

    @staticmethod
    def header() -> str:
        return (f"{'articles':>9} {'records':>10} {'CPU ms/art':>10} {'wall ms/art':>11} {'blk reads/art':>13} "
                f"{'WAL kB/art':>10} {'db MB':>8}")

    def line(self, articles: int, records: int, interval: int) -> str:
        cpu, wall, counters = time.process_time(), time.perf_counter(), pg_counters(self.engine)
        pg = ("", "", "")
        if self.counters and counters:
            pg = (f"{(counters[0] - self.counters[0]) / interval:.1f}",
                  f"{(counters[1] - self.counters[1]) / interval / 1024:.1f}", f"{counters[2] / 2**20:.0f}")
        elif self.url.startswith("sqlite:///"):
            pg = ("", "", f"{Path(self.url.removeprefix('sqlite:///')).stat().st_size / 2**20:.0f}")
        text_ = (f"{articles:>9} {records:>10} {1000 * (cpu - self.cpu) / interval:>10.2f} "
                 f"{1000 * (wall - self.wall) / interval:>11.2f} {pg[0]:>13} {pg[1]:>10} {pg[2]:>8}")
        self.reset()
        return text_


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="articles to reach (counting --start)")
    parser.add_argument("--report-every", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--revision", default="head", help="migrate to this revision only (e.g. 0001)")
    parser.add_argument("--start", type=int, default=0, help="articles the database already holds (--resume)")
    parser.add_argument("--prefill-at", type=lambda v: sorted(int(n) for n in v.split(",")), default=None,
                        help="e.g. 10000,100000,1000000: grow the database to each size by SQL "
                             "(growth_prefill.py), then write --measure articles through the writer")
    parser.add_argument("--measure", type=int, default=5000, help="articles written at each --prefill-at point")
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
    meter = Meter(engine, url)
    records = 0

    def write_articles(start: int, stop: int, report_every: int | None) -> None:
        """Articles ``start..stop-1`` through the writer in the sink's batches; a line every ``report_every``."""
        nonlocal records
        batch = []
        for i in range(start, stop):
            article, extraction = cleaned[i % len(cleaned)]
            article = article.model_copy(update={
                "article_id": article_id(i), "url": article_url(article.url, i),
                "canonical_url": article_url(article.canonical_url, i),
                "published_at": FIRST_PUBLISHED + i * PUBLISHED_EVERY})
            figures, events = build_results(article, extraction)
            batch += [article, *figures, *events, ExtractionRecord(
                article_id=article.article_id, article_version=article.version,
                extractor_version=EXTRACTOR_VERSION, figures=len(figures), events=len(events))]
            if len(batch) >= BATCH_RECORDS or i == stop - 1:
                writer.write(batch)
                records += len(batch)
                batch = []
            if report_every and (i + 1) % report_every == 0:
                print(meter.line(i + 1, records, report_every), flush=True)

    print(f"# {engine.dialect.name}, schema {args.revision}, batches of {BATCH_RECORDS} records", flush=True)
    print(Meter.header(), flush=True)
    if not args.prefill_at:
        write_articles(args.start, args.articles, args.report_every)
    else:
        held = max(args.start, len(cleaned))
        write_articles(args.start, held, None)  # the templates the prefill copies, by the writer itself
        templates = {i: (article_id(i), cleaned[i][0].url, cleaned[i][0].canonical_url) for i in range(len(cleaned))}
        for point in args.prefill_at:
            if point > held:
                seconds = prefill(engine, held, point, templates, FIRST_PUBLISHED, PUBLISHED_EVERY)
                print(f"# grown by SQL from {held:,} to {point:,} articles in {seconds:.0f} s", flush=True)
                held = point
            meter.reset()
            write_articles(held, held + args.measure, None)
            held += args.measure
            print(meter.line(held, records, args.measure), flush=True)
    engine.dispose()


if __name__ == "__main__":
    main()
