"""Storage fixtures: a migrated engine on each backend, and builders of records with sane defaults."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest

from newswire.ids import article_id as make_article_id
from newswire.ids import canonical_url, content_hash, span_id
from newswire.records import ArticleRecord, DeadLetterRecord, EventRecord, ExtractionRecord, FigureRecord
from newswire.storage.db import make_engine

from tests.conftest import migrate

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def engine(database_url):
    migrate(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


class Records:
    """Builders for consistent records: ids derived the way the pipeline derives them."""

    T0 = T0  # article n is published at T0 + n hours

    def __init__(self):
        self._n = itertools.count()

    def article(self, n: int | None = None, version: int = 1, **fields) -> ArticleRecord:
        n = next(self._n) if n is None else n
        url = fields.pop("url", f"https://news.example/story/{n}?utm_source=feed")
        text = fields.pop("text", f"Story {n}, version {version}: at least {n + 3} people were killed.")
        values = dict(
            article_id=make_article_id(url), version=version, url=url, canonical_url=canonical_url(url),
            feed_url="https://news.example/feed.xml", guid=f"guid-{n}", title=f"Story {n}", text=text,
            content_hash=content_hash(text), published_at=T0 + timedelta(hours=n), fetched_at=T0 + timedelta(hours=n, minutes=5),
        )
        values.update(fields)
        return ArticleRecord(**values)

    def figure(self, article: ArticleRecord, start: int = 0, extractor_version: str = "1.0", **fields) -> FigureRecord:
        end = fields.pop("end", start + 2)
        values = dict(
            figure_id=span_id(article.article_id, article.version, "figure", start, end),
            article_id=article.article_id, article_version=article.version, value=float(start + 3),
            text=article.text[start:end] or "12", start=start, end=end, unit="people", category="killed",
            qualifier="at_least", source="officials", sentence=article.text, sentence_start=0,
            published_at=article.published_at, extractor_version=extractor_version,
        )
        values.update(fields)
        return FigureRecord(**values)

    def event(self, article: ArticleRecord, start: int = 0, extractor_version: str = "1.0", **fields) -> EventRecord:
        end = fields.pop("end", start + 6)
        values = dict(
            event_id=span_id(article.article_id, article.version, "event", start, end),
            article_id=article.article_id, article_version=article.version, type="attack",
            trigger=article.text[start:end] or "attack", start=start, end=end, actors=["rebels", "army"],
            location="Springfield", date="2026-03-01", sentence=article.text, sentence_start=0,
            published_at=article.published_at, extractor_version=extractor_version,
        )
        values.update(fields)
        return EventRecord(**values)

    def extraction(self, article: ArticleRecord, extractor_version: str = "1.0", figures: int = 0,
                   events: int = 0) -> ExtractionRecord:
        return ExtractionRecord(article_id=article.article_id, article_version=article.version,
                                extractor_version=extractor_version, figures=figures, events=events)

    def dead_letter(self, offset: int | None = 7, **fields) -> DeadLetterRecord:
        values = dict(stage="process", reason="bad_record", error="not JSON", source_topic="newswire.articles.v1",
                      source_partition=0, source_offset=offset, payload="{oops", failed_at=T0)
        values.update(fields)
        return DeadLetterRecord(**values)


@pytest.fixture
def records() -> Records:
    return Records()
