"""`newswire run` starts the stories stage: the articles it stores are placed, `newswire stories` lists them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from newswire.storage.db import make_engine
from newswire.storage.models import StoryArticle

from tests.test_pipeline import start_run, wait_for_rows


def test_run_places_what_it_stores(static_site, tmp_path):
    data_dir = tmp_path / "data"
    url = f"sqlite:///{data_dir / 'newswire.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_FEEDS=f"{static_site}/feed.xml", NEWSWIRE_DATA_DIR=str(data_dir),
               NEWSWIRE_ALLOW_PRIVATE_NETWORKS="true", NEWSWIRE_PER_HOST_DELAY_S="0",
               NEWSWIRE_RESPECT_ROBOTS="false")
    log = tmp_path / "run.log"
    run = start_run(env, log)
    try:
        wait_for_rows(url, 3, 120, run, log)
        engine = make_engine(url)
        deadline = time.monotonic() + 60
        placed = 0
        while time.monotonic() < deadline and placed < 3:
            with engine.connect() as conn:
                placed = conn.execute(select(func.count()).select_from(StoryArticle.__table__)).scalar_one()
            time.sleep(0.5)
        engine.dispose()
        assert placed == 3, log.read_text()[-3000:]
        run.send_signal(signal.SIGINT)
        assert run.wait(90) == 0
    finally:
        if run.poll() is None:
            run.kill()
            run.wait(10)
    listed = subprocess.run([sys.executable, "-m", "newswire", "stories", "--format", "jsonl"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    stories = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sum(s["articles"] for s in stories) == 3
