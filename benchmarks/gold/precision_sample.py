"""Draw the event-precision sample: 200 predicted events of the dev set (tune and held out), fixed seed.

Prints each sampled event's sentence with its trigger marked, for a judge to read (right type, right
trigger?); the judgements are kept as pointer records in ``zyte-event-precision.jsonl`` (ids, offsets,
type, verdict: no text). The texts stay in the shared corpus.

    python benchmarks/gold/precision_sample.py CORPUS/html/zyte-ground-truth.json
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from newswire.processors.evaluate import load_gold, predict

HERE = Path(__file__).resolve().parent
SEED = 20261206


def sample(texts: str, size: int = 200) -> list[tuple[dict, dict]]:
    records = load_gold(HERE / "zyte-tune.jsonl", texts) + load_gold(HERE / "zyte-heldout.jsonl", texts)
    pool = [(r, e) for r in sorted(records, key=lambda r: r["id"]) for e in predict(r)["events"]]
    drawn = random.Random(SEED).sample(pool, size)
    return sorted(drawn, key=lambda x: (x[0]["id"], x[1]["start"]))


def main(argv: list[str]) -> int:
    for k, (record, event) in enumerate(sample(argv[1])):
        text, a, b = record["text"], event["sentence_start"], event["sentence_end"]
        marked = text[a:event["start"]] + "[[" + text[event["start"]:event["end"]] + "]]" + text[event["end"]:b]
        print(f"{k:3d} {event['type']:14s} | {marked!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
