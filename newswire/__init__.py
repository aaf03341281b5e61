"""newswire: news feeds -> Kafka topics -> extracted figures and events -> SQL rows.

What a program that embeds newswire or subscribes to its topics may use; everything else is the
pipeline's own and may change. The records are the topics' contracts::

    import newswire

    figure = newswire.decode(newswire.FigureRecord, message.value)  # a newswire.figures.v1 message

``extract`` (the extractor alone, no broker) is imported on first use: it loads the extractor's
vocabularies, which most users of the records never need.
"""

from __future__ import annotations

from importlib import metadata as _metadata
from typing import TYPE_CHECKING, Any

from newswire.errors import (
    DEAD_LETTER_REASONS,
    BadRecord,
    BrokerError,
    ConfigError,
    FetchError,
    NewswireError,
    NotStoredInTime,
    PermanentFetchError,
    PipelineStopped,
    SchemaOutOfDate,
    TransientFetchError,
)
from newswire.records import (
    ArticleRecord,
    DeadLetterRecord,
    EventRecord,
    ExtractionRecord,
    FeedRecord,
    FigureRecord,
    Record,
    decode,
    encode,
)
from newswire.settings import Settings
from newswire.topics import ARTICLES, DEADLETTER, EVENTS, EXTRACTIONS, FEEDS, FIGURES, TOPICS, Topic

if TYPE_CHECKING:
    from newswire.processors.extract import extract

try:
    __version__ = _metadata.version("newswire")
except _metadata.PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "ARTICLES",
    "DEADLETTER",
    "DEAD_LETTER_REASONS",
    "EVENTS",
    "EXTRACTIONS",
    "FEEDS",
    "FIGURES",
    "TOPICS",
    "ArticleRecord",
    "BadRecord",
    "BrokerError",
    "ConfigError",
    "DeadLetterRecord",
    "EventRecord",
    "ExtractionRecord",
    "FeedRecord",
    "FetchError",
    "FigureRecord",
    "NewswireError",
    "NotStoredInTime",
    "PermanentFetchError",
    "PipelineStopped",
    "Record",
    "SchemaOutOfDate",
    "Settings",
    "Topic",
    "TransientFetchError",
    "__version__",
    "decode",
    "encode",
    "extract",
]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from newswire.processors.extract import extract

        return extract
    raise AttributeError(f"module 'newswire' has no attribute {name!r}")
