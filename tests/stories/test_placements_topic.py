"""A subscriber learns each article's story, copy and figure series from newswire.placements.v1 (embedded broker).

The articles and figures it read on the v1 topics carry no ``story_id`` / ``duplicate_of`` /
``series_id`` (they were sent before the stage saw them); the stage sends one ``PlacementRecord`` an
article, which the subscriber joins on ``article_id`` and ``figure_id``. Nothing is sent again on the
article or figure topics, and a restarted stage sends no placement twice.
"""

from __future__ import annotations

import time
from collections import defaultdict

import pytest
from kafka import KafkaAdminClient
from sqlalchemy import select, update

from newswire.kafka import make_consumer
from newswire.processors.series import source_org
from newswire.processors.stories import story_id_for
from newswire.records import FigureRecord, PlacementRecord, decode
from newswire.storage.models import Observation, StoryArticle
from newswire.topics import PLACEMENTS

from tests.processors import karvania
from tests.stories.fill import ids, records_of, store
from tests.stories.test_story_stage import open_db
from tests.stories.test_story_topic import run_until


def read_placements(settings, group: str, expect: int, timeout_s: float = 60) -> list[tuple[str, PlacementRecord]]:
    consumer = make_consumer(settings.kafka_bootstrap, group, PLACEMENTS.full_name(settings.topic_prefix),
                             auto_offset_reset="earliest", enable_auto_commit=False)
    got, deadline = [], time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline and len(got) < expect:
            for batch in consumer.poll(timeout_ms=500).values():
                got += [(m.key.decode(), decode(PlacementRecord, m.value)) for m in batch]
    finally:
        consumer.close()
    return got


def all_sent(engine):
    def sent() -> bool:
        with engine.connect() as conn:
            rows = conn.execute(select(StoryArticle.published)).scalars().all()
        return len(rows) == len(karvania.pieces()) and all(rows)
    return sent


# The topic is the point here, not the database: the stage's rows are checked on both databases in
# test_story_stage.py, and test_story_topic.py sends its story updates from SQLite; this one PostgreSQL.
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_subscriber_joins_placements_to_the_articles_and_figures_it_read(settings, unique):
    engine = open_db(settings.db_url)
    pieces = karvania.pieces()
    store(engine, pieces[:12])
    run_until(settings, lambda: False, timeout_s=4)  # the first days, then a stop
    store(engine, pieces[12:])  # the rest arrives while the stage is stopped
    run_until(settings, all_sent(engine))
    assert all_sent(engine)()

    got = read_placements(settings, f"g{unique}-sub", len(pieces))
    placed = {record.article_id: record for _, record in got}
    assert len(got) == len(placed) == len(pieces), "one placement an article, none twice"
    assert all(key == record.article_id for key, record in got)

    # what the subscriber read on the v1 topics: articles and figures without story, copy or series
    figures = {r.figure_id: r for p in pieces for r in records_of(p) if isinstance(r, FigureRecord)}
    assert figures and all(f.story_id is None and f.series_id is None for f in figures.values())

    key_of = {v: k for k, v in ids().items()}
    flood, strike = story_id_for(ids()["wire-3"]), story_id_for(ids()["strike-4"])
    for piece in pieces:
        record = placed[ids()[piece.key]]
        assert record.story_id == (flood if piece.story == "flood" else strike), piece.key
        assert (key_of[record.duplicate_of] if record.duplicate_of else None) == piece.copy_of, piece.key
        assert (record.similarity is not None) == (piece.copy_of is not None)
        assert record.outlet == piece.site and record.seen_at == piece.published_at
        own = {f.figure_id for f in figures.values() if f.article_id == record.article_id}
        assert {f.figure_id for f in record.figures} == own, piece.key

    # each figure's series and observation are the stage's stored ones
    with engine.connect() as conn:
        stored = {fid: (r.series_id, r.observation_id) for r in conn.execute(select(Observation.__table__))
                  for fid in r.figure_ids}
    for record in placed.values():
        assert all(stored[f.figure_id] == (f.series_id, f.observation_id) for f in record.figures)

    # the subscriber's own timeline of the flood toll by source: figures grouped by the series they carry
    values: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for record in placed.values():
        for ref in record.figures:
            figure = figures[ref.figure_id]
            if record.story_id == flood and figure.category == "killed":
                values[source_org(figure.source)][ref.series_id].add(figure.value)
    for source, expected in karvania.EXPECTED_TOLLS.items():
        assert len(values[source]) == 1, source  # one series a source
        assert next(iter(values[source].values())) == {float(v) for _, v, _ in expected}, source

    # a restarted stage sends nothing again, and the stage never wrote to the article or figure topics
    run_until(settings, lambda: False, timeout_s=3)
    again = read_placements(settings, f"g{unique}-again", len(pieces) + 1, timeout_s=5)
    assert len(again) == len(pieces)
    # a placement made before migration 0006 (no figures kept, not sent) is sent once, with figures null
    old = ids()["wire-3"]
    with engine.begin() as conn:
        conn.execute(update(StoryArticle.__table__).where(StoryArticle.__table__.c.article_id == old)
                     .values(figures=None, published=False))
    run_until(settings, all_sent(engine))
    more = read_placements(settings, f"g{unique}-old", len(pieces) + 2, timeout_s=5)
    assert len(more) == len(pieces) + 1
    first, resent = [record for key, record in more if key == old]  # in order: one partition, one key
    assert first.figures and resent.figures is None
    assert (resent.story_id, resent.duplicate_of) == (first.story_id, first.duplicate_of) == (flood, None)
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap.split(","))
    try:
        ours = {t for t in admin.list_topics() if t.startswith(settings.topic_prefix)}
    finally:
        admin.close()
    assert ours == {f"{settings.topic_prefix}newswire.stories.v1", f"{settings.topic_prefix}newswire.placements.v1"}
    engine.dispose()


def test_the_placements_topic_has_its_schema_checked_in():
    from newswire.schemas import SCHEMA_DIR, render
    from newswire.topics import topic_by_short_name

    assert (SCHEMA_DIR / f"{PLACEMENTS.name}.json").read_text() == render(PLACEMENTS.name), \
        "run `python -m newswire.schemas` and commit the result"
    assert topic_by_short_name("placements") is PLACEMENTS
