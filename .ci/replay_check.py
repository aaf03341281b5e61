"""CI: an installed newswire replays an archive end to end (run by .ci/newest-python.sh, in its venv).

Writes an archived RSS feed of our synthetic news pages, runs the installed ``newswire replay`` on
it (embedded broker, Faust worker, sink into a SQLite file), then checks the database holds every
article with its figures and extraction markers, and that piped stderr is JSON lines.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from email.utils import format_datetime
from pathlib import Path

from newswire.app.bench.synthetic import make_page

ARTICLES = 20


def write_feed_archive(path: Path, count: int) -> None:
    items = []
    for i in range(count):
        page = make_page(i)
        body = page.html.split("<article>")[1].split("</article>")[0]
        items.append(f"<item><title>{page.title}</title><link>{page.url}</link><guid>story-{i}</guid>"
                     f"<pubDate>{format_datetime(page.published_at)}</pubDate>"
                     f"<content:encoded><![CDATA[{body}]]></content:encoded></item>")
    path.write_text('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
                    f'content/"><channel><title>Archive</title>{"".join(items)}</channel></rss>')


def main(work: Path) -> int:
    work.mkdir(parents=True, exist_ok=True)
    newswire = str(Path(sys.executable).with_name("newswire"))
    version = subprocess.run([newswire, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    print(f"replay_check: {version} on Python {sys.version.split()[0]}")
    archive = work / "archive.xml"
    write_feed_archive(archive, ARTICLES)
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEWSWIRE_")}
    env["NEWSWIRE_DATA_DIR"] = str(work / "data")
    done = subprocess.run([newswire, "replay", str(archive)], env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        print(done.stdout[-3000:], done.stderr[-5000:], sep="\n", file=sys.stderr)
        return 1
    for line in done.stderr.splitlines():
        json.loads(line)  # piped: every stderr line is one JSON object
    with sqlite3.connect(work / "data" / "newswire.db") as db:
        articles, figures, extractions = (db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                                          for table in ("articles", "figures", "extractions"))
    print(f"replay_check: {articles} articles, {figures} figures, {extractions} extractions stored")
    if articles != ARTICLES or extractions != ARTICLES or figures < ARTICLES:
        print(f"replay_check: expected {ARTICLES} articles and extractions, and figures in each", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
