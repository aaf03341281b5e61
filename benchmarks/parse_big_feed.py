"""Benchmark: CPU time to parse one feed of many small entries (issue 18: 50,000 entries, ~6 MB).

    .venv/bin/python benchmarks/parse_big_feed.py [--entries 50000] [--repeat 3]

Prints the body size and, for ``parse_feed`` (which bounds the entry list before feedparser
reads it), the CPU seconds of the best of ``--repeat`` runs, the entries returned and the total
counted. ``--unbounded`` times feedparser on the whole body instead, as every poll paid before.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import feedparser  # noqa: E402

from newswire.ingest.parse import MAX_ENTRIES, parse_feed  # noqa: E402


def big_feed(entries: int) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>https://news.example/s/{i}</link>"
        f"<pubDate>{_date(entries - i)}</pubDate></item>"
        for i in range(entries))  # newest first, as feeds list them
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Big</title>{items}'
            "</channel></rss>").encode()


def _date(minutes: int) -> str:
    stamp = time.gmtime(1_700_000_000 + minutes * 60)
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", stamp)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--unbounded", action="store_true", help="also time feedparser on the whole body")
    args = parser.parse_args()
    body = big_feed(args.entries)
    report: dict[str, object] = {"entries": args.entries, "body_bytes": len(body), "max_entries": MAX_ENTRIES}
    best = float("inf")
    for _ in range(args.repeat):
        started = time.process_time()
        parsed = parse_feed(body, "https://news.example/feed.xml")
        best = min(best, time.process_time() - started)
    report |= {"parse_feed_cpu_s": round(best, 3), "returned": len(parsed.entries), "total_counted": parsed.total_entries}
    if args.unbounded:
        started = time.process_time()
        whole = feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)
        report |= {"feedparser_whole_body_cpu_s": round(time.process_time() - started, 3), "whole_entries": len(whole.entries)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
