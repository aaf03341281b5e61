"""The stories stage's CPU an article in batches of a given size, on SQLite or PostgreSQL, with its outboxes.

Fills a fresh database with N synthetic articles (``benchmarks/stories_scale.py``'s, with figures,
events and extraction markers, through the sink's writer), then runs ``StoryStage.step`` in batches
of ``--batch`` until all are placed, each step also publishing its outboxes to a producer that
serializes every record as the real one does but sends nothing (the broker's own cost is not the
stage's). Reports CPU (``time.process_time``) and wall time an article; ``--profile`` prints the
top of a cProfile of the steps.

    .venv/bin/python benchmarks/stories_stage_cost.py --articles 2000 --batch 20 [--db postgresql] [--profile] [--pages]

``--pages``: ``newswire bench``'s synthetic pages (short, templated news with figures and places) instead.

``--db postgresql`` uses a new schema of ``NEWSWIRE_TEST_PG_URL`` (as the tests), dropped at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stories_scale import fill  # noqa: E402

PG_URL = os.environ.get("NEWSWIRE_TEST_PG_URL",
                        "postgresql+psycopg://newswire_test:newswire_test@127.0.0.1:5432/newswire_test")


class SerializingProducer:
    """Serializes key and value as ``newswire.kafka.make_producer``'s producer does; sends nothing."""

    def __init__(self):
        from newswire.kafka import KeySerializer, RecordSerializer

        self.keys, self.values, self.sent = KeySerializer(), RecordSerializer(), 0

    def send(self, topic, key=None, value=None):
        self.keys.serialize(topic, None, key)
        self.values.serialize(topic, None, value)
        self.sent += 1

    def flush(self, timeout=None):
        pass


def fill_pages(engine, count: int) -> None:
    """``newswire bench``'s synthetic pages (``make_page``), their text stripped of tags, through the real
    extractor, as the sink stores them."""
    import html
    import re

    from newswire.app.bench.synthetic import make_page
    from newswire.ids import article_id, content_hash
    from newswire.processors.results import build_results
    from newswire.processors.extract import EXTRACTOR_VERSION, extract
    from newswire.records import ArticleRecord, ExtractionRecord
    from newswire.storage.writer import RecordWriter

    records = []
    for i in range(count):
        page = make_page(i)
        body = page.html.split("<article>", 1)[-1]
        text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "\n", body))).strip()
        article = ArticleRecord(article_id=article_id(page.url), url=page.url, canonical_url=page.url,
                                title=page.title, site="news.example.org", text=text, content_hash=content_hash(text),
                                published_at=page.published_at, fetched_at=page.published_at)
        figures, events = build_results(article, extract(article.text, article.published_at))
        records += [article, *figures, *events, ExtractionRecord(
            article_id=article.article_id, article_version=1, extractor_version=EXTRACTOR_VERSION,
            figures=len(figures), events=len(events))]
    RecordWriter(engine).write(records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--per-day", type=int, default=1500)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--pages", action="store_true", help="newswire bench's synthetic pages, not stories_scale's")
    args = parser.parse_args()

    from sqlalchemy import create_engine, text

    from newswire.app.story_stage import StoryStage
    from newswire.storage.db import open_database

    schema = None
    if args.db == "sqlite":
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'stories.db'}"
    else:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with create_engine(PG_URL, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    engine = open_database(url)
    try:
        if args.pages:
            fill_pages(engine, args.articles)
        else:
            fill(engine, args.articles, args.per_day)
        producer = SerializingProducer()
        stage = StoryStage(engine, batch=args.batch, producer=producer)
        profile = cProfile.Profile() if args.profile else None
        placed, steps = 0, 0
        cpu, wall = time.process_time(), time.perf_counter()
        if profile:
            profile.enable()
        while (n := stage.step()):
            placed += n
            steps += 1
        if profile:
            profile.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(f"{args.db}, batches of {args.batch}: {placed} articles in {steps} steps, "
              f"{1000 * cpu / placed:.3f} ms CPU an article ({1000 * wall / placed:.3f} ms wall), "
              f"{producer.sent} records serialized")
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
            pstats.Stats(profile).sort_stats("tottime").print_stats(30)
    finally:
        engine.dispose()
        if schema:
            with create_engine(PG_URL, isolation_level="AUTOCOMMIT").connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
