"""The README's screenshots of the web interface: a demo database (synthetic news pages run through
the real cleaner and extractor, feeds of which two fail, a few dead letters, and the Karvania stories
of tests/app/web/stories.py placed by the real stories stage) served by
``newswire.app.web`` and photographed by Debian's chromium through Playwright.

    .venv/bin/python docs/web/screenshots.py   # writes docs/web/*.png
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from playwright.sync_api import sync_playwright  # noqa: E402

from newswire.app.web.server import WebServer  # noqa: E402
from newswire.feeds import FeedState  # noqa: E402
from newswire.ingest.replay import ArchivedItem, to_record  # noqa: E402
from newswire.processors.results import build_results  # noqa: E402
from newswire.processors.extract import EXTRACTOR_VERSION, extract  # noqa: E402
from newswire.records import DeadLetterRecord, ExtractionRecord  # noqa: E402
from newswire.settings import Settings  # noqa: E402
from newswire.storage.db import open_database  # noqa: E402
from newswire.storage.feedstore import SqlFeedStore  # noqa: E402
from newswire.storage.writer import RecordWriter  # noqa: E402
from newswire.app.bench.synthetic import make_page  # noqa: E402

OUT = Path(__file__).resolve().parent
SITES = ["wire.example", "dailynews.example", "globe.example", "courier.example"]


def seed(url: str) -> str:
    rng = random.Random(3)
    now = datetime.now(timezone.utc)
    engine = open_database(url, upgrade=True)
    writer, feeds = RecordWriter(engine), SqlFeedStore(engine)
    best, most = "", -1
    for i in range(60):
        page = make_page(i)
        site = SITES[i % len(SITES)]
        record = to_record(ArchivedItem(source="synthetic", url=page.url.replace("news.example.org", site), html=page.html))
        published = now - timedelta(minutes=rng.uniform(0, 40 * 60))
        record = record.model_copy(update={
            "article_id": hashlib.sha256(f"demo {i}".encode()).hexdigest(), "site": site,
            "feed_url": f"https://{site}/rss", "published_at": published, "fetched_at": published + timedelta(minutes=4)})
        found = extract(record.text, record.published_at)
        figures, events = build_results(record, found)
        writer.write([record, *figures, *events, ExtractionRecord(
            article_id=record.article_id, article_version=1, extractor_version=EXTRACTOR_VERSION,
            figures=len(figures), events=len(events))])
        if len(figures) + len(events) > most:
            best, most = record.article_id, len(figures) + len(events)
    for n, site in enumerate(SITES):
        feeds.save(FeedState(url=f"https://{site}/rss", title=site.split(".")[0].title(),
                             last_poll_at=now - timedelta(minutes=2 + n), next_poll_at=now + timedelta(minutes=13 - n),
                             last_success_at=now - timedelta(minutes=2 + n)))
    feeds.save(FeedState(url="https://gone.example/feed.xml", title="Gone", consecutive_errors=7, healthy=False,
                         last_error="HTTP 410 Gone", last_poll_at=now - timedelta(minutes=20),
                         next_poll_at=now + timedelta(hours=5)))
    feeds.save(FeedState(url="https://slow.example/rss", title="Slow", consecutive_errors=2,
                         last_error="timeout after 20 s reading the body", last_poll_at=now - timedelta(minutes=6),
                         next_poll_at=now + timedelta(minutes=9)))
    writer.write([DeadLetterRecord(stage="ingest", reason=reason, error=error, url=f"https://{SITES[k % 4]}/p/{k}",
                                   failed_at=now - timedelta(minutes=7 * k))
                  for k, (reason, error) in enumerate([("not_html", "application/pdf"), ("http_404", "HTTP 404"),
                                                       ("not_html", "image/jpeg"), ("too_large", "over 10 MiB")])])
    engine.dispose()
    return best


def seed_stories(url: str) -> str:
    """The Karvania articles through the real stories stage; the id of the flood story."""
    from sqlalchemy import select

    from newswire.storage.models import StoryArticle
    from tests.app.web.stories import store_stories
    from tests.stories.fill import ids

    engine = open_database(url, upgrade=False)
    store_stories(engine, hostile=False)
    with engine.connect() as conn:
        story = conn.execute(select(StoryArticle.story_id)
                             .where(StoryArticle.article_id == ids()["wire-3"])).scalar_one()
    engine.dispose()
    return story


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("no chromium on PATH: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.db'}"
        article = seed(url)
        story = seed_stories(url)
        with WebServer(Settings(database_url=url, data_dir=tmp, web_port=0)) as server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 860}, base_url=server.address)
            for path, name in [("/", "overview"), ("/feeds", "feeds"), (f"/articles/{article}", "article"),
                               ("/figures", "figures"), (f"/stories/{story}", "story")]:
                page.goto(path)
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)
                print(f"docs/web/{name}.png")
            browser.close()


if __name__ == "__main__":
    main()
