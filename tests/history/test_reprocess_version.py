"""A new extractor version reaches history: `newswire reprocess` replaces what an older version stored."""

from __future__ import annotations

import os
from datetime import datetime, timezone

from sqlalchemy import select
from sqlmodel import Session

from newswire.ids import article_id, content_hash, span_id
from newswire.processors.extract import EXTRACTOR_VERSION
from newswire.records import ArticleRecord, EventRecord, ExtractionRecord, FigureRecord
from newswire.storage.db import make_engine, upgrade
from newswire.storage.models import Event, Extraction, Figure
from newswire.storage.writer import RecordWriter
from tests.history.test_replay import run

OLD = "1.1.0"
TEXT = ("MOSUL, Iraq (Reuters) - Gunmen killed at least 14 people at a market in Mosul on Monday, police said. "
        "The attackers fled north, officials said.")


def old_version_records() -> list:
    """What extractor 1.1.0 stored: a figure and an event without places, under the old version."""
    url = "https://news.example/world/mosul-market"
    published = datetime(2025, 3, 4, 9, tzinfo=timezone.utc)
    article = ArticleRecord(article_id=article_id(url), url=url, canonical_url=url, title="Market attack",
                            text=TEXT, content_hash=content_hash(TEXT), published_at=published)
    start = TEXT.index("at least 14")
    figure = FigureRecord(figure_id=span_id(article.article_id, 1, "figure", start, start + 11),
                          article_id=article.article_id, article_version=1, value=14, text="at least 14", start=start,
                          end=start + 11, unit="people", category="count_other", sentence=TEXT.split(". ")[0],
                          sentence_start=0, published_at=published, extractor_version=OLD)
    start = TEXT.index("killed")
    event = EventRecord(event_id=span_id(article.article_id, 1, "event", start, start + 6),
                        article_id=article.article_id, article_version=1, type="attack", trigger="killed",
                        start=start, end=start + 6, actors=["Palestinian"], location="Monday",
                        sentence=TEXT.split(". ")[0], sentence_start=0, published_at=published, extractor_version=OLD)
    marker = ExtractionRecord(article_id=article.article_id, article_version=1, extractor_version=OLD,
                              figures=1, events=1)
    return [article, figure, event, marker]


def test_reprocess_puts_the_new_extractor_version_on_every_stored_result(tmp_path):
    assert EXTRACTOR_VERSION != OLD
    url = f"sqlite:///{tmp_path / 'nw.db'}"
    upgrade(url)
    engine = make_engine(url)
    RecordWriter(engine).write(old_version_records())
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATABASE_URL=url, NEWSWIRE_DATA_DIR=str(tmp_path / "data"))

    run(["reprocess", "--since", "2000-01-01"], env)

    with Session(engine) as session:
        figures = session.exec(select(Figure)).scalars().all()
        events = session.exec(select(Event)).scalars().all()
        markers = session.exec(select(Extraction)).scalars().all()
    engine.dispose()
    assert {m.extractor_version for m in markers} == {EXTRACTOR_VERSION}
    assert figures and {f.extractor_version for f in figures} == {EXTRACTOR_VERSION}
    assert events and {e.extractor_version for e in events} == {EXTRACTOR_VERSION}
    (toll,) = [f for f in figures if f.text == "at least 14"]
    assert toll.category == "killed" and toll.qualifier == "at_least" and toll.country_code == "IQ"
    (attack,) = [e for e in events if e.trigger == "killed"]
    assert attack.location == "Mosul" and attack.country_code == "IQ" and attack.date == "2025-03-03"
    assert "Palestinian" not in attack.actors
