"""Write a batch of records in one transaction, idempotently: the sink's half that touches the database.

Every record has a deterministic key (article id + version, figure/event id, dead-letter id), and
every write is an upsert on it, so at-least-once delivery stores each thing exactly once.

Extractor versions: an ``ExtractionRecord`` says "article version X was extracted by extractor V".
Figures and events of X from extractors older than V are then deleted (a reprocess replaces older
results, even when V finds nothing), and stale records (older than the newest extraction known for
X, e.g. redelivered after a reprocess) are not stored. An extraction older than the stored one
changes nothing. Figures, events and extractions travel on different topics, so any order works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from functools import lru_cache
from typing import Iterable, Sequence

from sqlalchemy import Connection, Engine, bindparam, delete, select

from newswire.records import ArticleRecord, DeadLetterRecord, EventRecord, ExtractionRecord, FigureRecord, _Record
from newswire.storage import mapping
from newswire.storage.db import chunked, upsert
from newswire.storage.models import Article, DeadLetter, Event, Extraction, Figure
from newswire.storage.stories import add_version_titles
from newswire.storage.substring import has_sentence_search, index_sentences

IN_CLAUSE_CHUNK = 500
# Lookups go by ``article_id IN (...)`` and the version is matched here: SQLite answers a
# ``(article_id, version) IN (...)`` row-value list with a scan of the whole table, which made every
# batch slower as the database grew (3 -> 25 ms an article over 20,000; benchmarks/writer_growth.py).


@lru_cache(maxsize=256)  # a handful of extractor versions, compared several times a record
def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """``"1.10.0"`` -> ``((1, "1"), (2, "10"))``: numeric parts, trailing zeros dropped, so 1.10 > 1.9
    and 1.0 == 1. Each part is (digits, digit string), which orders as the number would, without
    ``int()``: a hostile version of 5,000 digits would make ``int()`` raise."""
    parts = [part.lstrip("0") for part in re.findall(r"\d+", version)]
    while parts and not parts[-1]:
        parts.pop()
    return tuple((len(part), part) for part in parts)


def is_older(version: str, than: str) -> bool:
    return version_key(version) < version_key(than)


@dataclass
class WriteCounts:
    """What one ``RecordWriter.write`` call changed, as the database reports it.

    ``articles`` and ``dead_letters`` count new rows (a redelivered one counts 0); ``figures``,
    ``events`` and ``extractions`` count rows inserted or updated (a redelivered one updates).
    """

    articles: int = 0
    figures: int = 0
    events: int = 0
    extractions: int = 0
    dead_letters: int = 0
    stale: int = 0  # figures/events/extractions older than what the database already holds: not stored
    replaced: int = 0  # figures/events of older extractor versions deleted by a newer extraction

    def __add__(self, other: "WriteCounts") -> "WriteCounts":
        return WriteCounts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @property
    def total(self) -> int:
        return self.articles + self.figures + self.events + self.extractions + self.dead_letters


def _newest(records: Iterable, key, version) -> list:
    """One record a key: the newest ``version``, the last one among equals."""
    chosen: dict = {}
    for record in records:
        k = key(record)
        current = chosen.get(k)
        if current is None or not is_older(version(record), version(current)):
            chosen[k] = record
    return list(chosen.values())


class RecordWriter:
    """``RecordWriter(engine).write(records) -> WriteCounts``: one transaction a call."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._sentence_search: bool | None = None  # asked once, in the first write

    def write(self, records: Sequence[_Record]) -> WriteCounts:
        articles = {(r.article_id, r.version): r for r in records if isinstance(r, ArticleRecord)}
        dead = {mapping.dead_letter_id(r): r for r in records if isinstance(r, DeadLetterRecord)}
        ex_version = lambda r: r.extractor_version  # noqa: E731
        figures = _newest((r for r in records if isinstance(r, FigureRecord)), lambda r: r.figure_id, ex_version)
        events = _newest((r for r in records if isinstance(r, EventRecord)), lambda r: r.event_id, ex_version)
        extractions = _newest(
            (r for r in records if isinstance(r, ExtractionRecord)),
            lambda r: (r.article_id, r.article_version), ex_version,
        )
        unknown = [r for r in records if not isinstance(
            r, (ArticleRecord, DeadLetterRecord, FigureRecord, EventRecord, ExtractionRecord))]
        if unknown:
            raise TypeError(f"RecordWriter cannot store {type(unknown[0]).__name__}")

        counts = WriteCounts()
        if not records:
            return counts
        now = datetime.now(timezone.utc)
        with self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
            # Newest extraction per article version: stored ones, then this batch's (if not older).
            newest = self._stored_extractions(conn, {(r.article_id, r.article_version) for r in
                                                      [*figures, *events, *extractions]})
            accepted: list[ExtractionRecord] = []
            for record in extractions:
                stored = newest.get((record.article_id, record.article_version))
                if stored is not None and is_older(record.extractor_version, stored):
                    counts.stale += 1
                    continue
                accepted.append(record)
                newest[(record.article_id, record.article_version)] = record.extractor_version

            fresh_figures = self._fresh(conn, figures, Figure, "figure_id", newest)
            fresh_events = self._fresh(conn, events, Event, "event_id", newest)
            counts.stale += len(figures) - len(fresh_figures) + len(events) - len(fresh_events)

            counts.articles = upsert(conn, Article.__table__, [mapping.article_row(r, now) for r in articles.values()],
                                     ["article_id", "version"], update=False)
            later = [r.article_id for r in articles.values() if r.version > 1]
            if later:  # a placed article's new version: its title joins its story's (the story search's column)
                add_version_titles(conn, later)
            counts.dead_letters = upsert(conn, DeadLetter.__table__, [mapping.dead_letter_row(r) for r in dead.values()],
                                         ["id"], update=False)
            counts.figures = upsert(conn, Figure.__table__, [mapping.figure_row(r) for r in fresh_figures],
                                    ["article_id", "figure_id"])
            counts.events = upsert(conn, Event.__table__, [mapping.event_row(r) for r in fresh_events],
                                   ["article_id", "event_id"])
            if self._sentence_search is None:
                self._sentence_search = has_sentence_search(conn)
            if self._sentence_search:
                index_sentences(conn, {(r.article_id, r.sentence) for r in [*fresh_figures, *fresh_events]})
            counts.extractions = upsert(conn, Extraction.__table__, [mapping.extraction_row(r) for r in accepted],
                                        ["article_id", "article_version"])
            counts.replaced = self._replace_older(conn, accepted)
        return counts

    # --- helpers, all inside the caller's transaction ----------------------------------------------

    @staticmethod
    def _stored_extractions(conn: Connection, keys: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
        table = Extraction.__table__
        found: dict[tuple[str, int], str] = {}
        for chunk in chunked(sorted({article_id for article_id, _ in keys}), IN_CLAUSE_CHUNK):
            rows = conn.execute(select(table.c.article_id, table.c.article_version, table.c.extractor_version)
                                .where(table.c.article_id.in_(list(chunk))))
            for article_id, version, extractor_version in rows:
                if (article_id, version) in keys:
                    found[(article_id, version)] = extractor_version
        return found

    @staticmethod
    def _fresh(conn: Connection, records: list, model: type, id_column: str,
               newest: dict[tuple[str, int], str]) -> list:
        """Records not older than their article version's newest extraction, nor than the stored row."""
        keep = [r for r in records
                if not is_older(r.extractor_version, newest.get((r.article_id, r.article_version), r.extractor_version))]
        table = model.__table__
        stored: dict[str, str] = {}
        ids = {getattr(r, id_column) for r in keep}
        # By article: the primary key (article_id, id) starts with it; the id alone has no index.
        for chunk in chunked(sorted({r.article_id for r in keep}), IN_CLAUSE_CHUNK):
            rows = conn.execute(select(table.c[id_column], table.c.extractor_version)
                                .where(table.c.article_id.in_(list(chunk))))
            stored.update({row_id: version for row_id, version in rows if row_id in ids})
        return [r for r in keep if not is_older(r.extractor_version, stored.get(getattr(r, id_column), r.extractor_version))]

    @staticmethod
    def _replace_older(conn: Connection, extractions: list[ExtractionRecord]) -> int:
        """Delete figures/events of each article version whose extractor is older than the extraction's."""
        if not extractions:
            return 0
        by_key = {(r.article_id, r.article_version): r.extractor_version for r in extractions}
        deleted = 0
        for model in (Figure, Event):
            table = model.__table__
            doomed: list[dict] = []
            for chunk in chunked(sorted({article_id for article_id, _ in by_key}), IN_CLAUSE_CHUNK):
                present = conn.execute(
                    select(table.c.article_id, table.c.article_version, table.c.extractor_version).distinct()
                    .where(table.c.article_id.in_(list(chunk)))
                )
                for article_id, version, extractor_version in present:
                    newest = by_key.get((article_id, version))
                    if newest is not None and is_older(extractor_version, newest):
                        doomed.append({"a": article_id, "v": version, "x": extractor_version})
            if doomed:
                result = conn.execute(
                    delete(table).where(table.c.article_id == bindparam("a"),
                                        table.c.article_version == bindparam("v"),
                                        table.c.extractor_version == bindparam("x")),
                    doomed,
                )
                deleted += max(result.rowcount, 0)
        return deleted
