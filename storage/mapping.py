"""Records (the wire) to rows (the tables) and back: the only module that knows both shapes.

Rows are plain dicts keyed by column name, ready for a bulk ``INSERT``. Strings lose NUL characters
(PostgreSQL text cannot hold them, and JSON happily carries ``\\u0000``); datetimes are made aware
UTC (records already are; ``FeedState`` from a caller may not be).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from pydantic import BaseModel

from newswire.feeds import FeedState
from newswire.ids import sha256_hex
from newswire.records import (
    ArticleRecord,
    DeadLetterRecord,
    EventRecord,
    ExtractionRecord,
    FigureRecord,
    _Record,
    as_utc,
)
from newswire.storage.models import Article, DeadLetter, Event, Extraction, Feed, Figure

Row = dict[str, Any]


def utc(value: datetime | None) -> datetime | None:
    """Aware UTC; a naive value is taken to be UTC already; ``ValueError`` outside years 1-9999 in UTC."""
    return None if value is None else as_utc(value)


_PLAIN = (int, float, bool, type(None))  # exactly these types: a subclass takes the long way


def _clean(value: Any) -> Any:
    kind = type(value)
    if kind is str:  # most values of a row: spared the isinstance chain below
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if kind in _PLAIN:
        return value
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, datetime):
        return utc(value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    if isinstance(value, BaseModel):
        return _clean(value.model_dump(mode="json"))
    return value


@cache
def _shared(record_type: type[_Record], table: type) -> tuple[str, ...]:
    """The fields of ``record_type`` that are columns of ``table``, in the table's order."""
    return tuple(name for name in table.__table__.columns.keys() if name in record_type.model_fields)


def _fields(record: _Record, table: type) -> Row:
    """The record's fields that are columns of ``table``, cleaned."""
    # The names once a (record class, table): pydantic's ``model_fields`` is a property, and asking
    # it for every column of every row was a fifth of the sink's time to make rows.
    return {name: _clean(getattr(record, name)) for name in _shared(type(record), table)}


def article_row(record: ArticleRecord, stored_at: datetime) -> Row:
    return {**_fields(record, Article), "stored_at": utc(stored_at)}


def figure_row(record: FigureRecord) -> Row:
    return {**_fields(record, Figure), "country_code": record.place.country_code if record.place else None}


def event_row(record: EventRecord) -> Row:
    return {**_fields(record, Event), "country_code": record.place.country_code if record.place else None}


def extraction_row(record: ExtractionRecord) -> Row:
    return _fields(record, Extraction)


def dead_letter_id(record: DeadLetterRecord) -> str:
    """Same failure, same id: a redelivered or re-consumed dead letter overwrites nothing and adds nothing."""
    if record.source_offset is not None:
        return sha256_hex("dl", record.stage, record.source_topic, record.source_partition, record.source_offset)
    if record.stage == "replay":  # an archive fails the same way every time: replaying twice adds nothing
        return sha256_hex("dl", record.stage, record.url, record.reason)
    failed_at = utc(record.failed_at).isoformat()
    return sha256_hex("dl", record.stage, record.url, record.reason, failed_at)


def dead_letter_row(record: DeadLetterRecord) -> Row:
    return {**_fields(record, DeadLetter), "id": dead_letter_id(record)}


def dead_letter_for_message(
    topic: str, partition: int, offset: int, payload: bytes | None, error: Exception, *, stage: str = "sink",
    key: bytes | None = None, reason: str | None = None,
) -> DeadLetterRecord:
    """The dead letter of a message that could not be decoded (or stored); its key names the article."""
    article = key.decode("utf-8", errors="replace") if key else None
    return DeadLetterRecord.for_message(stage=stage, topic=topic, partition=partition, offset=offset, payload=payload,
                                        error=error, reason=reason,
                                        article_id=article if article and len(article) == 64 else None)


def article_record(row: Article, reprocess: bool = False) -> ArticleRecord:
    """A stored article version back on the wire (replay's renumbering, reprocess, recovery)."""
    return ArticleRecord(
        article_id=row.article_id, version=row.version, url=row.url, canonical_url=row.canonical_url,
        feed_url=row.feed_url, guid=row.guid, title=row.title, author=row.author, site=row.site,
        language=row.language, text=row.text, content_hash=row.content_hash,
        published_at=row.published_at, fetched_at=row.fetched_at, replayed=row.replayed, reprocess=reprocess)


def feed_row(state: FeedState) -> Row:
    return {name: _clean(getattr(state, name)) for name in Feed.__table__.columns.keys()}


def feed_state(row: Feed) -> FeedState:
    values = {name: getattr(row, name) for name in Feed.__table__.columns.keys()}
    for name, value in values.items():
        if isinstance(value, datetime):
            values[name] = utc(value)
    values["extra"] = dict(values.get("extra") or {})
    return FeedState(**values)
