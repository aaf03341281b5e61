"""Extractor cost against trafilatura's cleaning cost, on the same pages, in the same run.

For every HTML page of the corpus directory: time trafilatura ``extract`` (with metadata, plain
text output, as the ingest stage runs it), then time ``newswire.processors.extract.extract`` on the cleaned
text with the page's publication date. Prints per-article medians and the ratio
extract / clean (the budget is 0.25). Pages are read from where they are; nothing is copied.
Without ``--corpus`` it times newswire's synthetic news-site pages (``newswire.app.bench.synthetic``), written
to a scratch directory first; real pages give the numbers the README quotes.

    .venv/bin/python benchmarks/extractor_speed.py [--corpus DIR_OF_HTML_PAGES] [--repeat 3] [--clock cpu]

``--clock cpu`` times with the process's CPU clock instead of the wall clock: on a machine shared with
other work, waiting for a core counts in wall time and not in CPU time (both stages run on one thread).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura  # noqa: E402

from newswire.processors.extract import extract  # noqa: E402



def _published(meta_date: str | None) -> dt.date | None:
    if not meta_date:
        return None
    try:
        return dt.date.fromisoformat(meta_date[:10])
    except ValueError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help="directory of .html pages, e.g. a crawl of news sites (default: synthetic pages)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per page (the minimum is kept)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall: time.perf_counter; cpu: time.process_time (fairer on a loaded machine)")
    args = parser.parse_args(argv)
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    if args.corpus is None:
        from newswire.app.bench.pages import write_synthetic_corpus

        scratch = tempfile.TemporaryDirectory(prefix="newswire-extractor-speed-")  # removed at exit
        args.corpus = write_synthetic_corpus(Path(scratch.name))

    pages = sorted(args.corpus.glob("*.html"))
    if args.limit:
        pages = pages[:args.limit]
    if not pages:
        print(f"no .html pages in {args.corpus}", file=sys.stderr)
        return 2
    clean_ms, extract_ms, ratios, chars = [], [], [], []
    figures = events = 0
    for page in pages:
        html = page.read_text(encoding="utf-8", errors="replace")
        best_clean, result = float("inf"), None
        for _ in range(args.repeat):
            t0 = clock()
            result = trafilatura.extract(html, with_metadata=True, output_format="json")
            best_clean = min(best_clean, clock() - t0)
        if not result:
            continue
        doc = json.loads(result)
        text = doc.get("text") or ""
        published = _published(doc.get("date"))
        best_extract, found = float("inf"), None
        for _ in range(args.repeat):
            t0 = clock()
            found = extract(text, published)
            best_extract = min(best_extract, clock() - t0)
        clean_ms.append(best_clean * 1000)
        extract_ms.append(best_extract * 1000)
        ratios.append(best_extract / best_clean if best_clean else 0.0)
        chars.append(len(text))
        figures += len(found.figures)
        events += len(found.events)
    if not clean_ms:
        print("trafilatura returned no text for any page", file=sys.stderr)
        return 2
    med_clean, med_extract = statistics.median(clean_ms), statistics.median(extract_ms)
    print(f"pages with text:              {len(clean_ms)} of {len(pages)} ({args.corpus}; {args.clock} clock)")
    print(f"median cleaned text:          {statistics.median(chars):,.0f} chars")
    print(f"trafilatura extract, median:  {med_clean:.2f} ms/article (with metadata, text output)")
    print(f"processors.extract, median:   {med_extract:.2f} ms/article")
    print(f"ratio of medians:             {med_extract / med_clean:.3f}  (budget 0.25)")
    print(f"median per-article ratio:     {statistics.median(ratios):.3f}; worst {max(ratios):.3f}")
    print(f"extract p90:                  {statistics.quantiles(extract_ms, n=10)[-1]:.2f} ms; "
          f"max {max(extract_ms):.2f} ms")
    print(f"found:                        {figures} figures, {events} events")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
