"""newswire's tables. The wire records live in ``newswire.records``; ``storage.mapping`` turns one into
the other, so a table can change (with a migration in ``storage/migrations/``) without touching a topic.

There are no foreign keys between figures/events/extractions and articles on purpose: they arrive on
different topics, in any order, and each is stored as it comes. Timestamps are UTC; SQLModel's
``UTCDateTime`` stores aware values and hands them back aware, SQLite included.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Index, MetaData, PrimaryKeyConstraint, Text, false, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

# Named constraints and indexes, so later batch migrations on SQLite can find them by name.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# Indexes whose backward scan is the listings' order (published_at DESC NULLS LAST, article_id, start,
# id), which the two databases spell differently: created by migration 0002 in SQL, not declared on the models (and left
# out of autogenerate's comparison, ``include_name``). name -> (table, id column).
LISTING_INDEXES = {"ix_figures_listing": ("figures", "figure_id"), "ix_events_listing": ("events", "event_id")}
# The listings of one category or type ("figures of a category", "events of a type") newest first: (column,
# published_at), migration 0011, in place of the plain category and type indexes. name -> (table, column).
FILTERED_LISTING_INDEXES = {"ix_figures_category_listing": ("figures", "category"),
                            "ix_events_type_listing": ("events", "type")}


# GIN trigram indexes for substring search of titles (``ILIKE '%term%'``), PostgreSQL only: created by
# migration 0008 in SQL when ``pg_trgm`` can be created, not declared. name -> (table, column).
SEARCH_INDEXES = {"ix_articles_title_trgm": ("articles", "title"), "ix_stories_title_trgm": ("stories", "title")}
# The same on ``stories.titles`` (every title of the story and its members), which the story search reads:
# migration 0010 (kept apart from SEARCH_INDEXES, which migration 0008 creates: the column is 0010's).
TITLES_INDEX = "ix_stories_titles_trgm"


# Substring search of figures and events (``text=``, ``source=``, ``place=``), migration 0012, in SQL. On
# PostgreSQL GIN trigram indexes, name -> (table, column). On SQLite the short labels only: every distinct
# source and location once in ``search_labels`` (its FTS5 trigram table finds the labels holding a term),
# and a B-tree on each labelled column (``ix_events_location``; figures' source has one) finds their
# rows; table -> (column, its index). An FTS5 table of every row's labels cost the writer 1.4 times its
# CPU (3.5 times with the sentences), the labels table 1.2 (``storage.substring``, migration 0012).
SUBSTRING_INDEXES = {"ix_figures_sentence_trgm": ("figures", "sentence"), "ix_figures_source_trgm": ("figures", "source"),
                     "ix_events_sentence_trgm": ("events", "sentence"), "ix_events_location_trgm": ("events", "location")}
LABELLED_COLUMNS = {"figures": ("source", "ix_figures_source"), "events": ("location", "ix_events_location")}
SEARCH_LABELS = "search_labels"
# Sentences on SQLite (migration 0013): each distinct (article, sentence) once in a contentless FTS5 trigram
# table ``search_sentences``, whose rowid ``search_sentence_articles`` maps to the article (with a hash
# of the pair, unique); written by the writer (``storage.substring.index_sentences``), not by triggers.
SEARCH_SENTENCES = "search_sentences"
SENTENCE_ARTICLES = "search_sentence_articles"


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Alembic's ``include_name``: compare everything but the listing and search indexes and tables."""
    if type_ == "table":
        return not (name or "").startswith("search_")  # SEARCH_LABELS, SEARCH_SENTENCES and their FTS5 tables
    return not (type_ == "index" and (name in LISTING_INDEXES or name in FILTERED_LISTING_INDEXES
                                      or name in SEARCH_INDEXES or name == TITLES_INDEX or name in SUBSTRING_INDEXES
                                      or name == "ix_events_location"))

JSONType = JSON().with_variant(JSONB(), "postgresql")


class StorageModel(SQLModel, registry=registry(metadata=metadata)):
    """Base of newswire's tables: their own metadata, not SQLModel's global one."""


