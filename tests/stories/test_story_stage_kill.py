"""SIGKILL the stories stage again and again while it places the Karvania story: same rows as a clean run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from newswire.app.broker import die_with_parent
from newswire.storage.models import StoryArticle
from newswire.app.story_stage import StoryStage

from tests.faults.conftest import wait_for
from tests.processors import karvania
from tests.stories.fill import store
from tests.stories.test_story_stage import drain, open_db, snapshot

SCRIPT = Path(__file__).with_name("stage_process.py")


def placed(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(StoryArticle.__table__)).scalar_one()


def test_sigkill_at_any_point_loses_and_duplicates_nothing(database_url, tmp_path):
    engine = open_db(database_url)
    store(engine, karvania.pieces())
    url = engine.url.render_as_string(hide_password=False)
    log = tmp_path / "stage.log"
    kills = 0
    for target in (3, 9, 15, 22, 28):  # kill once it has placed at least this many, at whatever point it is
        with open(log, "ab") as out:
            process = subprocess.Popen([sys.executable, str(SCRIPT), url, "2"], stdout=out, stderr=out,
                                       stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
        try:
            wait_for(lambda: placed(engine) >= target, 120, f"{target} articles placed")
        finally:
            process.kill()
            process.wait(10)
        kills += 1
    with open(log, "ab") as out:
        process = subprocess.Popen([sys.executable, str(SCRIPT), url, "2"], stdout=out, stderr=out,
                                   stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
    try:
        wait_for(lambda: placed(engine) == 33, 120, "all 33 placed")
    finally:
        process.kill()
        process.wait(10)
    assert kills == 5

    clean = open_db(f"sqlite:///{tmp_path / 'clean.db'}")
    store(clean, karvania.pieces())
    drain(StoryStage(clean, batch=2))
    assert snapshot(engine) == snapshot(clean), log.read_text()[-3000:]
    clean.dispose()
    engine.dispose()
