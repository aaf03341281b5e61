"""``stories.titles`` (migration 0010), the column the story search reads: every title of the story and
of its members' stored versions, each once, kept by the stories stage and the sink (SQLite, PostgreSQL)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, select, text

from newswire.app.story_stage import StoryStage
from newswire.storage import story_reads
from newswire.storage.db import _alembic_config, check_schema, head_revision, make_engine, upgrade
from newswire.storage.models import Article, Story, StoryArticle
from newswire.storage.stories import merge_titles
from newswire.storage.writer import RecordWriter
from tests.processors import karvania
from tests.stories.fill import ids, records_of, store


def _titles_by_story(engine) -> dict[str, tuple[str | None, set[str], list[str]]]:
    """story -> (its titles column, the titles it must hold, the column's lines)."""
    with engine.connect() as conn:
        member_of = dict(conn.execute(select(StoryArticle.__table__.c.article_id, StoryArticle.__table__.c.story_id)).all())
        expected: dict[str, set[str]] = {}
        for row in conn.execute(select(Article.__table__.c.article_id, Article.__table__.c.title)):
            if row.title:
                expected.setdefault(member_of[row.article_id], set()).add(row.title)
        found = {}
        for row in conn.execute(select(Story.__table__.c.story_id, Story.__table__.c.title, Story.__table__.c.titles)):
            found[row.story_id] = (row.titles, expected.get(row.story_id, set()) | {row.title},
                                   row.titles.split("\n") if row.titles else [])
    return found


def test_the_stage_and_the_sink_keep_every_title_of_a_story_once(database_url):
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        store(engine, karvania.pieces())
        stage = StoryStage(engine, batch=7)  # several batches: a story's titles grow batch by batch
        while stage.step():
            pass
        found = _titles_by_story(engine)
        assert len(found) >= 2
        for story_id, (_, expected, lines) in found.items():
            assert set(lines) == expected and len(lines) == len(set(lines)), story_id
        # a new version of a placed article, with a new title: its story's titles gain it, the search finds it
        piece = karvania.pieces()[3]
        first = next(r for r in records_of(piece) if r.__class__.__name__ == "ArticleRecord")
        RecordWriter(engine).write([first.model_copy(update={"version": 2, "title": "Ferry service resumes at Ostrel"})])
        story_id = story_reads.story_of_article(engine, ids()[piece.key])["story_id"]
        again = _titles_by_story(engine)
        assert "Ferry service resumes at Ostrel" in again[story_id][2] and set(again[story_id][2]) == again[story_id][1]
        assert {k: v for k, v in again.items() if k != story_id} == {k: v for k, v in found.items() if k != story_id}
        rows, _ = story_reads.browse_stories(engine, text="service RESUMES")
        assert [r["story_id"] for r in rows] == [story_id] and "titles" not in rows[0]
        # the title of the first version still finds it, as before
        assert story_id in {r["story_id"] for r in story_reads.browse_stories(engine, text=first.title)[0]}
    finally:
        engine.dispose()


def test_merge_titles_appends_each_new_title_once():
    assert merge_titles(None, [None, ""]) is None
    assert merge_titles(None, ["A", "B", "A"]) == "A\nB"
    assert merge_titles("A\nB", ["B", "C", None]) == "A\nB\nC"
    assert merge_titles("A\nB", ["A\nB", "B\nA"]) == "A\nB\nB\nA"  # a title holding a newline: found whole or added


def test_migration_0010_fills_titles_from_the_placements_and_goes_back(database_url):
    upgrade(database_url, "0009_websub_hubs")
    engine = make_engine(database_url)
    try:
        with engine.begin() as conn:  # 0008's tables, by hand: today's writers know the new column
            for n, (aid, version, title) in enumerate([("a1", 1, "Dam breach at Ostrel"), ("a1", 2, "Dam breach: 40 dead"),
                                                       ("a2", 1, "Dam breach at Ostrel"), ("a3", 1, "Strike ends")]):
                conn.execute(text("INSERT INTO articles (article_id, version, url, canonical_url, feed_url, guid, title, "
                                  "text, content_hash, fetched_at, stored_at, replayed) VALUES (:a, :v, 'u', 'u', 'f', "
                                  ":g, :t, 'x', :h, '2026-03-01 12:00:00+00:00', '2026-03-01 12:00:00+00:00', :r)"),
                             {"a": aid, "v": version, "g": f"g{n}", "t": title, "h": f"h{n}", "r": False})
            for story_id, title in (("s1", "Dam breach at Ostrel"), ("s2", "Strike ends"), ("s3", "Alone")):
                conn.execute(text("INSERT INTO stories (story_id, title, first_seen_at, last_seen_at, articles, outlets, "
                                  "places, state, version, published_version) VALUES (:s, :t, '2026-03-01 12:00:00+00:00',"
                                  " '2026-03-01 12:00:00+00:00', 1, '[]', '[]', '{}', 1, 1)"), {"s": story_id, "t": title})
            for n, (aid, story_id) in enumerate([("a1", "s1"), ("a2", "s1"), ("a3", "s2")]):
                conn.execute(text("INSERT INTO story_articles (article_id, story_id, seen_at, published) VALUES "
                                  "(:a, :s, :at, :p)"), {"a": aid, "s": story_id, "at": f"2026-03-01 1{n}:00:00+00:00",
                                                          "p": False})
        assert upgrade(database_url) == head_revision()  # 0010 and the ones after it
        check_schema(engine)
        with engine.connect() as conn:
            titles = dict(conn.execute(text("SELECT story_id, titles FROM stories")).all())
        assert titles == {"s1": "Dam breach at Ostrel\nDam breach: 40 dead", "s2": "Strike ends", "s3": "Alone"}
        assert [r["story_id"] for r in story_reads.browse_stories(engine, text="40 DEAD")[0]] == ["s1"]
        if engine.dialect.name == "postgresql":
            assert "ix_stories_titles_trgm" in {i["name"] for i in inspect(engine).get_indexes("stories")}
        config = _alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0009_websub_hubs")
        engine.dispose()  # SQLite's batch downgrade rebuilt the table: no cached column lists
        assert "titles" not in {c["name"] for c in inspect(engine).get_columns("stories")}
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM stories")).scalar_one() == 3
    finally:
        engine.dispose()
