"""The records' validators (UTC datetimes, U+FFFD for lone surrogates) accept, refuse and change exactly
what the validator they replaced did: one on every field, kept here as the reference."""

from __future__ import annotations

import typing
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ConfigDict, ValidationError, create_model, field_validator

import newswire.records as records
from newswire.records import (
    DATETIME_FIELDS,
    ArticleRecord,
    DeadLetterRecord,
    EventRecord,
    FigureRecord,
    PlacementRecord,
    StoryRecord,
    _Record,
    as_utc,
    encode,
    valid_text,
)
from pydantic_core import PydanticCustomError


def old_aware(cls, value: object) -> object:  # newswire/records.py's validator before, on every field
    if isinstance(value, datetime):
        try:
            return as_utc(value)
        except ValueError as exc:
            raise PydanticCustomError("bad_date", "{error}", {"error": str(exc)}) from None
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, list) and any(isinstance(item, str) for item in value):
        return [valid_text(item) if isinstance(item, str) else item for item in value]
    return value


def reference(record_type: type[_Record]):
    fields = {name: (info.annotation, info) for name, info in record_type.model_fields.items()}
    return create_model(record_type.__name__, __config__=ConfigDict(extra="ignore", frozen=True),
                        __validators__={"aware": field_validator("*", mode="after")(classmethod(old_aware))}, **fields)


def record_types() -> list[type[_Record]]:
    return [value for value in vars(records).values()
            if isinstance(value, type) and issubclass(value, _Record) and value is not _Record]


def test_every_datetime_field_is_made_utc():
    for record_type in record_types():
        for name, info in record_type.model_fields.items():
            if datetime in (info.annotation, *typing.get_args(info.annotation)):
                assert name in DATETIME_FIELDS, f"{record_type.__name__}.{name}"


texts = st.text(alphabet=st.sampled_from("ab \x00\u00e9\U0001f600\ud800\udfff"), max_size=6)
times = (st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59),
                      timezones=st.none() | st.just(timezone.utc) | st.just(timezone(timedelta(hours=5)))
                      | st.just(timezone(timedelta(hours=-5))))
         | st.sampled_from(["2025-05-12T09:30:00", "2025-05-12T09:30:00+02:00", "0001-01-01T00:30:00+05:00",
                            "9999-12-31T23:00:00-05:00", "not a date"]))
values = st.none() | texts | times | st.lists(texts, max_size=3) | st.integers(-2, 5) | st.floats(allow_nan=False)
BASES = {
    ArticleRecord: dict(article_id="a" * 64, url="u", canonical_url="c", text="t", content_hash="h"),
    FigureRecord: dict(figure_id="f", article_id="a", article_version=1, value=4.0, text="4", start=0, end=1,
                       category="killed", sentence="s", sentence_start=0, extractor_version="1.7.0",
                       place={"name": "G\ud800", "country_code": "PS", "gazetteer_id": "g"}),
    EventRecord: dict(event_id="e", article_id="a", article_version=1, type="attack", trigger="hit", start=0,
                      end=3, sentence="s", sentence_start=0, extractor_version="1.7.0", actors=["A", "B\ud800"],
                      actor_details=[{"name": "A\udfff", "kind": "group", "relation": "agent"}]),
    StoryRecord: dict(story_id="s", version=1, first_seen_at="2025-05-12T09:30:00", articles=1,
                      last_seen_at=datetime(2025, 5, 12), outlets=["x\ud800"], places=[]),
    PlacementRecord: dict(article_id="a", story_id="s", seen_at=datetime(2025, 5, 12, tzinfo=timezone.utc)),
    DeadLetterRecord: dict(stage="sink", reason="r", error="e\ud800", payload="p"),
}


def outcome(record_type, fields: dict):
    try:
        record = record_type.model_validate(fields)
    except ValidationError as exc:
        return "error", str(exc)
    try:
        wire: bytes | str = encode(record)
    except ValueError as exc:  # a nested model's surrogate: neither validator ever looked inside those
        wire = str(exc)
    return "ok", record.model_dump(), wire


@settings(max_examples=400)
@given(record_type=st.sampled_from(sorted(BASES, key=lambda t: t.__name__)),
       changes=st.dictionaries(st.sampled_from(sorted({name for t in BASES for name in t.model_fields})), values,
                               max_size=4))
def test_the_validators_do_what_one_on_every_field_did(record_type, changes):
    fields = {**BASES[record_type], **changes}
    fields.setdefault("extracted_at", datetime(2025, 1, 1, tzinfo=timezone.utc))
    fields.setdefault("failed_at", datetime(2025, 1, 1, tzinfo=timezone.utc))
    fields.setdefault("fetched_at", datetime(2025, 1, 1, tzinfo=timezone.utc))
    assert outcome(record_type, fields) == outcome(reference(record_type), fields)
