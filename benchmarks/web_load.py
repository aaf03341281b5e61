"""The web interface under load: every page and API call against a big PostgreSQL database, timed.

Seeds a fresh PostgreSQL database with N articles (spread over 30 days, from 200 feeds, a tenth of
them with a second version), ten figures an article and two events an article (by COPY: about a
minute for the full size here), then starts ``newswire serve`` on it as its own process and sends a
bounded load from a few client threads (each thread one request at a time; every URL below the same
number of times, in shuffled order). Prints p50 / p95 / max an URL (a download's: to its first
byte; its whole time is printed apart) and fails (exit 1) when any p95 is over the budget.

    .venv/bin/python benchmarks/web_load.py [--articles 100000] [--figures-per-article 10]
        [--requests 40] [--clients 4] [--budget-ms 300] [--keep]
    make bench-web

The database is created beside the tests' (``NEWSWIRE_TEST_PG_URL`` or the ``newswire_test`` role that
``.ci/postgres.sh`` sets up) and dropped afterwards unless ``--keep``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newswire.storage.db import upgrade  # noqa: E402

PG_ADMIN_URL = os.environ.get(
    "NEWSWIRE_TEST_PG_URL", "postgresql+psycopg://newswire_test:newswire_test@127.0.0.1:5432/newswire_test")
CATEGORIES = ["killed", "injured", "missing", "displaced", "money", "percent", "votes", "cases"]
TYPES = ["attack", "talks", "arrest", "election", "protest", "quake"]
PLACES = ["Springfield", "Shelbyville", "Ogdenville", "North Haverbrook", "Capital City"]
WORDS = "officials said the toll rose after rescuers reached the area where the storm hit on tuesday".split()


def _copy(conn, table: str, columns: list[str], rows) -> None:
    with conn.connection.dbapi_connection.cursor() as cursor:
        quoted = ", ".join(f'"{column}"' for column in columns)  # "end" is a keyword
        with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def seed(url: str, articles: int, figures_per: int, events_per: int) -> dict[str, int]:
    rng = random.Random(7)
    now = datetime.now(timezone.utc)
    feeds = [f"https://feed{i}.example/rss" for i in range(200)]
    engine = create_engine(url)
    counts = {"articles": 0, "figures": 0, "events": 0}
    with engine.begin() as conn:
        _copy(conn, "feeds", ["url", "title", "last_poll_at", "next_poll_at", "consecutive_errors", "last_error",
                              "entries_seen", "healthy", "extra"],
              ((u, f"Feed {i}", now - timedelta(minutes=i % 30), now + timedelta(minutes=15 - i % 30),
                i % 9 if i % 10 == 0 else 0, "HTTP 503" if i % 10 == 0 else None, 100, i % 20 != 0, "{}")
               for i, u in enumerate(feeds)))

        def article_rows():
            for n in range(articles):
                published = now - timedelta(seconds=rng.uniform(0, 30 * 86400))
                aid = uuid.UUID(int=rng.getrandbits(128)).hex + uuid.UUID(int=n).hex
                versions = 2 if n % 10 == 0 else 1
                for version in range(1, versions + 1):
                    body = " ".join(rng.choice(WORDS) for _ in range(120))
                    counts["articles"] += 1
                    yield (aid, version, f"https://site{n % 50}.example/a/{n}", f"https://site{n % 50}.example/a/{n}",
                           feeds[n % 200], f"guid-{n}", f"Story {n}: " + " ".join(rng.sample(WORDS, 6)), None,
                           f"site{n % 50}.example", "en", body, f"h{n}-{version}", published,
                           published + timedelta(minutes=5), published + timedelta(minutes=6), False)

        ids = []
        rows = list(article_rows())
        _copy(conn, "articles", ["article_id", "version", "url", "canonical_url", "feed_url", "guid", "title", "author",
                                 "site", "language", "text", "content_hash", "published_at", "fetched_at", "stored_at",
                                 "replayed"], rows)
        newest = {}
        for row in rows:
            newest[row[0]] = row
        ids = list(newest.values())
        del rows

        def figure_rows():
            for row in ids:
                aid, version, published, body = row[0], row[1], row[12], row[10]
                for k in range(figures_per):
                    start = (k * 37) % 600
                    counts["figures"] += 1
                    yield (f"{aid}f{k}", aid, version, float(rng.randint(1, 5000)), None, "12", start, start + 2,
                           "people", CATEGORIES[k % len(CATEGORIES)], "at_least", f"source {k % 13}", None, None, None,
                           body[start:start + 160], start, published, "bench", published + timedelta(minutes=7))

        _copy(conn, "figures", ["figure_id", "article_id", "article_version", "value", "value_max", "text", "start", "end",
                                "unit", "category", "qualifier", "source", "anchor_phrase", "anchor_kind", "anchor_date",
                                "sentence", "sentence_start", "published_at", "extractor_version", "extracted_at"],
              figure_rows())

        def event_rows():
            for row in ids:
                aid, version, published, body = row[0], row[1], row[12], row[10]
                for k in range(events_per):
                    start = (k * 53) % 600
                    counts["events"] += 1
                    yield (f"{aid}e{k}", aid, version, rng.choice(TYPES), "hit", start, start + 3,
                           json.dumps(["rebels", "army"]), rng.choice(PLACES), published.date().isoformat(),
                           body[start:start + 160], start, published, "bench", published + timedelta(minutes=7))

        _copy(conn, "events", ["event_id", "article_id", "article_version", "type", "trigger", "start", "end", "actors",
                               "location", "date", "sentence", "sentence_start", "published_at", "extractor_version",
                               "extracted_at"], event_rows())
        _copy(conn, "dead_letters", ["id", "stage", "reason", "error", "failed_at"],
              ((f"d{i}", "ingest", ["not_html", "too_large", "http_404"][i % 3], "boom", now - timedelta(minutes=i))
               for i in range(2000)))
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    engine.dispose()
    return counts


def urls(article_id: str, cursor: str) -> list[str]:
    since = (datetime.now(timezone.utc) - timedelta(days=3)).date().isoformat()
    return [
        "/", "/feeds", "/figures", "/events", "/articles", f"/articles/{article_id}",
        "/figures?category=killed", f"/figures?since={since}", "/events?type=attack&place=spring",
        "/api/v1/overview", "/api/v1/feeds", "/api/v1/deadletters", "/api/v1/articles",
        f"/api/v1/articles/{article_id}", "/api/v1/figures", "/api/v1/figures?category=money&limit=100",
        f"/api/v1/figures?cursor={cursor}", "/api/v1/figures?source=source%207",
        "/api/v1/figures?text=rescuers%20reached", "/api/v1/events?type=talks", "/api/v1/events?place=haverbrook",
        f"/api/v1/figures.csv?category=votes&since={since}",
    ]


whole: dict[str, list[tuple[float, int]]] = {}  # downloads: (ms to the last byte, bytes)


def load(base: str, paths: list[str], requests: int, clients: int) -> dict[str, list[float]]:
    work = [p for p in paths for _ in range(requests)]
    random.Random(1).shuffle(work)
    timings: dict[str, list[float]] = {p: [] for p in paths}
    errors: list[str] = []
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            while True:
                with lock:
                    if not work:
                        return
                    path = work.pop()
                started = time.perf_counter()
                if ".csv" in path or ".jsonl" in path:  # a download streams: time its first rows
                    with http.stream("GET", path) as response:
                        chunks = response.iter_bytes()
                        size = len(next(chunks, b""))
                        elapsed = (time.perf_counter() - started) * 1000
                        size += sum(len(chunk) for chunk in chunks)
                    with lock:
                        whole.setdefault(path, []).append(((time.perf_counter() - started) * 1000, size))
                else:
                    response = http.get(path)
                    elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    timings[path].append(elapsed)
                    if response.status_code != 200:
                        errors.append(f"{path}: {response.status_code}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        print(f"{len(errors)} non-200 responses, e.g. {errors[:3]}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--figures-per-article", type=int, default=10)
    parser.add_argument("--events-per-article", type=int, default=2)
    parser.add_argument("--requests", type=int, default=40, help="requests an URL")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--budget-ms", type=float, default=300.0, help="p95 budget of every URL")
    parser.add_argument("--json", type=Path, default=None, help="write the timings here")
    parser.add_argument("--keep", action="store_true", help="keep the database (its URL is printed)")
    parser.add_argument("--reuse", default=None, help="a database a --keep run left: time it again, no seeding")
    args = parser.parse_args()

    name = args.reuse.rsplit("/", 1)[1] if args.reuse else f"newswire_webload_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    if not args.reuse:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        if args.reuse:
            with create_engine(url).connect() as conn:
                counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                          for t in ("articles", "figures", "events")}
        else:
            upgrade(url)
            started = time.perf_counter()
            counts = seed(url, args.articles, args.figures_per_article, args.events_per_article)
            print(f"seeded {counts} in {time.perf_counter() - started:.0f} s", flush=True)
        engine = create_engine(url)
        with engine.connect() as conn:
            article_id = conn.execute(text("SELECT article_id FROM articles WHERE version = 2 LIMIT 1")).scalar_one()
        engine.dispose()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
        with tempfile.TemporaryDirectory() as data_dir:
            env.update(NEWSWIRE_DATABASE_URL=url, NEWSWIRE_WEB_PORT=str(port), NEWSWIRE_DATA_DIR=data_dir,
                       NEWSWIRE_LOG_LEVEL="warning")
            server = subprocess.Popen([sys.executable, "-m", "newswire", "serve"], env=env)
            try:
                base = f"http://127.0.0.1:{port}"
                for _ in range(300):
                    try:
                        httpx.get(base + "/api/v1/overview?hours=1", timeout=30)
                        break
                    except httpx.TransportError:
                        time.sleep(0.2)
                deep = httpx.get(base + "/api/v1/figures?limit=500", timeout=60).json()["next_cursor"]
                for _ in range(5):  # deeper: page 10 of 500
                    deep = httpx.get(base + f"/api/v1/figures?limit=500&cursor={deep}", timeout=60).json()["next_cursor"]
                paths = urls(article_id, deep)
                load(base, paths, 2, args.clients)  # warm the caches
                started = time.perf_counter()
                load_before, began_at = os.getloadavg(), datetime.now(timezone.utc)
                timings = load(base, paths, args.requests, args.clients)
                wall = time.perf_counter() - started
                load_after = os.getloadavg()
            finally:
                server.terminate()
                server.wait(timeout=30)
        report = {}
        print(f"\n{'URL':70} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for path, values in timings.items():
            values.sort()
            p95 = values[min(len(values) - 1, int(round(0.95 * len(values))) - 1)]
            report[path] = {"p50_ms": round(statistics.median(values), 1), "p95_ms": round(p95, 1),
                            "max_ms": round(values[-1], 1), "n": len(values)}
            flag = "" if p95 <= args.budget_ms else "  OVER"
            print(f"{path[:70]:70} {report[path]['p50_ms']:8.1f} {p95:8.1f} {values[-1]:8.1f}{flag}")
        for path, values in whole.items():
            ms = sorted(v[0] for v in values)
            print(f"download {path[:60]}: first byte as above; whole {statistics.median(ms):.0f} ms median, "
                  f"{values[-1][1] / 1e6:.1f} MB")
            report[path]["whole_median_ms"] = round(statistics.median(ms))
        total = sum(len(v) for v in timings.values())
        machine = {"cores": os.cpu_count(), "load_average_1_5_15_before": [round(x, 2) for x in load_before],
                   "load_average_1_5_15_after": [round(x, 2) for x in load_after]}
        print(f"\n{total} requests from {args.clients} clients in {wall:.1f} s ({total / wall:.0f}/s); "
              f"database: {counts}")
        print(f"started {began_at:%Y-%m-%d %H:%M} UTC; load average (1/5/15 min) before {machine['load_average_1_5_15_before']}, "
              f"after {machine['load_average_1_5_15_after']} on {machine['cores']} cores")
        if args.json:
            args.json.write_text(json.dumps({"started_at": began_at.isoformat(timespec="seconds"), "machine": machine,
                                             "counts": counts, "clients": args.clients, "requests_per_url": args.requests,
                                             "urls": report}, indent=1))
        over = [p for p, r in report.items() if r["p95_ms"] > args.budget_ms]
        if over:
            print(f"p95 over {args.budget_ms:.0f} ms: {over}")
            raise SystemExit(1)
    finally:
        if args.keep or args.reuse:
            print(f"kept: {url}")
        else:
            with admin.connect() as conn:
                conn.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


if __name__ == "__main__":
    main()
