"""The web interface under load: every page and API call against a big PostgreSQL database, timed.

Seeds a fresh PostgreSQL database with N articles (spread over 30 days, from 200 feeds, a tenth of
them with a second version), ten figures an article and two events an article, and the stories
stage's rows for them: every article placed, about 8,000 stories at 100,000 articles (most of a few
articles within hours, 12 developing stories of 200 articles over 2 to 6 days), a fifth of a story's
later articles copies of an earlier one, and a series of observations for each figure's category and
source (a big story: 10 series, 1,870 observations). All by COPY: about a minute for the full size
here. Then starts ``newswire serve`` on it as its own process and sends a
bounded load from a few client threads (each thread one request at a time; every URL below the same
number of times, in shuffled order; the biggest story and one of 3 to 8 articles are shown as ``BIG``
and ``SMALL``). Prints p50 / p95 / max an URL (a download's: to its first
byte; its whole time is printed apart), then the same as the README's markdown table (``markdown``),
and fails (exit 1) when any p95 is over the budget.

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

from newswire.ids import sha256_hex  # noqa: E402
from newswire.processors.series import observation_id_for, series_id_for  # noqa: E402
from newswire.storage.db import upgrade  # noqa: E402
from newswire.storage.stories import merge_titles  # noqa: E402

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


def _value(root: str, k: int) -> float:
    """Figure ``k`` of an article (or of the article it copies): the same value for a copy and its original."""
    return float(1 + (int(root[:8], 16) + k * 7919) % 5000)


BIG_STORIES, BIG_SIZE, MEAN_SIZE, COPY_SHARE = 12, 200, 12, 0.2


def plan_stories(ids: list[tuple], rng: random.Random) -> list[dict]:
    """Every article placed, as the stories stage places them: ~8,000 stories at 100,000 articles, most
    of a few articles within hours (sizes 1 to 150, exponential, mean 12), and BIG_STORIES developing
    stories of BIG_SIZE articles over 2 to 6 days; a fifth of a story's later members are copies of an
    earlier member (``duplicate_of``: the copy's figures carry the original's values)."""
    by_time = sorted(ids, key=lambda row: (row[12], row[0]))
    taken: set[str] = set()
    stories: list[list[tuple]] = []
    span = len(by_time)
    for _ in range(BIG_STORIES if span >= 20 * BIG_SIZE else 0):
        width = int(span * rng.uniform(2, 6) / 30)
        begin = rng.randrange(0, span - width)
        pool = [row for row in by_time[begin:begin + width] if row[0] not in taken]
        members = sorted(rng.sample(pool, min(BIG_SIZE, len(pool))), key=lambda row: (row[12], row[0]))
        taken.update(row[0] for row in members)
        stories.append(members)
    rest = [row for row in by_time if row[0] not in taken]
    for begin in range(0, len(rest), 2000):  # stories of a few hours' articles, interleaved
        window = rest[begin:begin + 2000]
        rng.shuffle(window)
        while window:
            size = min(150, 1 + int(rng.expovariate(1 / (MEAN_SIZE - 1))), len(window))
            stories.append(sorted(window[:size], key=lambda row: (row[12], row[0])))
            window = window[size:]
    plan = []
    for members in stories:
        placed = []
        for i, row in enumerate(members):
            copy_of = None
            if i and rng.random() < COPY_SHARE:
                copy_of = members[rng.randrange(i)][0]
                while placement_of(placed, copy_of):  # a copy of a copy is a copy of the original
                    copy_of = placement_of(placed, copy_of)
            placed.append((row[0], copy_of, round(rng.uniform(0.8, 1.0), 3) if copy_of else None))
        plan.append({"story_id": sha256_hex("story", members[0][0]), "members": placed})
    return plan


def placement_of(placed: list[tuple], article_id: str) -> str | None:
    return next(copy_of for aid, copy_of, _ in placed if aid == article_id)


def seed_stories(conn, plan: list[dict], articles: dict[str, tuple], figures_per: int, counts: dict[str, int],
                 titles: dict[str, list[str]]) -> None:
    """The stories stage's rows for ``plan``: stories, placements (with their figures' series) and the
    series' observations, as ``newswire.app.story_stage`` writes them (ids from the same functions);
    ``titles``: every version's title of each article (the stories' ``titles`` column, as the stage keeps it)."""
    story_rows, placement_rows, observation_rows = [], [], []

    def story_of(story: dict):
        observations: dict[str, list] = {}
        places: dict[str, int] = {}
        terms: dict[str, int] = {}
        outlets = set()
        for aid, copy_of, similarity in story["members"]:
            row = articles[aid]
            published, site, body = row[12], row[8], row[10]
            outlets.add(site)
            places[PLACES[int(aid[:4], 16) % len(PLACES)]] = places.get(PLACES[int(aid[:4], 16) % len(PLACES)], 0) + 1
            for word in row[6].split()[2:]:
                terms[word] = terms.get(word, 0) + 1
            triples = []
            for k in range(figures_per):
                category, source = CATEGORIES[k % len(CATEGORIES)], f"source {k % 13}"
                series_id = series_id_for(story["story_id"], category, source, "cumulative", None)
                value, as_of = _value(copy_of or aid, k), published.date().isoformat()
                obs_id = observation_id_for(series_id, value, None, as_of)
                start = (k * 37) % 600
                triples.append([f"{aid}f{k}", series_id, obs_id])
                found = observations.get(obs_id)
                if found is None:  # the earliest report keeps the sentence and span (members come in time order)
                    observations[obs_id] = [obs_id, series_id, story["story_id"], category, source, "cumulative", None,
                                            value, None, as_of, None, "at_least", published, aid,
                                            body[start:start + 160], start, start + 2, [aid], [site], [f"{aid}f{k}"]]
                else:
                    found[17].append(aid)
                    found[18] = sorted(set(found[18]) | {site})
                    found[19].append(f"{aid}f{k}")
            placement_rows.append((aid, story["story_id"], copy_of, similarity, published, site,
                                   json.dumps(triples), True))
        first, last = articles[story["members"][0][0]], articles[story["members"][-1][0]]
        top = [p for p, _ in sorted(places.items(), key=lambda item: (-item[1], item[0]))[:5]]
        state = {"terms": terms, "places": places, "actors": {"rebels": len(story["members"])},
                 "types": {TYPES[int(story["story_id"][:2], 16) % len(TYPES)]: len(story["members"])}}
        searched = merge_titles(None, [first[6], *(t for aid, _, _ in story["members"] for t in titles[aid])])
        story_rows.append((story["story_id"], first[6], first[12], last[12], len(story["members"]),
                           json.dumps(sorted(outlets)), json.dumps(top), json.dumps(state), 1, 1, searched))
        for o in observations.values():
            o[17], o[19] = json.dumps(sorted(o[17])), json.dumps(sorted(o[19]))
            o[18] = json.dumps(o[18])
            observation_rows.append(tuple(o))

    for story in plan:
        story_of(story)
        if len(observation_rows) > 100_000:
            _flush_stories(conn, story_rows, placement_rows, observation_rows, counts)
    _flush_stories(conn, story_rows, placement_rows, observation_rows, counts)


def _flush_stories(conn, story_rows: list, placement_rows: list, observation_rows: list, counts: dict[str, int]) -> None:
    _copy(conn, "stories", ["story_id", "title", "first_seen_at", "last_seen_at", "articles", "outlets", "places",
                            "state", "version", "published_version", "titles"], story_rows)
    _copy(conn, "story_articles", ["article_id", "story_id", "duplicate_of", "similarity", "seen_at", "outlet",
                                   "figures", "published"], placement_rows)
    _copy(conn, "observations", ["observation_id", "series_id", "story_id", "category", "source", "basis", "place",
                                 "value", "value_max", "as_of", "anchor_date", "qualifier", "reported_at",
                                 "article_id", "sentence", "start", "end", "article_ids", "outlets", "figure_ids"],
          observation_rows)
    counts["stories"] += len(story_rows)
    counts["story_articles"] += len(placement_rows)
    counts["observations"] += len(observation_rows)
    story_rows.clear(), placement_rows.clear(), observation_rows.clear()


def seed(url: str, articles: int, figures_per: int, events_per: int) -> dict[str, int]:
    rng = random.Random(7)
    now = datetime.now(timezone.utc)
    feeds = [f"https://feed{i}.example/rss" for i in range(200)]
    engine = create_engine(url)
    counts = {"articles": 0, "figures": 0, "events": 0, "stories": 0, "story_articles": 0, "observations": 0}
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
        newest, titles = {}, {}
        for row in rows:
            newest[row[0]] = row
            titles.setdefault(row[0], []).append(row[6])
        ids = list(newest.values())
        del rows
        plan = plan_stories(ids, rng)
        placement = {aid: (story, copy_of) for story in plan for aid, copy_of, _ in story["members"]}

        def figure_rows():
            for row in ids:
                aid, version, published, body = row[0], row[1], row[12], row[10]
                for k in range(figures_per):
                    start = (k * 37) % 600
                    counts["figures"] += 1
                    value = _value(placement.get(aid, (None, None))[1] or aid, k)
                    yield (f"{aid}f{k}", aid, version, value, None, "12", start, start + 2,
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
        seed_stories(conn, plan, {row[0]: row for row in ids}, figures_per, counts, titles)
        _copy(conn, "dead_letters", ["id", "stage", "reason", "error", "failed_at"],
              ((f"d{i}", "ingest", ["not_html", "too_large", "http_404"][i % 3], "boom", now - timedelta(minutes=i))
               for i in range(2000)))
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    engine.dispose()
    return counts


def urls(article_id: str, cursor: str, big: str | None = None, small: str | None = None,
         story_cursor: str | None = None) -> list[str]:
    since = (datetime.now(timezone.utc) - timedelta(days=3)).date().isoformat()
    week = (datetime.now(timezone.utc) - timedelta(days=14)).date().isoformat()
    until = (datetime.now(timezone.utc) - timedelta(days=7)).date().isoformat()
    stories = [] if big is None else [
        "/stories", "/stories?text=officials%20said", f"/stories?since={week}&until={until}", f"/stories/{big}",
        f"/stories/{small}", "/api/v1/stories", f"/api/v1/stories?cursor={story_cursor}",
        "/api/v1/stories?text=storm%20hit", f"/api/v1/stories?since={since}", f"/api/v1/stories/{big}",
        f"/api/v1/stories/{small}", f"/api/v1/stories/{big}/timeline", f"/api/v1/stories/{big}/timeline?category=killed",
        f"/api/v1/stories/{big}/timeline?source=source%203", f"/api/v1/stories/{small}/timeline",
    ]
    return stories + [
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


def markdown(report: dict, began_at: datetime, machine: dict, clients: int, requests: int, counts: dict,
             budget_ms: float = 300.0) -> str:
    """The README's table of this run (``README.md``, "Load test"): a row an URL, p50 / p95 / max, the
    p95s over the budget in bold; a line above it says when, how loaded and how big."""
    before, after = machine["load_average_1_5_15_before"], machine["load_average_1_5_15_after"]
    lines = [f"Run of {began_at:%Y-%m-%d %H:%M} UTC, {clients} clients, {requests} requests an URL, on "
             f"{machine['cores']} cores; load average (1 min) {before[0]} before, {after[0]} after "
             f"({counts.get('articles', 0):,} article rows, {counts.get('figures', 0):,} figures, "
             f"{counts.get('observations', 0):,} observations).", "",
             "| URL | p50 / p95 / max ms |", "|---|---|"]
    for path, r in report.items():
        shown = path.replace(" ", "%20")
        if "cursor=" in shown:
            shown = shown.split("cursor=")[0] + "cursor=…"
        note = " (first byte)" if ".csv" in shown else ""
        p95 = f"**{r['p95_ms']}**" if r["p95_ms"] > budget_ms else f"{r['p95_ms']}"
        lines.append(f"| `{shown}`{note} | {r['p50_ms']} / {p95} / {r['max_ms']} |")
    return "\n".join(lines)


def drop(admin, name: str) -> None:
    """Drop the seeded database: end our own sessions on it (an autovacuum worker there is the
    superuser's, which this role may not end: DROP DATABASE stops it), a few tries."""
    for attempt in range(10):
        try:
            with admin.connect() as conn:
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name "
                                  "AND usename = current_user AND pid <> pg_backend_pid()"), {"name": name})
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            return
        except Exception as exc:  # noqa: BLE001 - still in use: wait and try again
            if attempt == 9:
                print(f"could not drop {name}: {exc}")
            time.sleep(1)


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
                          for t in ("articles", "figures", "events", "stories", "story_articles", "observations")}
        else:
            upgrade(url)
            started = time.perf_counter()
            counts = seed(url, args.articles, args.figures_per_article, args.events_per_article)
            print(f"seeded {counts} in {time.perf_counter() - started:.0f} s", flush=True)
        engine = create_engine(url)
        with engine.connect() as conn:
            article_id = conn.execute(text("SELECT article_id FROM articles WHERE version = 2 LIMIT 1")).scalar_one()
            # the biggest story, and one of a few articles (none when the seed has no stories)
            big = conn.execute(text("SELECT story_id FROM stories ORDER BY articles DESC, story_id LIMIT 1")).scalar()
            small = conn.execute(text("SELECT story_id FROM stories WHERE articles BETWEEN 3 AND 8 "
                                      "ORDER BY story_id LIMIT 1")).scalar()
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
                story_cursor = None
                if big is not None:
                    story_cursor = httpx.get(base + "/api/v1/stories?limit=50", timeout=60).json()["next_cursor"]
                    for _ in range(3):  # the cursor of page 5 of 50
                        story_cursor = httpx.get(base + f"/api/v1/stories?limit=50&cursor={story_cursor}",
                                                 timeout=60).json()["next_cursor"]
                paths = urls(article_id, deep, big, small, story_cursor)
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
        names = {big: "BIG", small: "SMALL"} if big is not None else {}  # story ids shown by their role

        def shown(path: str) -> str:
            for story_id, name in names.items():
                path = path.replace(story_id, name)
            return path

        timings = {shown(path): values for path, values in timings.items()}
        whole_shown = {shown(path): values for path, values in whole.items()}
        print(f"\n{'URL':70} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for path, values in timings.items():
            values.sort()
            p95 = values[min(len(values) - 1, int(round(0.95 * len(values))) - 1)]
            report[path] = {"p50_ms": round(statistics.median(values), 1), "p95_ms": round(p95, 1),
                            "max_ms": round(values[-1], 1), "n": len(values)}
            flag = "" if p95 <= args.budget_ms else "  OVER"
            print(f"{path[:70]:70} {report[path]['p50_ms']:8.1f} {p95:8.1f} {values[-1]:8.1f}{flag}")
        for path, values in whole_shown.items():
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
        print("\n" + markdown(report, began_at, machine, args.clients, args.requests, counts, args.budget_ms))
        if args.json:
            roles = {name: story_id for story_id, name in names.items()}
            args.json.write_text(json.dumps({"started_at": began_at.isoformat(timespec="seconds"), "machine": machine,
                                             "counts": counts, "stories": roles, "clients": args.clients,
                                             "requests_per_url": args.requests, "urls": report}, indent=1))
        over = [p for p, r in report.items() if r["p95_ms"] > args.budget_ms]
        if over:
            print(f"p95 over {args.budget_ms:.0f} ms: {over}")
            raise SystemExit(1)
    finally:
        if args.keep or args.reuse:
            print(f"kept: {url}")
        else:
            drop(admin, name)
        admin.dispose()


if __name__ == "__main__":
    main()
