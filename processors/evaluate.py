"""Score the extractor against gold annotations (format: ``docs/gold-format.md``) and render a table.

Rules, as the format states them:

- A prediction matches a gold figure when the values are equal (relative tolerance 1e-9) and the
  character spans overlap; matching is one to one, greedy in text order (each gold figure, in
  order of its start, takes the first unused overlapping prediction of equal value).
- Figure precision/recall/F1 leave out gold figures of category ``count_other`` and ``duration``.
  A prediction matched to such a gold figure, an unmatched prediction whose own category is
  ``count_other`` or ``duration``, and an unmatched prediction overlapping an ``ambiguous`` span
  (every occurrence of each ambiguous string in the text) are neither right nor wrong.

Choices where the format is silent:

- A prediction matched to a scored gold figure counts as a true positive whatever category it has
  (category is scored separately).
- **Category F1** is micro-F1 over the same scored pairs with a stricter match: a true positive
  needs value + span overlap *and* equal category. A matched pair with a wrong category counts as
  one false positive and one false negative; unmatched scored predictions are false positives and
  unmatched scored gold figures false negatives, as for figure F1.
- Qualifier and source accuracy are computed on the matched scored pairs (neutral matches to
  count_other/duration gold are left out). Source is correct when both are null, or when more
  than half of the predicted source's content words (lower-cased, articles and prepositions
  dropped) occur among the gold source's words.
- Events: trigger recall is the share of gold triggers overlapped by a predicted event span; date
  accuracy is, over those, the share where the first overlapping prediction's date equals the
  gold date (null == null agrees).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Iterable

from newswire.processors.extract import extract, parse_published
from newswire.processors.sentences import content_words

UNSCORED = {"count_other", "duration"}


def _same_value(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def source_correct(predicted: str | None, gold: str | None) -> bool:
    if predicted is None or gold is None:
        return predicted is None and gold is None
    words = content_words(predicted)
    gold_words = set(content_words(gold))
    if not words:
        return False
    return sum(w in gold_words for w in words) / len(words) > 0.5


def _ambiguous_spans(text: str, strings: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for s in strings:
        if not s:
            continue
        i = text.find(s)
        while i >= 0:
            spans.append((i, i + len(s)))
            i = text.find(s, i + 1)
    return spans


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score_record(record: dict, predicted: dict) -> dict:
    """Counts for one gold record and its prediction (``extraction_to_json`` form)."""
    text = record["text"]
    gold = sorted(record.get("figures", []), key=lambda g: (g["start"], g["end"]))
    preds = sorted(predicted["figures"], key=lambda p: (p["start"], p["end"]))
    used = [False] * len(preds)
    pairs: list[tuple[dict, dict | None]] = []
    for g in gold:
        hit = None
        for i, p in enumerate(preds):
            if not used[i] and _same_value(p["value"], g["value"]) and _overlap(p["start"], p["end"], g["start"], g["end"]):
                used[i] = True
                hit = p
                break
        pairs.append((g, hit))
    ambiguous = _ambiguous_spans(text, record.get("ambiguous", []))
    c = {"tp": 0, "fp": 0, "fn": 0, "cat_tp": 0, "cat_fp": 0, "cat_fn": 0, "qual_ok": 0, "src_ok": 0,
         "matched": 0, "gold_scored": 0, "pred_scored": 0, "errors": []}
    for g, p in pairs:
        if g["category"] in UNSCORED:
            continue
        c["gold_scored"] += 1
        if p is None:
            c["fn"] += 1
            c["cat_fn"] += 1
            c["errors"].append(f"missed {g['text']!r} ({g['category']})")
            continue
        c["tp"] += 1
        c["matched"] += 1
        if p["category"] == g["category"]:
            c["cat_tp"] += 1
        else:
            c["cat_fp"] += 1
            c["cat_fn"] += 1
            c["errors"].append(f"category {p['text']!r}: {p['category']} != {g['category']}")
        if p.get("qualifier") == g.get("qualifier"):
            c["qual_ok"] += 1
        else:
            c["errors"].append(f"qualifier {p['text']!r}: {p.get('qualifier')} != {g.get('qualifier')}")
        if source_correct(p.get("source"), g.get("source")):
            c["src_ok"] += 1
        else:
            c["errors"].append(f"source {p['text']!r}: {p.get('source')!r} != {g.get('source')!r}")
    for i, p in enumerate(preds):
        if used[i] or p["category"] in UNSCORED:
            continue
        if any(_overlap(p["start"], p["end"], a, b) for a, b in ambiguous):
            continue
        c["fp"] += 1
        c["cat_fp"] += 1
        c["errors"].append(f"spurious {p['text']!r} ({p['category']})")
    c["pred_scored"] = c["tp"] + c["fp"]
    gold_events = record.get("events", [])
    c["events_gold"] = len(gold_events)
    c["events_found"] = c["dates_ok"] = 0
    for ge in gold_events:
        hit = next((e for e in predicted["events"] if _overlap(e["start"], e["end"], ge["start"], ge["end"])), None)
        if hit is None:
            c["errors"].append(f"missed event {ge['trigger']!r} ({ge['type']})")
            continue
        c["events_found"] += 1
        if hit.get("date") == ge.get("date"):
            c["dates_ok"] += 1
        else:
            c["errors"].append(f"event date {ge['trigger']!r}: {hit.get('date')} != {ge.get('date')}")
    return c


def evaluate(gold_records: Iterable[dict]) -> dict:
    """Run ``extract`` on each gold record and score it; a JSON-able report."""
    from newswire.processors.extract import extraction_to_json

    totals: dict[str, int] = {}
    rows = []
    for record in gold_records:
        published = parse_published(record.get("published"))
        predicted = extraction_to_json(extract(record["text"], published))
        c = score_record(record, predicted)
        for k, v in c.items():
            if isinstance(v, int):
                totals[k] = totals.get(k, 0) + v
        fig = _prf(c["tp"], c["fp"], c["fn"])
        rows.append({"id": record.get("id"), "gold": c["gold_scored"], "predicted": c["pred_scored"], **fig,
                     "events_gold": c["events_gold"], "events_found": c["events_found"],
                     "event_dates_ok": c["dates_ok"], "errors": c["errors"]})
    t = {k: totals.get(k, 0) for k in ("tp", "fp", "fn", "cat_tp", "cat_fp", "cat_fn", "qual_ok", "src_ok",
                                       "matched", "gold_scored", "pred_scored", "events_gold", "events_found",
                                       "dates_ok")}
    matched = t["matched"]
    return {
        "documents": len(rows),
        "figures": _prf(t["tp"], t["fp"], t["fn"]),
        "category": _prf(t["cat_tp"], t["cat_fp"], t["cat_fn"]),
        "qualifier_accuracy": round(t["qual_ok"] / matched, 4) if matched else 0.0,
        "source_accuracy": round(t["src_ok"] / matched, 4) if matched else 0.0,
        "event_trigger_recall": round(t["events_found"] / t["events_gold"], 4) if t["events_gold"] else 0.0,
        "event_date_accuracy": round(t["dates_ok"] / t["events_found"], 4) if t["events_found"] else 0.0,
        "counts": t,
        "per_document": rows,
    }


def evaluate_file(path: str | Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return evaluate(json.loads(line) for line in fh if line.strip())


def render_report(report: dict) -> str:
    """A plain-text table of the report's metrics and per-document rows."""
    f, c, t = report["figures"], report["category"], report["counts"]
    lines = [
        f"documents: {report['documents']}",
        "",
        f"{'metric':<26}{'value':>8}   detail",
        f"{'figure precision':<26}{f['precision']:>8.3f}   tp={f['tp']} fp={f['fp']}",
        f"{'figure recall':<26}{f['recall']:>8.3f}   fn={f['fn']} (gold scored {t['gold_scored']})",
        f"{'figure F1':<26}{f['f1']:>8.3f}",
        f"{'category F1 (micro)':<26}{c['f1']:>8.3f}   tp={c['tp']} fp={c['fp']} fn={c['fn']}",
        f"{'qualifier accuracy':<26}{report['qualifier_accuracy']:>8.3f}   on {t['matched']} matches",
        f"{'source accuracy':<26}{report['source_accuracy']:>8.3f}   on {t['matched']} matches",
        f"{'event trigger recall':<26}{report['event_trigger_recall']:>8.3f}   "
        f"{t['events_found']}/{t['events_gold']}",
        f"{'event date accuracy':<26}{report['event_date_accuracy']:>8.3f}   {t['dates_ok']}/{t['events_found']}",
        "",
        f"{'document':<36}{'gold':>5}{'pred':>5}{'P':>7}{'R':>7}{'F1':>7}{'events':>9}{'dates':>7}",
    ]
    for row in report["per_document"]:
        lines.append(f"{str(row['id'])[:35]:<36}{row['gold']:>5}{row['predicted']:>5}{row['precision']:>7.2f}"
                     f"{row['recall']:>7.2f}{row['f1']:>7.2f}{row['events_found']:>5}/{row['events_gold']:<3}"
                     f"{row['event_dates_ok']:>5}")
    return "\n".join(lines)


def _main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Score the extractor on gold JSON lines (docs/gold-format.md).")
    parser.add_argument("gold", help="gold .jsonl file, e.g. docs/gold-example.jsonl")
    parser.add_argument("--errors", action="store_true", help="list each document's errors")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = evaluate_file(args.gold)
    if args.json:
        print(json.dumps(report, indent=2, default=str))
        return 0
    print(render_report(report))
    if args.errors:
        for row in report["per_document"]:
            print(f"\n{row['id']}:")
            for err in row["errors"]:
                print(f"  {err}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
