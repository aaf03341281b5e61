"""Copy detection on real article texts: precision and recall of ``CopyIndex`` by kind of edit.

The corpus has no labelled syndication pairs, so they are made: the 181 real article bodies of the
Zyte benchmark (``corpus/html/zyte-ground-truth.json`` of the shared corpus, read from there, never
copied into the repository) are each published once, and then again by other "outlets" with the edits
republishers make, from light (a sign-off, a few words) to heavy (half the text cut). Every edited
text is a copy of its original; every other pair is not. Recall is by kind of edit; precision counts
copies claimed between different originals (a copy linked to an earlier copy of its own original
is right: the chain stays within one article).

    .venv/bin/python benchmarks/copies_eval.py --truth PATH/corpus/html/zyte-ground-truth.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newswire.processors.copies import CopyIndex  # noqa: E402

def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def edit(kind: str, text: str, rng: random.Random) -> str:
    paras = paragraphs(text)
    if kind == "sign-off":  # the outlet's credit line and a changed word or two
        words = " ".join(paras).split(" ")
        for _ in range(3):
            words[rng.randrange(len(words))] = "the"
        return " ".join(words) + "\n\nAdditional reporting by our staff."
    if kind == "last-dropped":  # trimmed for space
        return "\n".join(paras[:-1] if len(paras) > 2 else paras) + "\n\nThis article was amended."
    if kind == "rewritten-lede":  # own first paragraph (texts of one or two paragraphs keep theirs)
        if len(paras) < 3:
            return "\n".join(paras)
        return "\n".join(["Our correspondent adds that the situation remains unclear this morning."] + paras[1:])
    if kind == "cut-to-two-thirds":
        return "\n".join(paras[: max(1, round(len(paras) * 2 / 3))])
    if kind == "cut-to-half":
        return "\n".join(paras[: max(1, len(paras) // 2)])
    raise ValueError(kind)


KINDS = ("sign-off", "last-dropped", "rewritten-lede", "cut-to-two-thirds", "cut-to-half")


def main(truth: Path, verbose: bool = False) -> None:
    texts = [v["articleBody"] for v in json.loads(truth.read_text()).values() if len(v["articleBody"].split()) >= 60]
    rng = random.Random(3)
    at = datetime(2026, 1, 1, tzinfo=timezone.utc)
    index = CopyIndex()
    originals: dict[str, int] = {}
    for i, text in enumerate(texts):
        originals[f"o{i}"] = i
    found = {kind: 0 for kind in KINDS}
    false_copies = 0
    to_original = 0
    false_on_originals = 0
    cpu = time.process_time()
    calls = 0
    for i, text in enumerate(texts):  # originals first, all on one day
        match = index.add(f"o{i}", text, at + timedelta(seconds=i))
        calls += 1
        false_on_originals += match is not None
    for n, kind in enumerate(KINDS):
        for i, text in enumerate(texts):
            match = index.add(f"{kind}-{i}", edit(kind, text, rng), at + timedelta(hours=1 + n, seconds=i))
            calls += 1
            if match is None:
                continue
            if match.duplicate_of.rsplit("-", 1)[-1].lstrip("o") == str(i):  # the original, or a copy of it
                found[kind] += 1
                to_original += match.duplicate_of == f"o{i}"
            else:
                false_copies += 1
                if verbose:
                    print(f"  {kind}-{i} -> {match.duplicate_of} via {match.matched} ({match.similarity:.2f}):"
                          f" {len(text.split())} words")
    cpu = time.process_time() - cpu
    claimed = sum(found.values()) + false_copies + false_on_originals
    print(f"{len(texts)} real article texts, {len(KINDS)} edited copies of each")
    for kind in KINDS:
        print(f"  recall {kind:<18} {found[kind] / len(texts):.3f}")
    print(f"  recall overall            {sum(found.values()) / (len(texts) * len(KINDS)):.3f}")
    print(f"  precision                 {(claimed - false_copies - false_on_originals) / max(claimed, 1):.3f} "
          f"({false_on_originals} originals called copies, {false_copies} copies of the wrong original)")
    print(f"  duplicate_of is the original itself for {to_original} of {sum(found.values())} copies found "
          "(else an earlier copy of it, whose own link was missed)")
    print(f"  CPU {1000 * cpu / calls:.3f} ms an article (index of up to {len(index)})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--truth", type=Path, required=True, help="the Zyte benchmark's zyte-ground-truth.json")
    parser.add_argument("--verbose", action="store_true", help="print each wrong match")
    args = parser.parse_args()
    main(args.truth, args.verbose)
