"""Start-up time to first row, and end-to-end latency of one article, for `newswire run`.

Serves tests/fixtures/site (a feed and three articles) locally, starts `newswire run` on the
embedded default with a fresh SQLite file, and polls the database every 50 ms:

- start-up to first row: from launching `newswire run` to the first article row, and to the first
  fully extracted article (its extraction marker stored: figures and events are in by then);
- end-to-end latency of one article: from the moment ingest fetched it (``fetched_at``) to its
  extraction marker being stored (first time the poll sees it).

    .venv/bin/python benchmarks/startup_latency.py
"""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import create_engine, text

SITE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "site"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    workdir = Path(tempfile.mkdtemp(prefix="newswire-startup-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_FEEDS=f"http://127.0.0.1:{server.server_address[1]}/feed.xml",
               NEWSWIRE_DATA_DIR=str(workdir), NEWSWIRE_ALLOW_PRIVATE_NETWORKS="true",
               NEWSWIRE_PER_HOST_DELAY_S="0", NEWSWIRE_RESPECT_ROBOTS="false")
    started = time.monotonic()
    run = subprocess.Popen([sys.executable, "-m", "newswire", "run"], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    engine = None
    first_article = first_extraction = None
    seen: dict[str, float] = {}  # article_id -> wall-clock time its extraction was first seen
    try:
        while time.monotonic() - started < 120 and len(seen) < 3:
            time.sleep(0.05)
            if not (workdir / "newswire.db").exists():
                continue
            engine = engine or create_engine(f"sqlite:///{workdir / 'newswire.db'}")
            try:
                with engine.connect() as conn:
                    articles = conn.execute(text("select count(*) from articles")).scalar_one()
                    done = [row[0] for row in conn.execute(text("select article_id from extractions"))]
            except Exception:
                continue  # schema not there yet
            now = time.monotonic()
            if articles and first_article is None:
                first_article = now - started
            if done and first_extraction is None:
                first_extraction = now - started
            for aid in done:
                seen.setdefault(aid, time.time())
        with engine.connect() as conn:
            fetched = dict(conn.execute(text("select article_id, fetched_at from articles")).all())
    finally:
        run.send_signal(signal.SIGINT)
        run.wait(120)
        server.shutdown()
    latencies = []
    for aid, at in seen.items():
        value = fetched[aid]
        fetched_at = datetime.fromisoformat(str(value)) if not isinstance(value, datetime) else value
        fetched_at = fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=timezone.utc)
        latencies.append(at - fetched_at.timestamp())
    print(f"start-up to first article row:        {first_article:.2f} s")
    print(f"start-up to first extracted article:  {first_extraction:.2f} s")
    print("fetch-to-extraction-stored latency:   " + ", ".join(f"{x * 1000:.0f} ms" for x in sorted(latencies)))


if __name__ == "__main__":
    main()
