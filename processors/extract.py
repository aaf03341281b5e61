"""The extractor's public API: ``extract(text, published)`` -> figures and events of one article.

``extract`` never raises on any input string (property-tested): spans always lie inside the text
and every value is finite. ``extraction_to_json`` gives plain JSON (figure dicts also carry
``as_of_or_since``, the gold-format name of ``anchor_phrase``; ``place`` and an event's ``actor_details``
are plain dicts); ``extract_jsonl`` runs a JSON-lines
stream ``{"id", "text", "published"}`` -> ``{"id", "figures", "events"}``, writing ``{"id", "error"}``
for a line it cannot read instead of stopping.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Iterable, TextIO

from newswire.processors.document import Document
from newswire.processors.events import Event, find_events
from newswire.processors.figures import Figure, find_figures
from newswire.processors.scenes import situate

EXTRACTOR_VERSION = "1.12.0"
MAX_TEXT_CHARS = 2_000_000  # longer texts are cut: an article is never this long
MAX_FAILURE_CHARS = 500

__all__ = ["EXTRACTOR_VERSION", "Event", "Extraction", "Figure", "extract", "extract_jsonl",
           "extraction_to_json"]


@dataclass(frozen=True, slots=True)
class Extraction:
    figures: tuple[Figure, ...]
    events: tuple[Event, ...]
    # One line per step that raised ("events: IndexError: ..."): what it would have found is missing,
    # so the worker dead-letters the article as incomplete instead of storing a silent gap.
    failures: tuple[str, ...] = ()


EMPTY = Extraction((), ())


def _valid_figure(text: str, f: Figure) -> bool:
    return (0 <= f.start < f.end <= len(text) and text[f.start:f.end] == f.text and math.isfinite(f.value)
            and (f.value_max is None or math.isfinite(f.value_max)))


def _valid_event(text: str, e: Event) -> bool:
    return 0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.trigger


def extract(text: str, published: dt.date | dt.datetime | None) -> Extraction:
    """Figures and events of one article's plain text; ``published`` resolves relative dates."""
    if not isinstance(text, str) or not text.strip():
        return EMPTY
    if not isinstance(published, (dt.date, dt.datetime)):
        published = None
    text = text[:MAX_TEXT_CHARS]
    doc = Document(text, published)
    failures: list[str] = []

    def failed(step: str, exc: Exception) -> None:
        failures.append(f"{step}: {type(exc).__name__}: {exc}"[:MAX_FAILURE_CHARS])

    # One odd text must not stop a stream (the property test hunts these): a step that raises loses
    # only its own findings, and says so in ``failures``.
    try:
        doc.sentences, doc.times   # the layers every assembler reads
    except Exception as exc:  # noqa: BLE001
        failed("document", exc)
        return Extraction((), (), tuple(failures))
    try:
        figures = tuple(f for f in find_figures(doc) if _valid_figure(text, f))
    except Exception as exc:  # noqa: BLE001
        failed("figures", exc)
        figures = ()
    try:
        events = tuple(e for e in find_events(doc) if _valid_event(text, e))
    except Exception as exc:  # noqa: BLE001
        failed("events", exc)
        events = ()
    try:
        placed_events, placed_figures = situate(doc, events, figures)
        events, figures = tuple(placed_events), tuple(placed_figures)
    except Exception as exc:  # noqa: BLE001 - without places and actors the figures and events still stand
        failed("places and actors", exc)
    return Extraction(figures, events, tuple(failures))


def extraction_to_json(ex: Extraction) -> dict:
    figures = []
    for f in ex.figures:
        row = dataclasses.asdict(f)
        row["as_of_or_since"] = f.anchor_phrase
        row["place"] = f.place.as_dict() if f.place else None
        figures.append(row)
    events = []
    for e in ex.events:
        row = dataclasses.asdict(e)
        row["actors"] = list(e.actors)
        row["place"] = e.place.as_dict() if e.place else None
        row["actor_details"] = [a.as_dict() for a in e.actor_details]
        events.append(row)
    result = {"figures": figures, "events": events}
    if ex.failures:
        result["failures"] = list(ex.failures)
    return result


def parse_published(value: object) -> dt.date | dt.datetime | None:
    """ISO date or datetime string (or None) -> date/datetime; anything else -> ValueError."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be an ISO date string, not {type(value).__name__}")
    text = value.strip().replace("Z", "+00:00")
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text)


def extract_jsonl(in_lines: Iterable[str], out: TextIO) -> int:
    """Extract every JSON line ``{"id", "text", "published"}``; returns the number of lines written."""
    count = 0
    for line in in_lines:
        if not line.strip():
            continue
        record_id = None
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a line must be a JSON object")
            record_id = record.get("id")
            text = record.get("text")
            if not isinstance(text, str):
                raise ValueError("text must be a string")
            published = parse_published(record.get("published"))
            row = {"id": record_id, **extraction_to_json(extract(text, published))}
        except (ValueError, TypeError) as exc:
            row = {"id": record_id, "error": f"{type(exc).__name__}: {exc}"}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count
