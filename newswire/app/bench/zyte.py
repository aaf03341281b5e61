"""Body-text quality of the cleaning stage on the Zyte article-extraction benchmark, and its cost.

The benchmark (github.com/scrapinghub/article-extraction-benchmark: 181 news pages and the article
body a person marked on each) scores an extractor by 4-gram shingles of word tokens (``\\w+``): for
each page the shared, extra and missing shingles (counted with multiplicity) are divided by their
sum, so that a long article weighs as much as a short one; precision is the mean over pages of
shared / (shared + extra), recall the mean of shared / (shared + missing), and F1 is computed from
those two means. :func:`body_f1` implements that metric; :func:`measure_cleaning` runs a cleaning
function over the pages and reports F1 and milliseconds a page in one pass.

The pages and the ground truth are read where they are (``--zyte DIR``); nothing is copied.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

SHINGLE_WORDS = 4
TARGET_F1 = 0.958  # trafilatura's own score on this benchmark: the cleaning may not fall below it
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE_WORDS) -> Counter:
    """Every run of ``n`` consecutive word tokens, counted (a shorter text is one shingle of all its words)."""
    words = _WORD.findall(text or "")
    runs = (tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1)))
    return Counter(run for run in runs if run)


def page_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """(shared, extra, missing) shingles of one page, as fractions of their sum (all 0 for two empty texts)."""
    want, got = shingles(truth), shingles(predicted)
    shared = sum((want & got).values())
    extra = sum((got - want).values())
    missing = sum((want - got).values())
    total = shared + extra + missing
    return (shared / total, extra / total, missing / total) if total else (0.0, 0.0, 0.0)


def _ratio(hit: float, other: float, off: float) -> float:
    if other == off == 0:
        return 1.0  # nothing extra and nothing missing
    return hit / (hit + other)


def body_f1(pages: Iterable[tuple[float, float, float]]) -> dict[str, float]:
    """Precision, recall and F1 over pages' ``page_counts`` (the benchmark's averaging)."""
    pages = list(pages)
    precisions = [_ratio(tp, fp, fn) for tp, fp, fn in pages if tp + fp > 0]  # pages with a prediction
    recalls = [_ratio(tp, fn, fp) for tp, fp, fn in pages if tp + fn > 0]  # pages with a truth
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


@dataclass(frozen=True)
class ZytePage:
    key: str
    url: str
    html: bytes
    body: str  # the ground truth's articleBody


def load_pages(pages_dir: Path, truth_path: Path | None = None) -> list[ZytePage]:
    """The benchmark's pages (``<key>.html``) with their ground truth (``zyte-ground-truth.json`` next to
    the directory unless given); every key of the ground truth must have its page."""
    pages_dir = Path(pages_dir)
    truth_path = Path(truth_path) if truth_path else pages_dir.parent / f"{pages_dir.name}-ground-truth.json"
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    return [ZytePage(key, entry.get("url") or f"https://{key}.zyte.invalid/", (pages_dir / f"{key}.html").read_bytes(),
                     entry.get("articleBody") or "")
            for key, entry in sorted(truth.items())]


def measure_cleaning(pages: list[ZytePage], clean: Callable[[bytes, str], str]) -> dict:
    """F1 of ``clean(html, url) -> body text`` over ``pages`` and its cost (ms a page, one process).

    A page ``clean`` refuses (any exception) scores as an empty prediction and is counted in ``failed``."""
    counts, failed, seconds = [], 0, 0.0
    for page in pages:
        started = time.perf_counter()
        try:
            text = clean(page.html, page.url)
        except Exception:  # a refused page scores as no text: that is what the user would get
            text, failed = "", failed + 1
        seconds += time.perf_counter() - started
        counts.append(page_counts(page.body, text))
    scores = body_f1(counts)
    return {**{k: round(v, 4) for k, v in scores.items()}, "pages": len(pages), "failed": failed,
            "ms_per_page": round(1000 * seconds / len(pages), 2) if pages else None}


def newswire_body(html: bytes, url: str) -> str:
    """What newswire stores as the article's body: ``clean_article``'s text."""
    from newswire.ingest.clean import clean_article

    return clean_article(html, url).text


def script_body(html: bytes, url: str) -> str:
    """What the obvious script gets: trafilatura's ``bare_extraction(with_metadata=True)`` text."""
    import trafilatura

    from newswire.ingest.clean import decode_html

    document = trafilatura.bare_extraction(decode_html(html), url=url, with_metadata=True)
    return (document.text or "") if document is not None else ""
