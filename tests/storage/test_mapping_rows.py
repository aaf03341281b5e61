"""Rows made with the cached column names and the short ways for plain values equal the old walk's."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from newswire.records import ArticleRecord, DeadLetterRecord, EventRecord, ExtractionRecord, FigureRecord, as_utc
from newswire.storage import mapping
from newswire.storage.models import Article, DeadLetter, Event, Extraction, Figure
from newswire.storage.writer import is_older, version_key


def old_clean(value: Any) -> Any:  # storage/mapping.py before the short ways, as the reference
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, datetime):
        return None if value is None else as_utc(value)
    if isinstance(value, list):
        return [old_clean(item) for item in value]
    if isinstance(value, dict):
        return {old_clean(key): old_clean(item) for key, item in value.items()}
    if isinstance(value, BaseModel):
        return old_clean(value.model_dump(mode="json"))
    return value


def old_fields(record, table) -> dict:
    columns = table.__table__.columns.keys()
    return {name: old_clean(getattr(record, name)) for name in columns if name in type(record).model_fields}


texts = st.text(alphabet=st.sampled_from("ab \x00\u00e9\u4e2d\U0001f600\ud800\n\"\\"), max_size=12)
maybe = lambda strategy: st.none() | strategy  # noqa: E731
times = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1),
                     timezones=st.none() | st.just(timezone.utc) | st.just(timezone(timedelta(hours=-5))))
places = maybe(st.builds(dict, name=texts, country_code=st.just("FR"), lat=maybe(st.floats(-90, 90)),
                         lon=maybe(st.floats(-180, 180)), gazetteer_id=texts))
actors = st.lists(st.builds(dict, name=texts, kind=st.sampled_from(["person", "group"]), role=maybe(texts),
                            country_code=maybe(st.just("US")), relation=st.just("agent")), max_size=3)
ids = st.sampled_from(["a" * 64, "b" * 64])
common = dict(article_id=ids, article_version=st.integers(1, 3), extractor_version=st.sampled_from(["1.7.0", "1.10"]),
              sentence=texts, sentence_start=st.integers(0, 9), start=st.integers(0, 9), end=st.integers(0, 9),
              published_at=maybe(times), extracted_at=times, location=maybe(texts), place=places)
figures = st.builds(FigureRecord, figure_id=texts, value=st.floats(-1e12, 1e12) | st.integers(-10, 10),
                    value_max=maybe(st.floats(0, 1e6)), text=texts, unit=maybe(texts),
                    category=st.sampled_from(["killed", "money"]), qualifier=maybe(st.just("about")),
                    source=maybe(texts), anchor_phrase=maybe(texts), as_of_date=maybe(texts),
                    series_id=maybe(texts), **common)
events = st.builds(EventRecord, event_id=texts, type=texts, trigger=texts, actors=st.lists(texts, max_size=3),
                   date=maybe(texts), actor_details=actors, **common)
articles = st.builds(ArticleRecord, article_id=ids, version=st.integers(1, 3), url=texts, canonical_url=texts,
                     title=maybe(texts), author=maybe(texts), text=texts, content_hash=texts, published_at=maybe(times),
                     fetched_at=times, replayed=st.booleans(), date_source=maybe(st.just("feed")))
extractions = st.builds(ExtractionRecord, article_id=ids, article_version=st.integers(1, 3), extracted_at=times,
                        extractor_version=texts, figures=st.integers(0, 5), events=st.integers(0, 5))
dead = st.builds(DeadLetterRecord, stage=st.just("sink"), reason=texts, error=texts, payload=maybe(texts),
                 source_offset=maybe(st.integers(0, 10)), failed_at=times, url=maybe(texts))


@settings(max_examples=300)
@given(figure=figures, event=events, article=articles, extraction=extractions, dead_letter=dead, stored_at=times)
def test_rows_are_the_old_walks_rows(figure, event, article, extraction, dead_letter, stored_at):
    country = lambda record: record.place.country_code if record.place else None  # noqa: E731
    assert mapping.figure_row(figure) == {**old_fields(figure, Figure), "country_code": country(figure)}
    assert mapping.event_row(event) == {**old_fields(event, Event), "country_code": country(event)}
    assert mapping.article_row(article, stored_at) == {**old_fields(article, Article), "stored_at": as_utc(stored_at)}
    assert mapping.extraction_row(extraction) == old_fields(extraction, Extraction)
    assert mapping.dead_letter_row(dead_letter) == {**old_fields(dead_letter, DeadLetter),
                                                   "id": mapping.dead_letter_id(dead_letter)}
    for row in (mapping.figure_row(figure), mapping.event_row(event)):
        assert list(row) == [*old_fields(figure if "figure_id" in row else event,
                                         Figure if "figure_id" in row else Event), "country_code"]


def test_version_keys_are_kept_and_still_order():
    assert version_key("1.10.0") == ((1, "1"), (2, "10")) and version_key("1.10.0") is version_key("1.10.0")
    assert is_older("1.9", "1.10") and not is_older("1.0", "1")
