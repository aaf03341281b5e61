"""Adjudicated pointer annotations -> the dev set's two thirds (``zyte-tune.jsonl``) and held-out third.

    python benchmarks/gold/make_split.py ADJUDICATED.jsonl... --texts zyte-ground-truth.json

Ambiguous strings become ``[start, end]`` pairs (every occurrence), so the files hold offsets and short
labels only, never the texts' sentences. Texts are ordered by a hash of their id and every third one is
held out, so the split does not depend on the order of the input files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from newswire.processors.evaluate import resolve_pointer

HERE = Path(__file__).resolve().parent
FIELDS = ("id", "body_sha256", "published", "dateline", "figures", "events", "ambiguous")


def occurrences(text: str, piece: str) -> list[list[int]]:
    found, i = [], text.find(piece)
    while piece and i >= 0:
        found.append([i, i + len(piece)])
        i = text.find(piece, i + 1)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("adjudicated", nargs="+", type=Path)
    parser.add_argument("--texts", type=Path, required=True)
    args = parser.parse_args()
    texts = json.loads(args.texts.read_text(encoding="utf-8"))
    records = [json.loads(line) for path in args.adjudicated
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_hash = sorted(records, key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
    heldout = {r["id"] for r in by_hash[::3]}
    sides: dict[str, list[str]] = {"tune": [], "heldout": []}
    for record in records:
        text = resolve_pointer(record, texts)["text"]  # checks the sha256 and the ids
        spans = [span for piece in record.get("ambiguous", []) if isinstance(piece, str)
                 for span in occurrences(text, piece)]
        record["ambiguous"] = sorted(spans + [a for a in record.get("ambiguous", []) if isinstance(a, list)])
        line = json.dumps({k: record.get(k) for k in FIELDS}, ensure_ascii=False)
        sides["heldout" if record["id"] in heldout else "tune"].append(line)
    for side, lines in sides.items():
        (HERE / f"zyte-{side}.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"zyte-{side}.jsonl: {len(lines)} texts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
