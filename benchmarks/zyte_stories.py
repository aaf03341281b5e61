"""Story purity on real multi-outlet stories: the Zyte benchmark's texts through the stories stage.

``benchmarks/gold/zyte-stories.jsonl`` says, for each of the 181 texts of the Zyte article-extraction
benchmark (``corpus/html/zyte-ground-truth.json`` of the shared corpus, read from there, never copied),
which real story it belongs to (16 stories covered by 2-4 outlets each; every other text is a story of
its own) or that it is ambiguous (left out of the scores). How the labels were made:
``benchmarks/gold/README-stories.md``.

The texts are stored as the sink would store them (the real extractor's figures and events), dated by
their URL's date or else 2019-11-19 noon UTC, the week the benchmark's pages were captured, with no title
(the benchmark keeps none), and placed by the stories stage (``StoryStage`` on a fresh SQLite file).
Scores: B-cubed precision and recall of the stage's stories against the labels, over every scored text
and over the articles of the labelled stories alone, and for each labelled story how many stories the
stage split it into and the purity of the one holding most of it.

    .venv/bin/python benchmarks/zyte_stories.py --texts PATH/corpus/html/zyte-ground-truth.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LABELS = Path(__file__).resolve().parent / "gold" / "zyte-stories.jsonl"
ASSUMED_DAY = "2019-11-19"


def load(texts_path: Path, labels_path: Path = LABELS) -> list[dict]:
    """The labelled records with their texts; ValueError when a text is not the one labelled."""
    texts = json.loads(Path(texts_path).read_text(encoding="utf-8"))
    records = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for record in records:
        page = texts[record["id"]]
        if hashlib.sha256(page["articleBody"].encode("utf-8")).hexdigest() != record["body_sha256"]:
            raise ValueError(f"text {record['id']} changed since it was labelled")
        record["text"], record["url"] = page["articleBody"], page["url"]
    return records


def place(records: list[dict]) -> dict[str, str]:
    """Text id -> the story_id the stories stage gives it."""
    from sqlalchemy import select

    from newswire.app.story_stage import StoryStage
    from newswire.ids import article_id, content_hash
    from newswire.processors.results import build_results
    from newswire.processors.extract import EXTRACTOR_VERSION, extract
    from newswire.records import ArticleRecord, ExtractionRecord
    from newswire.storage.db import make_engine, upgrade
    from newswire.storage.models import StoryArticle
    from newswire.storage.writer import RecordWriter

    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='zyte-stories-')) / 'stories.db'}"
    upgrade(url)
    engine = make_engine(url)
    rows, ids = [], {}
    for record in records:
        day = datetime.fromisoformat(record["published"] or ASSUMED_DAY).replace(hour=12, tzinfo=timezone.utc)
        article = ArticleRecord(article_id=article_id(record["url"]), url=record["url"], canonical_url=record["url"],
                                text=record["text"], content_hash=content_hash(record["text"]), published_at=day,
                                fetched_at=day)
        figures, events = build_results(article, extract(article.text, article.published_at))
        rows += [article, *figures, *events, ExtractionRecord(article_id=article.article_id, article_version=1,
                                                              extractor_version=EXTRACTOR_VERSION,
                                                              figures=len(figures), events=len(events))]
        ids[article.article_id] = record["id"]
    try:
        RecordWriter(engine).write(rows)
        stage = StoryStage(engine)
        while stage.step():
            pass
        with engine.connect() as conn:
            return {ids[r.article_id]: r.story_id for r in conn.execute(select(StoryArticle.__table__))}
    finally:
        engine.dispose()


def bcubed(truth: dict[str, str], found: dict[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall of ``found`` (item -> cluster) against ``truth``, over ``truth``'s items
    (an item's precision and recall count the other scored items of its clusters)."""
    items = list(truth)
    by_truth, by_found = defaultdict(set), defaultdict(set)
    for item in items:
        by_truth[truth[item]].add(item)
        by_found[found[item]].add(item)
    precision = sum(len(by_found[found[i]] & by_truth[truth[i]]) / len(by_found[found[i]]) for i in items)
    recall = sum(len(by_found[found[i]] & by_truth[truth[i]]) / len(by_truth[truth[i]]) for i in items)
    return precision / len(items), recall / len(items)


def score(records: list[dict], found: dict[str, str]) -> dict:
    scored = {r["id"]: r["story"] for r in records if not r["ambiguous"]}
    sizes = Counter(scored.values())
    multi = [i for i, story in scored.items() if sizes[story] > 1]
    precision, recall = bcubed(scored, found)
    # on the labelled stories' articles, precision still counts every scored text the stage put with them
    by_found = defaultdict(set)
    for item in scored:
        by_found[found[item]].add(item)
    p_multi = sum(sum(scored[j] == scored[i] for j in by_found[found[i]]) / len(by_found[found[i]])
                  for i in multi) / len(multi)
    r_multi = sum(sum(found[j] == found[i] for j in multi if scored[j] == scored[i]) / sizes[scored[i]]
                  for i in multi) / len(multi)
    stories = {}
    for story in sorted({scored[i] for i in multi}):
        members = [i for i in multi if scored[i] == story]
        main, held = Counter(found[i] for i in members).most_common(1)[0]
        stories[story] = {"articles": len(members), "stage_stories": len({found[i] for i in members}),
                          "largest_part": held, "purity": round(held / len(by_found[main]), 3)}
    return {"texts": len(scored), "ambiguous": len(records) - len(scored), "labelled_stories": len(stories),
            "labelled_articles": len(multi), "bcubed_precision": round(precision, 3),
            "bcubed_recall": round(recall, 3), "stories_bcubed_precision": round(p_multi, 3),
            "stories_bcubed_recall": round(r_multi, 3), "stories": stories}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, required=True, help="corpus/html/zyte-ground-truth.json")
    args = parser.parse_args()
    records = load(args.texts)
    report = score(records, place(records))
    for story, row in report.pop("stories").items():
        print(f"{story:32} {row['articles']} articles -> {row['stage_stories']} stage stories, "
              f"largest holds {row['largest_part']}, its purity {row['purity']:.2f}")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