class Feed(StorageModel, table=True):
    __tablename__ = "feeds"

    url: str = Field(primary_key=True)
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_poll_at: datetime | None = None
    next_poll_at: datetime | None = None
    last_success_at: datetime | None = None
    consecutive_errors: int = 0
    last_error: str | None = Field(default=None, sa_type=Text)
    entries_seen: int = 0
    entries_per_day: float | None = None
    interval_s: float | None = None
    healthy: bool = True
    extra: dict = Field(default_factory=dict, sa_type=JSONType)


class WebSubSubscription(StorageModel, table=True):
    """A feed's WebSub subscription (``newswire.feeds.Subscription``; migrations 0007, 0009)."""

    __tablename__ = "websub_subscriptions"

    feed_url: str = Field(primary_key=True)
    topic: str = Field(sa_type=Text)
    hub: str = Field(sa_type=Text)
    callback_id: str = Field(unique=True)
    secret: str
    state: str
    lease_s: int | None = None
    requested_at: datetime | None = None
    verified_at: datetime | None = None
    expires_at: datetime | None = None
    last_push_at: datetime | None = None
    missed_at: datetime | None = None
    pushes: int = 0
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = Field(default=None, sa_type=Text)
    hubs: list | None = Field(default=None, sa_type=JSONType)  # migration 0009


class Article(StorageModel, table=True):
    __tablename__ = "articles"

    article_id: str = Field(primary_key=True)
    version: int = Field(primary_key=True)
    url: str = Field(sa_type=Text)
    canonical_url: str = Field(sa_type=Text, index=True)
    feed_url: str | None = Field(default=None, sa_type=Text)
    guid: str | None = Field(default=None, sa_type=Text, index=True)
    title: str | None = Field(default=None, sa_type=Text)
    author: str | None = Field(default=None, sa_type=Text)
    site: str | None = None
    language: str | None = None
    text: str = Field(sa_type=Text)
    content_hash: str
    published_at: datetime | None = Field(default=None, index=True)
    fetched_at: datetime
    stored_at: datetime
    replayed: bool = False


class Figure(StorageModel, table=True):
    __tablename__ = "figures"
    # (article_id, figure_id): an article's figures share one index page (see migration 0002)
    __table_args__ = (PrimaryKeyConstraint("article_id", "figure_id"),)

    figure_id: str = Field(primary_key=True)
    article_id: str = Field(primary_key=True)
    article_version: int
    value: float
    value_max: float | None = None
    text: str = Field(sa_type=Text)
    start: int
    end: int
    unit: str | None = None
    category: str  # indexed by ix_figures_category_listing
    qualifier: str | None = None
    source: str | None = Field(default=None, index=True)
    anchor_phrase: str | None = Field(default=None, sa_type=Text)
    anchor_kind: str | None = None
    anchor_date: str | None = None
    as_of_date: str | None = None
    sentence: str = Field(sa_type=Text)
    sentence_start: int
    published_at: datetime | None = None  # indexed by ix_figures_listing
    extractor_version: str
    extracted_at: datetime
    location: str | None = Field(default=None, sa_type=Text)
    place: dict | None = Field(default=None, sa_type=JSONType)
    country_code: str | None = Field(default=None, index=True)   # place's, for "figures in country X"


class Event(StorageModel, table=True):
    __tablename__ = "events"
    # (article_id, event_id): an article's events share one index page (see migration 0002)
    __table_args__ = (PrimaryKeyConstraint("article_id", "event_id"),)

    event_id: str = Field(primary_key=True)
    article_id: str = Field(primary_key=True)
    article_version: int
    type: str  # indexed by ix_events_type_listing
    trigger: str = Field(sa_type=Text)
    start: int
    end: int
    actors: list = Field(default_factory=list, sa_type=JSONType)
    location: str | None = Field(default=None, sa_type=Text)
    date: str | None = Field(default=None, index=True)
    sentence: str = Field(sa_type=Text)
    sentence_start: int
    published_at: datetime | None = None  # indexed by ix_events_listing
    extractor_version: str
    extracted_at: datetime
    place: dict | None = Field(default=None, sa_type=JSONType)
    country_code: str | None = Field(default=None, index=True)   # place's, for "events in country X"
    actor_details: list | None = Field(default=None, sa_type=JSONType)


