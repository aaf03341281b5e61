"""Copies, stories and series at scale: CPU an article and memory, every 10,000 of 200,000 articles.

The articles are synthetic (made here, deterministic): 3,000 a day of article time, news-length
texts (~450 words) about stories that run for a few days, each story with its own words over a
shared vocabulary, a fifth of the articles being lightly edited copies of an earlier one, and a few
figures an article. They go through ``StoryLine.process`` alone (the stage's work without its
database), as the stage feeds it.

    .venv/bin/python benchmarks/stories_scale.py [--articles 200000] [--per-day 3000]

With ``--stage N`` it instead runs the whole stage (``newswire.app.story_stage``: queries, batch
writes) on a fresh SQLite file filled with N such articles and reports its CPU an article.

Measured 2026-12-06 on the shared 2-core machine (load average ~17, so CPU times are pessimistic):

    --articles 200000 --per-day 3000, under nice -n 10 (18 minutes): ms CPU an article 1.29, 1.60,
        1.93, 1.82 at 10k, 50k, 100k, 200k (1.3-2.7 in every 10k block, with the machine's load);
        RSS 292, 350, 360, 361 MB: it grows while the copy index fills its four days (12,000
        articles) and the allocator settles, then stays within 11 MB from 50k to 200k; the copy
        index holds 10-12k articles and about 1,000 stories stay active throughout

    --articles 30000 --per-day 1500: 2.30, 2.29, 2.07 ms CPU an article at 10k, 20k, 30k; RSS 261,
        271, 271 MB (flat: the copy index holds 5-6k articles, about 600 stories are active)
    --stage 6000 --per-day 1500: 2.18 ms CPU an article with its SQLite queries and writes;
        a restart restores its state in 4.1 s CPU (the texts of the last five days are re-shingled)
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newswire.processors.storyline import StoryLine  # noqa: E402

VOCABULARY = [f"w{i:05d}" for i in range(30_000)]
COMMON = VOCABULARY[:300]  # function-like words every text uses
SITES = [f"outlet{i}.example" for i in range(60)]
START = datetime(2026, 1, 1, tzinfo=timezone.utc)


def articles(count: int, per_day: int):
    rng = random.Random(7)
    stories: list[tuple[list[str], int]] = []  # (story words, last article index)
    recent: list[SimpleNamespace] = []
    for i in range(count):
        at = START + timedelta(seconds=i * 86_400 / per_day)
        if recent and rng.random() < 0.2:  # a copy of a recent article, lightly edited
            original = rng.choice(recent[-500:])
            words = original.text.split()
            for _ in range(rng.randint(0, 8)):
                words[rng.randrange(len(words))] = rng.choice(COMMON)
            text, title = " ".join(words[: len(words) - rng.randint(0, 40)]), original.title
        else:
            if not stories or rng.random() < 0.12:
                stories.append((rng.sample(VOCABULARY[300:], 40), i))
            pick = rng.randrange(max(0, len(stories) - 200), len(stories))
            words_of_story, _ = stories[pick]
            stories[pick] = (words_of_story, i)
            words = [rng.choice(words_of_story) if rng.random() < 0.3 else
                     rng.choice(COMMON) if rng.random() < 0.6 else rng.choice(VOCABULARY) for _ in range(450)]
            text, title = " ".join(words), " ".join(rng.sample(words_of_story, 6))
        article = SimpleNamespace(article_id=f"{i:064x}", title=title, site=rng.choice(SITES), text=text,
                                  published_at=at, fetched_at=at)
        recent.append(article)
        if len(recent) > 2000:
            del recent[:1000]
        figures = [SimpleNamespace(figure_id=f"{i}-{k}", article_id=article.article_id,
                                   category=rng.choice(["killed", "injured", "missing"]), value=float(rng.randint(1, 500)),
                                   value_max=None, qualifier=None, source=rng.choice(["police", "the health ministry", None]),
                                   anchor_kind=None, anchor_date=None, anchor_phrase=None, sentence=text[:200],
                                   start=k, end=k + 2, published_at=at) for k in range(4)]
        events = [SimpleNamespace(type="attack", actors=[], location=rng.choice(["marren", "tarsis", None]))]
        yield article, figures, events


def fill(engine, count: int, per_day: int) -> None:
    """Store ``articles(count, per_day)`` with their figures, events and extraction markers."""
    from newswire.records import ArticleRecord, EventRecord, ExtractionRecord, FigureRecord
    from newswire.storage.writer import RecordWriter

    records = []
    for article, figures, events in articles(count, per_day):
        records.append(ArticleRecord(article_id=article.article_id, url=f"https://{article.site}/{article.article_id}",
                                     canonical_url=f"https://{article.site}/{article.article_id}", title=article.title,
                                     site=article.site, text=article.text, content_hash=article.article_id,
                                     published_at=article.published_at))
        for k, f in enumerate(figures):
            records.append(FigureRecord(figure_id=f"{article.article_id}{k}", article_id=article.article_id,
                                        article_version=1, value=f.value, text="x", start=k, end=k + 1,
                                        category=f.category, source=f.source, sentence=f.sentence, sentence_start=0,
                                        published_at=article.published_at, extractor_version="1"))
        for k, e in enumerate(events):
            records.append(EventRecord(event_id=f"{article.article_id}e{k}", article_id=article.article_id,
                                       article_version=1, type=e.type, trigger="x", start=k, end=k + 1,
                                       location=e.location, sentence="x", sentence_start=0, extractor_version="1"))
        records.append(ExtractionRecord(article_id=article.article_id, article_version=1, extractor_version="1",
                                        figures=len(figures), events=len(events)))
    writer = RecordWriter(engine)
    for start in range(0, len(records), 2000):
        writer.write(records[start:start + 2000])


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_pure(count: int, per_day: int, every: int = 10_000) -> None:
    """CPU of ``StoryLine.process`` alone (the articles of a block are made first, outside the timing)."""
    line = StoryLine()
    copies = 0
    stream = articles(count, per_day)
    print(f"{'articles':>9} {'ms CPU/article':>15} {'RSS MB':>8} {'copy index':>11} {'stories':>8}")
    for done in range(every, count + 1, every):
        block = [next(stream) for _ in range(every)]
        cpu = time.process_time()
        for article, figures, events in block:
            copies += line.process(article, figures, events).duplicate_of is not None
        spent = time.process_time() - cpu
        del block
        print(f"{done:>9} {1000 * spent / every:>15.3f} {rss_mb():>8.0f} {len(line.copies):>11} "
              f"{len(line.stories.stories):>8}", flush=True)
    print(f"copies found: {copies} of {count}")


def run_stage(count: int, per_day: int) -> None:
    from newswire.storage.db import open_database
    from newswire.app.story_stage import StoryStage

    path = Path(tempfile.mkdtemp()) / "stories.db"
    engine = open_database(f"sqlite:///{path}")
    fill(engine, count, per_day)
    stage = StoryStage(engine)
    cpu, wall = time.process_time(), time.perf_counter()
    placed = 0
    while (n := stage.step()):
        placed += n
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"stage on SQLite: {placed} articles, {1000 * cpu / placed:.3f} ms CPU an article "
          f"({1000 * wall / placed:.3f} ms wall), RSS {rss_mb():.0f} MB")
    started = time.process_time()
    StoryStage(engine)
    print(f"restart (restore state from the database): {time.process_time() - started:.2f} s CPU")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--per-day", type=int, default=3000)
    parser.add_argument("--stage", type=int, default=0, help="run the whole stage on SQLite with this many articles")
    args = parser.parse_args()
    if args.stage:
        run_stage(args.stage, args.per_day)
    else:
        run_pure(args.articles, args.per_day)
