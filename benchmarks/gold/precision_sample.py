"""Draw the event-precision sample: 200 predicted events of the dev set (tune and held out), fixed seed.

Prints each sampled event's sentence with its trigger marked, for a judge to read (right type, right
trigger?); the judgements are kept as pointer records in ``zyte-event-precision.jsonl`` (ids, offsets,
type, verdict: no text). The texts stay in the shared corpus.

    python benchmarks/gold/precision_sample.py CORPUS/html/zyte-ground-truth.json
    python benchmarks/gold/precision_sample.py CORPUS/html/zyte-ground-truth.json --template OUT.jsonl 1.5.0

``--template OUT VERSION`` also writes one pointer record per sampled event, in the printed order, with
``right`` left null for the judge to fill in (the fields of ``zyte-event-precision.jsonl``).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from newswire.processors.evaluate import load_gold, predict

HERE = Path(__file__).resolve().parent
SEED = 20261206


def sample(texts: str, size: int = 200) -> list[tuple[dict, dict]]:
    records = [dict(r, side=side) for side in ("tune", "heldout")
               for r in load_gold(HERE / f"zyte-{side}.jsonl", texts)]
    pool = [(r, e) for r in sorted(records, key=lambda r: r["id"]) for e in predict(r)["events"]]
    drawn = random.Random(SEED).sample(pool, size)
    return sorted(drawn, key=lambda x: (x[0]["id"], x[1]["start"]))


def pointer(record: dict, event: dict, version: str) -> dict:
    """A judge's pointer record for one sampled event, its verdict (``right``) still open."""
    return {"id": record["id"], "body_sha256": record["body_sha256"], "side": record["side"],
            "start": event["start"], "end": event["end"], "type": event["type"], "right": None,
            "extractor_version": version}


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 5) or (len(argv) == 5 and argv[2] != "--template"):
        print(__doc__, file=sys.stderr)
        return 2
    drawn = sample(argv[1])
    for k, (record, event) in enumerate(drawn):
        text, a, b = record["text"], event["sentence_start"], event["sentence_end"]
        marked = text[a:event["start"]] + "[[" + text[event["start"]:event["end"]] + "]]" + text[event["end"]:b]
        print(f"{k:3d} {event['type']:14s} | {marked!r}")
    if len(argv) == 5:
        with open(argv[3], "w", encoding="utf-8") as fh:
            for record, event in drawn:
                fh.write(json.dumps(pointer(record, event, argv[4])) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