class Extraction(StorageModel, table=True):
    __tablename__ = "extractions"

    article_id: str = Field(primary_key=True)
    article_version: int = Field(primary_key=True)
    extractor_version: str
    figures: int
    events: int
    extracted_at: datetime


class DeadLetter(StorageModel, table=True):
    __tablename__ = "dead_letters"

    id: str = Field(primary_key=True, description="Deterministic: see newswire.storage.mapping.dead_letter_id.")
    stage: str
    reason: str = Field(index=True)
    error: str = Field(sa_type=Text)
    url: str | None = Field(default=None, sa_type=Text)
    article_id: str | None = None
    source_topic: str | None = None
    source_partition: int | None = None
    source_offset: int | None = Field(default=None, sa_type=BigInteger)
    payload: str | None = Field(default=None, sa_type=Text)
    failed_at: datetime = Field(index=True)


class Story(StorageModel, table=True):
    """A developing story (the stories stage). ``state``: its word/place/actor/type counts, to restore it."""

    __tablename__ = "stories"

    story_id: str = Field(primary_key=True)
    title: str | None = Field(default=None, sa_type=Text)
    first_seen_at: datetime = Field(index=True)
    last_seen_at: datetime = Field(index=True)
    articles: int
    outlets: list = Field(default_factory=list, sa_type=JSONType)
    places: list = Field(default_factory=list, sa_type=JSONType)
    state: dict = Field(default_factory=dict, sa_type=JSONType)
    version: int = 1
    published_version: int = 0  # the last version sent to newswire.stories.v1 (an outbox)
    # Every title the story and its member articles had (each version the database held when it was
    # placed, and later versions as they are stored), each once, newline-separated: what the story search
    # matches (``storage.stories.merge_titles``; migration 0009). Not shown, not sent.
    titles: str | None = Field(default=None, sa_type=Text)


class StoryArticle(StorageModel, table=True):
    """Which story an article belongs to and which earlier article it copies: the stage's decisions."""

    __tablename__ = "story_articles"
    # the outbox of newswire.placements.v1: the placements not sent yet, oldest first
    __table_args__ = (Index("ix_story_articles_unpublished", "seen_at", "article_id",
                            postgresql_where=text("published = false"), sqlite_where=text("published = 0")),
                      # the story search's title -> story join reads this, not the wide rows (migration 0008)
                      Index("ix_story_articles_article_story", "article_id", "story_id"))

    article_id: str = Field(primary_key=True)
    story_id: str = Field(index=True)
    duplicate_of: str | None = Field(default=None, index=True)
    similarity: float | None = None
    seen_at: datetime = Field(index=True, description="Publication (else fetch) time of the article.")
    outlet: str | None = None
    # [figure_id, series_id, observation_id] of each of its figures; null when placed before migration 0006
    figures: list | None = Field(default=None, sa_type=JSONType)
    published: bool = Field(default=False, sa_column_kwargs={"server_default": false()})  # sent on placements.v1


class Observation(StorageModel, table=True):
    """One value of a figure series on one date, with every article and outlet that reported it."""

    __tablename__ = "observations"
    # a story's observations, latest first, read from the index in that order (not a sort of all of a
    # story's: 8.6 to 0.8 ms for a big story's latest 500 of 1,850; migration 0009)
    __table_args__ = (Index("ix_observations_story_as_of", "story_id", "as_of", "reported_at"),)

    observation_id: str = Field(primary_key=True)
    series_id: str = Field(index=True)
    story_id: str
    category: str
    source: str
    basis: str
    place: str | None = None
    value: float
    value_max: float | None = None
    as_of: str | None = None
    anchor_date: str | None = None
    qualifier: str | None = None
    reported_at: datetime | None = None
    article_id: str
    sentence: str = Field(sa_type=Text)
    start: int
    end: int
    article_ids: list = Field(default_factory=list, sa_type=JSONType)
    outlets: list = Field(default_factory=list, sa_type=JSONType)
    figure_ids: list = Field(default_factory=list, sa_type=JSONType)


TABLES = (Feed, Article, Figure, Event, Extraction, DeadLetter, Story, StoryArticle, Observation)
