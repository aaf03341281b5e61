"""Topic names, each paired with the one record type it carries.

Producers (kafka-python) and the Faust agents both take the record type from :data:`TOPICS`, so
there is exactly one place that says what flows where. A breaking change to a record means a new
``.v2`` topic here, never a silent change of the ``.v1`` contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newswire.records import (
    ArticleRecord,
    DeadLetterRecord,
    EventRecord,
    ExtractionRecord,
    FeedRecord,
    FigureRecord,
    PlacementRecord,
    StoryRecord,
    _Record,
)


@dataclass(frozen=True)
class Topic:
    """A topic: its name, the one record it carries, who writes and reads it, and how it is made.

    ``key`` names the record fields that key its messages, the first one set (all records of an
    article share a partition, so no stage ever repartitions); ``partitions`` is None for
    ``NEWSWIRE_TOPIC_PARTITIONS``; ``config`` holds the topic configs it is created with."""

    name: str
    record: type[_Record]
    producer: str
    consumers: str
    key: tuple[str, ...] = ("article_id",)
    partitions: int | None = None
    config: tuple[tuple[str, str], ...] = ()

    def full_name(self, prefix: str = "") -> str:
        return f"{prefix}{self.name}"

    def key_of(self, record: Any) -> str | None:
        """The message key of ``record`` on this topic."""
        return next((value for value in (getattr(record, name, None) for name in self.key) if value), None)


ARTICLES = Topic("newswire.articles.v1", ArticleRecord, "ingest, replay, reprocess", "process, sink")
FIGURES = Topic("newswire.figures.v1", FigureRecord, "process", "sink, subscribers")
EVENTS = Topic("newswire.events.v1", EventRecord, "process", "sink, subscribers")
EXTRACTIONS = Topic("newswire.extractions.v1", ExtractionRecord, "process", "sink")
DEADLETTER = Topic("newswire.deadletter.v1", DeadLetterRecord, "every stage", "sink, subscribers",
                   key=("article_id", "url"))

TOPICS: dict[str, Topic] = {t.name: t for t in (ARTICLES, FIGURES, EVENTS, EXTRACTIONS, DEADLETTER)}


# Derived by a stage from what the sink stored, not stored by the sink itself.
STORIES = Topic("newswire.stories.v1", StoryRecord, "stories", "subscribers")
PLACEMENTS = Topic("newswire.placements.v1", PlacementRecord, "stories", "subscribers")
DERIVED_TOPICS: dict[str, Topic] = {STORIES.name: STORIES, PLACEMENTS.name: PLACEMENTS}


# Coordination between the processes of one stage: not data, so not in TOPICS (which the sink stores).
# At most ``partitions`` ingest processes share the feeds (more stay idle, as standbys).
FEEDS = Topic("newswire.feeds.v1", FeedRecord, "ingest (its feed list, at start-up)", "ingest (feed assignment)",
              key=("url",), partitions=12, config=(("cleanup.policy", "compact"),))
CONTROL_TOPICS: dict[str, Topic] = {FEEDS.name: FEEDS}


def topic_by_short_name(name: str) -> Topic:
    """Accept ``figures``, ``newswire.figures.v1`` or a prefixed full name (for ``newswire tail``)."""
    for topic in (*TOPICS.values(), *DERIVED_TOPICS.values()):
        if name in (topic.name, topic.name.split(".")[1]) or name.endswith(topic.name):
            return topic
    raise KeyError(f"unknown topic {name!r}; known: {', '.join(TOPICS)}")
