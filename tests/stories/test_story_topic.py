"""The stories stage sends each story update to newswire.stories.v1 (embedded broker), once per version."""

from __future__ import annotations

import threading
import time

import pytest

from newswire.kafka import make_consumer
from newswire.processors.stories import story_id_for
from newswire.records import StoryRecord, decode
from newswire.app.story_stage import run_stories
from newswire.topics import STORIES

from tests.processors import karvania
from tests.stories.fill import ids, store
from tests.stories.test_story_stage import open_db


def read_all(settings, group: str, expect, timeout_s: float = 60) -> list[tuple[bytes, StoryRecord]]:
    consumer = make_consumer(settings.kafka_bootstrap, group, STORIES.full_name(settings.topic_prefix),
                             auto_offset_reset="earliest", enable_auto_commit=False)
    got, deadline = [], time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline and not expect(got):
            for batch in consumer.poll(timeout_ms=500).values():
                got += [(m.key, decode(StoryRecord, m.value)) for m in batch]
    finally:
        consumer.close()
    return got


def run_until(settings, until, timeout_s: float = 90) -> None:
    """Run the stage (``newswire storify``) in a thread until ``until()`` or the timeout, then stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=run_stories, args=(settings, stop), daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and not until():
        time.sleep(0.2)
    stop.set()
    thread.join(30)
    assert not thread.is_alive()


# The topic is the point here, not the database: the stage's rows are checked on both databases in
# test_story_stage.py, and test_placements_topic.py sends its placements from PostgreSQL; this one SQLite.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_story_updates_on_their_topic(settings, unique):
    engine = open_db(settings.db_url)
    pieces = karvania.pieces()
    flood = story_id_for(ids()["wire-3"])

    def flood_with(articles: int):
        def seen() -> bool:
            got = read_all(settings, None, lambda g: any(r.story_id == flood and r.articles == articles
                                                         for _, r in g), timeout_s=2)
            return any(r.story_id == flood and r.articles == articles for _, r in got)
        return seen

    store(engine, pieces[:15])  # the first days
    first_part = sum(p.story == "flood" for p in pieces[:15])
    run_until(settings, flood_with(first_part))
    store(engine, pieces[15:])  # the rest arrives while the stage is stopped
    run_until(settings, flood_with(29))

    got = read_all(settings, f"g{unique}-read", lambda g: len(g) >= 3)
    assert all(key.decode() == record.story_id for key, record in got)
    updates = [r for _, r in got if r.story_id == flood]
    assert [(r.version, r.articles) for r in updates] == [(1, first_part), (2, 29)]
    assert updates[-1].outlets == sorted([karvania.WIRE, *karvania.OUTLETS])
    assert updates[-1].title == karvania.DISPATCHES[3][0]
    strike = [r for _, r in got if r.story_id == story_id_for(ids()["strike-4"])]
    assert strike[-1].articles == 4
    # a restarted stage has nothing new to say: nothing is sent again
    run_until(settings, lambda: False, timeout_s=3)
    again = read_all(settings, f"g{unique}-again", lambda g: len(g) > len(got), timeout_s=5)
    assert len(again) == len(got)
    engine.dispose()


def test_the_stories_topic_has_its_schema_checked_in_and_tail_knows_it():
    from newswire.schemas import SCHEMA_DIR, render
    from newswire.topics import topic_by_short_name

    assert (SCHEMA_DIR / f"{STORIES.name}.json").read_text() == render(STORIES.name), \
        "run `python -m newswire.schemas` and commit the result"
    assert topic_by_short_name("stories") is STORIES
