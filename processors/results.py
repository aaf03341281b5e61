"""An article's extraction as topic records, and as the bytes the worker sends.

The extraction child (``processors.pool``) builds and encodes them itself, so the worker's loop gets
a few lists of bytes back instead of the extractor's findings to unpickle, validate and encode: about
0.6 ms of the worker's CPU an article, and a third of that less in all (the findings' pickling).
Without Faust, so the child does not import it.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple, Protocol

from newswire.ids import span_id
from newswire.processors.extract import EXTRACTOR_VERSION, Extraction
from newswire.records import EventRecord, FigureRecord, encode


class ArticleLike(Protocol):
    """What of an ``ArticleRecord`` its results need."""

    article_id: str
    version: int
    text: str
    published_at: dt.datetime | None


class ArticleFacts(NamedTuple):
    """The child's :class:`ArticleLike`: four fields pickle faster than an ``ArticleRecord``."""

    article_id: str
    version: int
    text: str
    published_at: dt.datetime | None


class EncodedResults(NamedTuple):
    """One article's figures and events as their topics' message values, and the extractor's failures."""

    figures: list[bytes]
    events: list[bytes]
    failures: tuple[str, ...]


def build_results(article: ArticleLike, extraction: Extraction) -> tuple[list[FigureRecord], list[EventRecord]]:
    """Turn the extractor's findings into topic records, with ids and the sentence each came from."""
    text = article.text
    figures = [
        FigureRecord(
            figure_id=span_id(article.article_id, article.version, "figure", f.start, f.end),
            article_id=article.article_id,
            article_version=article.version,
            value=f.value,
            value_max=f.value_max,
            text=f.text,
            start=f.start,
            end=f.end,
            unit=f.unit,
            category=f.category,
            qualifier=f.qualifier,
            source=f.source,
            anchor_phrase=f.anchor_phrase,
            anchor_kind=f.anchor_kind,
            anchor_date=f.anchor_date,
            as_of_date=f.as_of_date,
            location=f.location,
            place=f.place.as_dict() if f.place else None,
            sentence=text[f.sentence_start:f.sentence_end],
            sentence_start=f.sentence_start,
            published_at=article.published_at,
            extractor_version=EXTRACTOR_VERSION,
        )
        for f in extraction.figures
    ]
    events = [
        EventRecord(
            event_id=span_id(article.article_id, article.version, "event", e.start, e.end),
            article_id=article.article_id,
            article_version=article.version,
            type=e.type,
            trigger=e.trigger,
            start=e.start,
            end=e.end,
            actors=list(e.actors),
            location=e.location,
            place=e.place.as_dict() if e.place else None,
            actor_details=[a.as_dict() for a in e.actor_details],
            date=e.date,
            sentence=text[e.sentence_start:e.sentence_end],
            sentence_start=e.sentence_start,
            published_at=article.published_at,
            extractor_version=EXTRACTOR_VERSION,
        )
        for e in extraction.events
    ]
    return figures, events


def encoded_results(article: ArticleLike, extraction: Extraction) -> EncodedResults:
    """:func:`build_results`, encoded: exactly the bytes the worker sent when it encoded them itself."""
    figures, events = build_results(article, extraction)
    return EncodedResults([encode(f) for f in figures], [encode(e) for e in events], extraction.failures)
