"""Soak test of `newswire run` on the embedded broker: memory stays flat, every served entry stored once.

    .venv/bin/python benchmarks/soak.py --minutes 30            (make soak; MINUTES=... to change)

A local HTTP server serves ``--feeds`` RSS feeds (default 200); each gains a new entry every
``--entry-every-s`` seconds (default 30 s: a month of a 30-entries-a-day feed in 30 minutes) and lists
its latest 20, like real feeds. The entries' dates run on a fake clock, ``--days-a-minute`` (1) days of
publication time a minute, ending at the soak's end (so none lies in the future): the run sees the
publication days a month brings, and every window the pipeline keeps by article time (the stories
stage's copy index and active stories) rolls over as it would. A `newswire run` (SQLite in a temporary data dir, the embedded broker
renewed after ``--renew-articles`` articles) polls them. Every ``--sample-s`` the resident memory
(VmRSS, /proc) of every process of the run's tree is written to ``soak.csv``; at the end the run is
stopped with Ctrl-C (its drain) and the script checks:

- flatness: for each process, after the warm-up (the first ``--warmup`` fraction of the run), the
  highest RSS of the second half is within 5 % + 2 MiB of the highest of the first half;
- exactly once: every entry the server ever listed is stored as one article (version 1) with its
  extraction marker, and nothing else is stored.

It writes ``soak.png`` if matplotlib is installed, and always a text summary (``soak.txt``). Exit code 1
if a check fails. Not part of the test suite: it runs for minutes.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newswire.ids import article_id  # noqa: E402
from newswire.app.bench.synthetic import make_page  # noqa: E402

LISTED = 20  # entries a feed lists


class Feeds:
    """``/feed/N.xml`` and the pages of its entries; entry I of feed N appears ``I * every_s`` after start (staggered)
    and is dated ``speed`` times as far from the fake clock's start (``clock_start``)."""

    def __init__(self, count: int, every_s: float, clock_start: datetime | None = None, speed: float = 1.0):
        self.count, self.every_s = count, every_s
        self.clock_start = clock_start or datetime.now(timezone.utc)
        self.speed = speed
        self.started = time.monotonic()
        self.served: dict[int, int] = {}  # feed -> highest entry index ever listed + 1
        self.lock = threading.Lock()
        self.frozen = False  # at the end: no new entries, so the pipeline can catch up
        self.frozen_at: float | None = None
        feeds = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                parts = self.path.strip("/").split("/")
                if len(parts) == 2 and parts[0] == "feed":
                    body, kind = feeds.feed(int(parts[1].removesuffix(".xml"))), "application/rss+xml"
                elif parts[-1].startswith("story-") and parts[-1].endswith(".html"):
                    body, kind = feeds.page(int(parts[-1][6:-5])), "text/html; charset=utf-8"
                else:
                    body, kind = b"", "text/plain"
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def offset(self, feed: int) -> float:
        return (feed * self.every_s) / self.count

    def visible(self, feed: int) -> int:
        """Entries feed ``feed`` has published so far (at least one; offsets spread the feeds' publishing)."""
        now = self.frozen_at if self.frozen_at is not None else time.monotonic()
        return 1 + max(0, int((now - self.started + self.offset(feed)) / self.every_s))

    def published(self, feed: int, entry: int) -> datetime:
        """Entry ``entry`` of feed ``feed``'s date: when it appeared (seconds after start), on the fake clock."""
        appeared_s = entry * self.every_s - self.offset(feed)
        return self.clock_start + timedelta(seconds=appeared_s * self.speed)

    def url(self, feed: int, entry: int) -> str:
        """Where entry ``entry`` of feed ``feed`` is (the synthetic page's own URL, which it names canonical)."""
        return make_page(feed * 100_000 + entry, base_url=self.base).url

    def feed(self, feed: int) -> bytes:
        if not 0 <= feed < self.count:
            return b""
        count = self.visible(feed)
        with self.lock:
            self.served[feed] = max(self.served.get(feed, 0), count)
        items = "".join(
            f"<item><title>Feed {feed} entry {i}</title><link>{self.url(feed, i)}</link>"
            f"<guid>soak-{feed}-{i}</guid><pubDate>{format_datetime(self.published(feed, i), usegmt=True)}</pubDate></item>"
            for i in range(count - 1, max(-1, count - 1 - LISTED), -1))
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Soak feed {feed}</title>'
                f"<link>{self.base}/</link>{items}</channel></rss>").encode()

    def page(self, index: int) -> bytes:
        """The synthetic page, its stated publication time the entry's (the pipeline takes the entry's first)."""
        page = make_page(index, base_url=self.base)
        when = self.published(*divmod(index, 100_000)).isoformat()
        return page.html.replace(f'content="{page.published_at.isoformat()}"', f'content="{when}"', 1).encode()

    def expected_ids(self) -> set[str]:
        """Article ids of every entry ever listed (a feed lists its latest LISTED, so all of them were)."""
        with self.lock:
            return {article_id(self.url(feed, i)) for feed, top in self.served.items() for i in range(top)}


