"""The sink's writer as the database grows: CPU an article for every 2,000 articles written.

A writer whose cost grows with the rows already stored slows a months-long deployment to a crawl;
this one must stay flat. Articles are synthetic news-site pages (``newswire.app.bench.synthetic``), cleaned
and extracted once; each article written is a copy under a new id with its own figures, events and
extraction marker, in batches of 500 records as the sink writes them.

    .venv/bin/python benchmarks/writer_growth.py [--articles 20000] [--database-url URL]

Without ``--database-url`` it writes to a fresh SQLite file (PostgreSQL: a database you can empty).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newswire.ingest.replay import ArchivedItem, to_record  # noqa: E402
from newswire.records import ExtractionRecord  # noqa: E402
from newswire.app.bench.synthetic import make_page  # noqa: E402
from newswire.processors.agents import build_results  # noqa: E402
from newswire.processors.extract import EXTRACTOR_VERSION, extract  # noqa: E402
from newswire.storage.db import open_database  # noqa: E402
from newswire.storage.writer import RecordWriter  # noqa: E402

BATCH_RECORDS = 500
REPORT_EVERY = 2000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'writer.db'}"

    cleaned = []
    for i in range(20):
        page = make_page(i, site_chrome=True)
        record = to_record(ArchivedItem(source="synthetic", url=page.url, html=page.html))
        cleaned.append((record, extract(record.text, record.published_at)))
    writer = RecordWriter(open_database(url, upgrade=True))

    print(f"{'articles':>9} {'records':>9} {'CPU ms/article':>15} {'wall ms/article':>16}")
    batch, records, cpu, wall = [], 0, time.process_time(), time.perf_counter()
    for i in range(args.articles):
        article, extraction = cleaned[i % len(cleaned)]
        article = article.model_copy(update={"article_id": hashlib.sha256(f"{url} {i}".encode()).hexdigest()})
        figures, events = build_results(article, extraction)
        batch += [article, *figures, *events, ExtractionRecord(
            article_id=article.article_id, article_version=article.version, extractor_version=EXTRACTOR_VERSION,
            figures=len(figures), events=len(events))]
        if len(batch) >= BATCH_RECORDS:
            writer.write(batch)
            records += len(batch)
            batch = []
        if (i + 1) % REPORT_EVERY == 0:
            now_cpu, now_wall = time.process_time(), time.perf_counter()
            print(f"{i + 1:>9} {records:>9} {1000 * (now_cpu - cpu) / REPORT_EVERY:>15.2f} "
                  f"{1000 * (now_wall - wall) / REPORT_EVERY:>16.2f}", flush=True)
            cpu, wall = now_cpu, now_wall
    if batch:
        writer.write(batch)


if __name__ == "__main__":
    main()
