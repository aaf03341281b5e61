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
- **Location accuracy** is over matched events whose gold names a place: the prediction's place (as
  written, or its resolved name) names the same place, i.e. one name's words all occur in the other's
  ("Gaza" and "Gaza City" agree; "Senkata" and "Bolivia" do not). **Country accuracy** is over matched
  events whose gold gives a country code: the prediction's resolved country code equals it.
- **Actors accuracy** is over matched events whose gold names actors: the predicted and gold actor
  lists, paired one to one (an actor pairs with another when the words of one mostly occur in the
  other, as for sources), reach an F1 of at least 0.5.

Gold files come in two forms: records holding their ``text`` (``docs/gold-format.md``), and
*pointer* records (``benchmarks/gold/README.md``) that hold only offsets and labels for a text kept
elsewhere (a key of a JSON file of texts such as the Zyte benchmark's ground truth, checked by sha256),
so that a dev set can be built on texts the repository may not copy.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
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


def _name_words(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return [w for w in re.findall(r"[a-z0-9]+", folded) if w not in {"the", "of", "and", "in", "at", "on"}]


def same_place(predicted: str | None, gold: str | None) -> bool:
    """One name's words all occur in the other's ("Gaza" ~ "Gaza City"), accents and case aside."""
    if not predicted or not gold:
        return False
    a, b = set(_name_words(predicted)), set(_name_words(gold))
    return bool(a and b) and (a <= b or b <= a)


def _predicted_place_names(event: dict) -> list[str]:
    names = [event.get("location")]
    place = event.get("place") or {}
    names += [place.get("name"), place.get("as_written")]
    return [n for n in names if n]


def location_correct(event: dict, gold: dict) -> bool:
    return any(same_place(name, gold.get("location")) for name in _predicted_place_names(event))


def _same_actor(a: str, b: str) -> bool:
    return source_correct(a, b) or source_correct(b, a) or same_place(a, b)


def actors_correct(predicted: list[str], gold: list[str]) -> bool:
    """Paired one to one, the lists reach F1 >= 0.5."""
    free = list(predicted)
    hits = 0
    for g in gold:
        match = next((p for p in free if _same_actor(p, g)), None)
        if match is not None:
            free.remove(match)
            hits += 1
    if not hits:
        return False
    p, r = hits / len(predicted), hits / len(gold)
    return 2 * p * r / (p + r) >= 0.5


def _ambiguous_spans(text: str, strings: Iterable[str | list[int]]) -> list[tuple[int, int]]:
    """Every occurrence of each ambiguous string; pointer records give ``[start, end]`` pairs instead."""
    spans = []
    for s in strings:
        if isinstance(s, list):
            spans.append((s[0], s[1]))
            continue
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
    for key in ("events_found", "dates_ok", "places_gold", "places_ok", "countries_gold", "countries_ok",
                "actors_gold", "actors_ok"):
        c[key] = 0
    c["events_predicted"] = len(predicted["events"])
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
        if ge.get("location"):
            c["places_gold"] += 1
            if location_correct(hit, ge):
                c["places_ok"] += 1
            else:
                c["errors"].append(f"event place {ge['trigger']!r}: {_predicted_place_names(hit)} != "
                                   f"{ge['location']!r}")
        if ge.get("country"):
            c["countries_gold"] += 1
            predicted_country = (hit.get("place") or {}).get("country_code") or hit.get("country")
            c["countries_ok"] += predicted_country == ge["country"]
        if ge.get("actors"):
            c["actors_gold"] += 1
            if actors_correct(list(hit.get("actors") or []), list(ge["actors"])):
                c["actors_ok"] += 1
            else:
                c["errors"].append(f"event actors {ge['trigger']!r}: {hit.get('actors')} != {ge['actors']}")
    return c


def predict(record: dict) -> dict:
    """The extractor's answer for one gold record, in ``extraction_to_json`` form."""
    from newswire.processors.extract import extraction_to_json

    return extraction_to_json(extract(record["text"], parse_published(record.get("published"))))


def evaluate(gold_records: Iterable[dict], predictor=predict) -> dict:
    """Score ``predictor`` (the extractor by default) on each gold record; a JSON-able report."""
    totals: dict[str, int] = {}
    rows = []
    for record in gold_records:
        predicted = predictor(record)
        c = score_record(record, predicted)
        for k, v in c.items():
            if isinstance(v, int):
                totals[k] = totals.get(k, 0) + v
        fig = _prf(c["tp"], c["fp"], c["fn"])
        # a step that raised scores as a silent miss unless it is said: list it first among the errors
        failures = [f"extraction step failed: {f}" for f in predicted.get("failures", [])]
        rows.append({"id": record.get("id"), "gold": c["gold_scored"], "predicted": c["pred_scored"], **fig,
                     "events_gold": c["events_gold"], "events_found": c["events_found"],
                     "event_dates_ok": c["dates_ok"], "errors": failures + c["errors"],
                     "failures": len(failures)})
    t = {k: totals.get(k, 0) for k in ("tp", "fp", "fn", "cat_tp", "cat_fp", "cat_fn", "qual_ok", "src_ok",
                                       "matched", "gold_scored", "pred_scored", "events_gold", "events_found",
                                       "dates_ok", "events_predicted", "places_gold", "places_ok",
                                       "countries_gold", "countries_ok", "actors_gold", "actors_ok")}
    matched = t["matched"]

    def share(ok: str, of: str) -> float:
        return round(t[ok] / t[of], 4) if t[of] else 0.0
    return {
        "documents": len(rows),
        "documents_with_failed_steps": sum(1 for row in rows if row.get("failures")),
        "figures": _prf(t["tp"], t["fp"], t["fn"]),
        "category": _prf(t["cat_tp"], t["cat_fp"], t["cat_fn"]),
        "qualifier_accuracy": round(t["qual_ok"] / matched, 4) if matched else 0.0,
        "source_accuracy": round(t["src_ok"] / matched, 4) if matched else 0.0,
        "event_trigger_recall": round(t["events_found"] / t["events_gold"], 4) if t["events_gold"] else 0.0,
        "event_date_accuracy": round(t["dates_ok"] / t["events_found"], 4) if t["events_found"] else 0.0,
        "event_location_accuracy": share("places_ok", "places_gold"),
        "event_country_accuracy": share("countries_ok", "countries_gold"),
        "event_actors_accuracy": share("actors_ok", "actors_gold"),
        "events_per_gold_event": share("events_predicted", "events_gold"),
        "counts": t,
        "per_document": rows,
    }


class GoldError(ValueError):
    """A gold file that cannot be scored: a pointer to a missing text, or one that changed."""


def resolve_pointer(record: dict, texts: dict[str, dict]) -> dict:
    """A pointer record (offsets and labels) -> a full gold record, its text taken from ``texts``."""
    entry = texts.get(record["id"])
    if entry is None:
        raise GoldError(f"{record['id']}: not in the texts file")
    text = entry["articleBody"]
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != record["body_sha256"]:
        raise GoldError(f"{record['id']}: its text changed (sha256 differs from the annotation's)")
    figures = [dict(f, text=text[f["start"]:f["end"]]) for f in record.get("figures", [])]
    events = [dict(e, start=e["trigger_start"], end=e["trigger_end"],
                   trigger=text[e["trigger_start"]:e["trigger_end"]]) for e in record.get("events", [])]
    return dict(record, text=text, figures=figures, events=events)


def load_gold(path: str | Path, texts_path: str | Path | None = None) -> list[dict]:
    """Gold records of a file, pointer records resolved against the JSON file of texts."""
    with open(path, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    pointers = [r for r in records if "text" not in r]
    if pointers and texts_path is None:
        raise GoldError(f"{path} points into a file of texts: name it (--texts)")
    texts = json.loads(Path(texts_path).read_text(encoding="utf-8")) if pointers else {}
    return [r if "text" in r else resolve_pointer(r, texts) for r in records]


def evaluate_file(path: str | Path, texts_path: str | Path | None = None) -> dict:
    return evaluate(load_gold(path, texts_path))


def as_prediction(record: dict) -> dict:
    """An annotator's record in the extractor's output form, to score one annotator against another."""
    figures = [dict(f, as_of_or_since=f.get("as_of_or_since")) for f in record.get("figures", [])]
    events = [dict(e, place={"name": e.get("location"), "country_code": e.get("country")})
              for e in record.get("events", [])]
    return {"figures": figures, "events": events}


def agreement(first: list[dict], second: list[dict]) -> dict:
    """Inter-annotator agreement: ``second`` scored as if it were predictions against ``first``."""
    by_id = {r["id"]: r for r in second}
    shared = [r for r in first if r["id"] in by_id]
    return evaluate(shared, predictor=lambda record: as_prediction(by_id[record["id"]]))



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
        f"{'event location accuracy':<26}{report['event_location_accuracy']:>8.3f}   "
        f"{t['places_ok']}/{t['places_gold']} (matched, gold names a place)",
        f"{'event country accuracy':<26}{report['event_country_accuracy']:>8.3f}   "
        f"{t['countries_ok']}/{t['countries_gold']}",
        f"{'event actors accuracy':<26}{report['event_actors_accuracy']:>8.3f}   "
        f"{t['actors_ok']}/{t['actors_gold']} (matched, gold names actors)",
        f"{'events per gold event':<26}{report['events_per_gold_event']:>8.3f}   "
        f"{t['events_predicted']} predicted",
        *([f"EXTRACTION STEPS FAILED in {report['documents_with_failed_steps']} documents (--errors names them)"]
          if report.get("documents_with_failed_steps") else []),
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
    parser.add_argument("--texts", help="JSON file of texts that pointer records point into "
                                        "(e.g. the Zyte benchmark's ground truth)")
    parser.add_argument("--agreement", metavar="SECOND",
                        help="score this second annotator's file against GOLD instead of the extractor")
    parser.add_argument("--errors", action="store_true", help="list each document's errors")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.agreement:
        report = agreement(load_gold(args.gold, args.texts), load_gold(args.agreement, args.texts))
    else:
        report = evaluate_file(args.gold, args.texts)
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