def tree(root: int) -> list[int]:
    """``root`` and all its descendants (from /proc/*/stat parent ids)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def roles(data_dir: Path, run_pid: int) -> dict[int, str]:
    """pid -> role: supervisor, broker, ingest, process, sink, or '<stage>+children' for their children."""
    try:
        named = {pid: name for name, pid in json.loads((data_dir / "pids.json").read_text()).items()}
    except (OSError, ValueError):
        named = {}
    named[run_pid] = "supervisor"
    found = {}
    for pid in tree(run_pid):
        found[pid] = named.get(pid)
    for pid in list(found):
        if found[pid] is None:  # a child of a stage (the extraction pool): counted with its stage
            try:
                parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError):
                parent = -1
            found[pid] = f"{named.get(parent, 'other')}+children"
    return found


def flat(series: list[tuple[float, float]], warmup_s: float) -> tuple[bool, float, float]:
    """(flat?, max of the first half after warm-up, max of the second half)."""
    after = [(t, v) for t, v in series if t >= warmup_s]
    if len(after) < 4:
        return True, 0.0, 0.0
    middle = (after[0][0] + after[-1][0]) / 2
    first = max(v for t, v in after if t < middle)
    second = max(v for t, v in after if t >= middle)
    return second <= first * 1.05 + 2, first, second


def stored(db: Path) -> tuple[list[tuple[str, int]], set[str]]:
    with sqlite3.connect(db) as connection:
        articles = connection.execute("select article_id, version from articles").fetchall()
        markers = {row[0] for row in connection.execute("select article_id from extractions")}
    return articles, markers


def count_rows(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return connection.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entry-every-s", type=float, default=30.0, help="each feed gains an entry this often")
    parser.add_argument("--days-a-minute", type=float, default=1.0,
                        help="publication time the entries' dates advance a minute of the soak")
    parser.add_argument("--renew-articles", type=int, default=5000, help="NEWSWIRE_BROKER_RENEW_ARTICLES")
    parser.add_argument("--sample-s", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=0.2, help="fraction of the run before flatness counts")
    parser.add_argument("--out", type=Path, default=Path("soak"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    speed = args.days_a_minute * 86400 / 60
    clock_start = datetime.now(timezone.utc) - timedelta(seconds=args.minutes * 60 * speed)
    feeds = Feeds(args.feeds, args.entry_every_s, clock_start, speed)
    work = Path(tempfile.mkdtemp(prefix="newswire-soak-"))
    data_dir = work / "data"
    feed_list = work / "feeds.txt"
    feed_list.write_text("".join(f"{feeds.base}/feed/{n}.xml\n" for n in range(args.feeds)))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_FEEDS=str(feed_list), NEWSWIRE_DATA_DIR=str(data_dir),
               NEWSWIRE_ALLOW_PRIVATE_NETWORKS="true", NEWSWIRE_RESPECT_ROBOTS="false",
               NEWSWIRE_PER_HOST_DELAY_S="0", NEWSWIRE_PER_HOST_CONCURRENCY="8",
               NEWSWIRE_POLL_INTERVAL_S=str(max(2.0, args.entry_every_s / 2)), NEWSWIRE_MIN_POLL_INTERVAL_S="2",
               NEWSWIRE_MAX_POLL_INTERVAL_S=str(max(4.0, args.entry_every_s)),
               NEWSWIRE_BROKER_RENEW_ARTICLES=str(args.renew_articles), NEWSWIRE_LOG_FORMAT="text",
               PYTHONPATH=str(REPO))
    log_path = args.out / "run.log"
    with open(log_path, "wb") as out:
        run = subprocess.Popen([sys.executable, "-m", "newswire", "run"], env=env, cwd=work, stdout=out,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    started = time.monotonic()
    end = started + args.minutes * 60
    samples: list[tuple[float, str, int, float]] = []
    progress: list[tuple[float, int, int]] = []  # (t, articles stored, broker epoch)
    try:
        while time.monotonic() < end and run.poll() is None:
            t = round(time.monotonic() - started, 1)
            for pid, role in roles(data_dir, run.pid).items():
                value = rss_mb(pid)
                if value is not None:
                    samples.append((t, role, pid, round(value, 1)))
            try:
                epoch = json.loads((data_dir / "broker.json").read_text()).get("epoch", 0)
            except (OSError, ValueError):
                epoch = 0
            progress.append((t, count_rows(data_dir / "newswire.db"), epoch))
            print(f"{t:7.0f} s  stored {progress[-1][1]:6d}  epoch {epoch}  "
                  + "  ".join(f"{r} {v:.0f}" for tt, r, _, v in samples if tt == t), flush=True)
            time.sleep(args.sample_s)
        # Stop publishing, let the pipeline catch up with what was served, then stop the run.
        feeds.frozen_at = time.monotonic()
        expected = feeds.expected_ids()
        deadline = time.monotonic() + 300
        while run.poll() is None and time.monotonic() < deadline and count_rows(data_dir / "newswire.db") < len(expected):
            time.sleep(2)
        time.sleep(5)
    finally:
        if run.poll() is None:
            run.send_signal(signal.SIGINT)
            try:
                run.wait(180)
            except subprocess.TimeoutExpired:
                run.kill()
                run.wait()
    expected = feeds.expected_ids()
    articles, markers = stored(data_dir / "newswire.db")
    ids = [aid for aid, _ in articles]
    missing = expected - set(ids)
    extra = set(ids) - expected
    doubled = len(ids) - len(set(ids))
    not_v1 = sum(1 for _, version in articles if version != 1)
    no_marker = len(set(ids) - markers)
    supervisor = {}
    for path in (data_dir / "status").glob("supervisor-*.json"):
        supervisor = json.loads(path.read_text())
    renewals = [line for line in log_path.read_text(errors="replace").splitlines() if "embedded broker renewed" in line]

    with open(args.out / "soak.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["t_s", "process", "pid", "rss_mb"])
        writer.writerows(samples)
    with open(args.out / "progress.csv", "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["t_s", "articles_stored", "broker_epoch"])
        writer.writerows(progress)
    by_role: dict[str, dict[float, float]] = {}
    for t, role, _, value in samples:  # several pids of one role (children): summed
        by_role.setdefault(role, {})
        by_role[role][t] = by_role[role].get(t, 0.0) + value
    warmup_s = args.minutes * 60 * args.warmup
    lines = [f"soak: {args.feeds} feeds, an entry each every {args.entry_every_s:g} s, {args.minutes:g} min, "
             f"broker renewed after {args.renew_articles} articles; samples every {args.sample_s:g} s",
             f"entries dated {args.days_a_minute:g} days a minute: {clock_start:%Y-%m-%d %H:%M} to "
             f"{clock_start + timedelta(seconds=args.minutes * 60 * speed):%Y-%m-%d %H:%M} UTC",
             f"served entries {len(expected)}, stored articles {len(ids)} ({len(set(ids))} distinct), "
             f"missing {len(missing)}, not served {len(extra)}, doubled {doubled}, version != 1 {not_v1}, "
             f"without marker {no_marker}",
             f"broker renewals {len(renewals)} (epoch {supervisor.get('broker_epoch')}), "
             f"broker restarts after loss {supervisor.get('broker_restarts')}, stage restarts {supervisor.get('restarts')}",
             *(f"  {line.split('embedded broker renewed: ', 1)[-1]}" for line in renewals),
             f"RSS MiB per process (after warm-up {warmup_s:.0f} s: max of first half / max of second half / flat?)"]
    all_flat = True
    for role, series in sorted(by_role.items()):
        points = sorted(series.items())
        ok, first, second = flat(points, warmup_s)
        all_flat &= ok
        values = [v for _, v in points]
        lines.append(f"  {role:22s} min {min(values):7.1f}  max {max(values):7.1f}  last {values[-1]:7.1f}  "
                     f"{first:7.1f} / {second:7.1f}  {'flat' if ok else 'GROWING'}")
    exactly_once = not missing and not extra and not doubled and not not_v1 and not no_marker
    lines.append(f"result: memory {'flat' if all_flat else 'NOT flat'}, storage "
                 f"{'exactly once' if exactly_once else 'NOT exactly once'}; run exit code {run.returncode}")
    summary = "\n".join(lines)
    (args.out / "soak.txt").write_text(summary + "\n")
    print(summary)
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, (ax, stored_ax) = plt.subplots(2, 1, figsize=(10, 7), sharex=True, height_ratios=(3, 1))
        for role, series in sorted(by_role.items()):
            points = sorted(series.items())
            ax.plot([t / 60 for t, _ in points], [v for _, v in points], label=role)
        renewed = [t / 60 for (t, _, epoch), (_, _, before) in zip(progress[1:], progress) if epoch > before >= 1]
        for at in renewed:  # the embedded broker replaced (drained)
            ax.axvline(at, color="grey", linestyle=":", linewidth=0.8)
        ax.axvline(warmup_s / 60, color="black", linestyle="--", linewidth=0.8, label="end of warm-up")
        ax.set_ylabel("RSS, MiB")
        ax.set_title(f"newswire run soak: {args.feeds} feeds, broker renewed every {args.renew_articles} articles "
                     f"(dotted: {len(renewed)} renewals)")
        ax.legend(fontsize="small", ncol=2)
        stored_ax.plot([t / 60 for t, _, _ in progress], [n for _, n, _ in progress], color="black")
        stored_ax.set_ylabel("articles stored")
        stored_ax.set_xlabel("minutes")
        fig.tight_layout()
        fig.savefig(args.out / "soak.png", dpi=90)
        print(f"plot: {args.out / 'soak.png'}")
    except ImportError:
        print("matplotlib is not installed: no plot (the CSV and the summary above have the figures)")
    return 0 if all_flat and exactly_once and run.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
