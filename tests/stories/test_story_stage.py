"""The stories stage on a database the sink filled with the Karvania story (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from newswire.app.cli import app
from newswire.processors.stories import story_id_for
from newswire.storage.db import make_engine
from newswire.storage.models import Observation, Story, StoryArticle
from newswire.app.story_stage import StoryStage

from tests.conftest import migrate
from tests.processors import karvania
from tests.stories.fill import ids, store


def open_db(url):
    migrate(url)
    return make_engine(url)


def drain(stage) -> int:
    total = 0
    while (placed := stage.step()):
        total += placed
    return total


def snapshot(engine) -> dict:
    """Every row the stage wrote, minus bookkeeping (versions): what must be equal across runs."""
    with engine.connect() as conn:
        placed = {r.article_id: (r.story_id, r.duplicate_of) for r in conn.execute(select(StoryArticle.__table__))}
        stories = {r.story_id: (r.title, r.articles, sorted(r.outlets), r.state)
                   for r in conn.execute(select(Story.__table__))}
        observations = {r.observation_id: (r.series_id, r.value, r.as_of, sorted(r.article_ids), sorted(r.outlets),
                                           r.article_id) for r in conn.execute(select(Observation.__table__))}
    return {"placed": placed, "stories": stories, "observations": observations}


@pytest.fixture
def filled(database_url):
    engine = open_db(database_url)
    store(engine, karvania.pieces())
    yield engine
    engine.dispose()


def test_stage_places_every_article_as_written_by_hand(filled):
    assert drain(StoryStage(filled, batch=7)) == 33
    placed = snapshot(filled)["placed"]
    key_of = {v: k for k, v in ids().items()}
    flood, strike = story_id_for(ids()["wire-3"]), story_id_for(ids()["strike-4"])
    for piece in karvania.pieces():
        story_id, duplicate_of = placed[ids()[piece.key]]
        assert story_id == (flood if piece.story == "flood" else strike), piece.key
        assert (key_of[duplicate_of] if duplicate_of else None) == piece.copy_of, piece.key
    assert StoryStage(filled).step() == 0  # nothing left


def test_same_ids_in_a_second_run_a_fresh_database_and_after_restarts(filled, tmp_path):
    drain(StoryStage(filled, batch=50))
    first = snapshot(filled)
    drain(StoryStage(filled, batch=50))  # a second pass over the same database changes nothing
    assert snapshot(filled) == first
    # a fresh database, articles arriving in three parts, a new stage (a restart) for each part
    fresh = open_db(f"sqlite:///{tmp_path / 'fresh.db'}")
    pieces = karvania.pieces()
    for part in (pieces[:9], pieces[9:20], pieces[20:]):
        store(fresh, part)
        drain(StoryStage(fresh, batch=4))
    assert snapshot(fresh) == first
    fresh.dispose()


def test_a_failed_batch_writes_nothing_and_the_stage_carries_on_as_if_not(filled, monkeypatch, tmp_path):
    from newswire.storage import stories as store_module

    stage = StoryStage(filled, batch=10)
    stage.step()
    real = store_module.write_batch
    monkeypatch.setattr(store_module, "write_batch", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("db gone")))
    with pytest.raises(RuntimeError):
        stage.step()
    assert len(snapshot(filled)["placed"]) == 10
    monkeypatch.setattr(store_module, "write_batch", real)
    drain(stage)
    uninterrupted = open_db(f"sqlite:///{tmp_path / 'uninterrupted.db'}")
    store(uninterrupted, karvania.pieces())
    drain(StoryStage(uninterrupted, batch=10))
    assert snapshot(filled) == snapshot(uninterrupted)
    assert len(snapshot(filled)["placed"]) == 33
    uninterrupted.dispose()


def test_stories_and_timeline_commands(filled, monkeypatch):
    drain(StoryStage(filled))
    monkeypatch.setenv("NEWSWIRE_DATABASE_URL", filled.url.render_as_string(hide_password=False))
    runner = CliRunner()
    result = runner.invoke(app, ["stories", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    by_id = {r["story_id"]: r for r in rows}
    flood = by_id[story_id_for(ids()["wire-3"])]
    assert flood["articles"] == 29 and flood["outlets"] == 5
    assert flood["title"] == karvania.DISPATCHES[3][0]
    assert flood["first_seen"].startswith("2026-03-03") and flood["last_seen"].startswith("2026-03-10")
    assert by_id[story_id_for(ids()["strike-4"])]["articles"] == 4

    result = runner.invoke(app, ["timeline", "--search", "Ostrel", "--category", "killed", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    for source, expected in karvania.EXPECTED_TOLLS.items():
        got = [(int(r["as_of"][-2:]), r["value"], r["revision"]) for r in lines if r["source"] == source]
        assert got == expected, source
    first = next(r for r in lines if r["source"] == "health ministry" and r["value"] == 40)
    assert first["outlets"] == 5 and len(first["article_ids"]) == 5

    result = runner.invoke(app, ["timeline", "--story", story_id_for(ids()["wire-3"])[:12], "--format", "csv",
                                 "--source", "crescent"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split(",")[:4] == ["series_id", "category", "source", "basis"]
    assert {line.split(",")[2] for line in result.output.splitlines()[1:]} == {"red crescent"}
    result = runner.invoke(app, ["stories"], env={"COLUMNS": "250"})
    assert result.exit_code == 0 and story_id_for(ids()["wire-3"])[:12] in result.output
    assert runner.invoke(app, ["timeline"]).exit_code == 2
    assert runner.invoke(app, ["stories", "--since", "yesterday-ish"]).exit_code == 2
    assert runner.invoke(app, ["stories", "--format", "xml"]).exit_code == 2


def test_an_article_that_cannot_be_placed_stands_alone_and_the_rest_go_on(filled, monkeypatch):
    from newswire.processors import storyline

    real = storyline.StoryLine.process
    bad = ids()["courier-own-8"]

    def process(self, article, figures=(), events=()):
        if article.article_id == bad:
            raise ValueError("hostile")
        return real(self, article, figures, events)

    monkeypatch.setattr(storyline.StoryLine, "process", process)
    stage = StoryStage(filled, batch=5)
    assert drain(stage) == 33 and stage.failed == 1
    placed = snapshot(filled)["placed"]
    assert placed[bad] == (story_id_for(bad), None)
    flood, strike = story_id_for(ids()["wire-3"]), story_id_for(ids()["strike-4"])
    for piece in karvania.pieces():
        if piece.key != "courier-own-8":
            story_id, duplicate_of = placed[ids()[piece.key]]
            assert story_id == (flood if piece.story == "flood" else strike), piece.key
            assert duplicate_of == (ids()[piece.copy_of] if piece.copy_of else None), piece.key


def test_stories_leaving_the_window_within_one_batch_are_saved(tmp_path):
    """Weeks apart in one batch: the first story leaves memory before the batch is written."""
    from dataclasses import replace

    engine = open_db(f"sqlite:///{tmp_path / 'weeks.db'}")
    first = karvania.pieces()[0]
    spread = [replace(first, key=f"far-{day}", day=day) for day in (3, 14, 25)]
    store(engine, spread)
    assert drain(StoryStage(engine, batch=10)) == 3
    stories = snapshot(engine)["stories"]
    assert len(stories) == 3 and all(articles == 1 for _, articles, _, _ in stories.values())
    engine.dispose()


def test_an_article_older_than_the_horizon_that_arrives_late_is_placed_by_the_sweep(filled, monkeypatch):
    """A new feed's backlog or an old archive: published days before the newest placed article."""
    from dataclasses import replace

    from newswire.app import story_stage
    from newswire.ids import article_id

    stage = StoryStage(filled, batch=10)
    assert drain(stage) == 33 and stage.horizon is not None
    late = replace(karvania.pieces()[-1], key="late-1", day=1)  # two days before the horizon (March 3)
    store(filled, [late])
    monkeypatch.setattr(story_stage, "SWEEP_S", 3600.0)
    stage.next_sweep = story_stage.time.monotonic() + 3600  # not yet time for a sweep
    assert stage.step() == 0 and len(snapshot(filled)["placed"]) == 33
    stage.next_sweep = 0.0
    assert stage.step() == 1
    placed = snapshot(filled)["placed"]
    assert len(placed) == 34 and article_id(late.url) in placed
    assert stage.step() == 0 and stage.next_sweep > story_stage.time.monotonic() + 3000  # swept: nothing left
