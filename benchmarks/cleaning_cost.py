"""CPU a page of newswire's cleaning against the obvious script's, interleaved on the same pages, and Zyte F1.

For every HTML page under the corpus directory (with its original URL from ``urls.json`` when the
corpus has one), each round times ``clean_article(html, url)`` and the script a user would write
instead, ``trafilatura.bare_extraction(html, url=url, with_metadata=True)``, one after the other in
alternating order (the script on trafilatura as installed, without newswire's
``trafilatura_speedups``), with the process's CPU clock (``time.process_time``: waiting for a core on a shared
machine does not count). A page's cost is its minimum over the rounds; the report sums them. When
the corpus holds the Zyte pages (``zyte/`` and ``zyte-ground-truth.json``), it also gives both body
texts' F1, precision and recall (``newswire.app.bench.zyte``'s metric). Pages are read where they are.

    .venv/bin/python benchmarks/cleaning_cost.py --corpus CORPUS/html [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura  # noqa: E402

from newswire.app.bench.pages import corpus_files  # noqa: E402
from newswire.app.bench.zyte import body_f1, page_counts  # noqa: E402
from newswire.errors import PermanentFetchError  # noqa: E402
from newswire.ingest import trafilatura_speedups  # noqa: E402
from newswire.ingest.clean import clean_article  # noqa: E402


def newswire_text(html: bytes, url: str) -> str:
    try:
        return clean_article(html, url).text
    except PermanentFetchError:
        return ""


def script_text(html: bytes, url: str) -> str:
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    return (document.text or "") if document is not None else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="directory of .html pages")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each page (the minimum counts)")
    args = parser.parse_args(argv)
    urls_file = args.corpus / "urls.json"
    urls = json.loads(urls_file.read_text(encoding="utf-8")) if urls_file.exists() else {}
    pages = []
    for path in corpus_files(args.corpus):
        relative = path.relative_to(args.corpus).as_posix()
        pages.append((relative, urls.get(relative) or f"https://corpus.invalid/{relative}", path.read_bytes()))
    cleaners = {"newswire": newswire_text, "script": script_text}
    names = list(cleaners)
    best = {name: [float("inf")] * len(pages) for name in names}
    texts = {name: [""] * len(pages) for name in names}
    for round_ in range(args.rounds):
        for i, (_, url, html) in enumerate(pages):
            for name in names if (i + round_) % 2 == 0 else reversed(names):
                trafilatura_speedups.restore() if name == "script" else trafilatura_speedups.install()
                started = time.process_time()
                texts[name][i] = cleaners[name](html, url)
                best[name][i] = min(best[name][i], time.process_time() - started)
    report: dict = {"pages": len(pages), "rounds": args.rounds}
    for name in names:
        report[f"{name}_cpu_ms_per_page"] = round(1000 * sum(best[name]) / len(pages), 2)
    report["newswire_over_script"] = round(sum(best["newswire"]) / sum(best["script"]), 3)
    truth_file = args.corpus / "zyte-ground-truth.json"
    if truth_file.exists():
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        zyte = [i for i, (relative, _, _) in enumerate(pages) if Path(relative).stem in truth]
        for name in names:
            scores = body_f1(page_counts(truth[Path(pages[i][0]).stem].get("articleBody") or "", texts[name][i])
                             for i in zyte)
            report[f"{name}_zyte"] = {"pages": len(zyte), **{k: round(v, 4) for k, v in scores.items()}}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
