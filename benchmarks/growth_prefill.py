"""Grow the writer benchmark's database fast: the database copies template articles' rows by SQL.

Writing a million articles through the sink's writer takes about four hours on these machines, so
``writer_growth.py --prefill-at`` fills the gaps between its measuring points with this instead:
one ``INSERT ... SELECT`` a table a chunk, run inside the database, that copies the rows of the 20
template articles (written by the writer itself) under the ids, URLs and times the writer would have
given articles ``start..stop-1``. The rows have the templates' widths, the keys the same spread
(sha256 ids: random, as in production) and the same time order, so the indexes the writer then
works against have the shape a year of writing leaves. The only difference: figure and event ids are
``sha256(article id + template id)`` instead of the extractor's span ids, which are sha256 too.
"""

from __future__ import annotations

import hashlib
import time
from datetime import datetime, timedelta

from sqlalchemy import Engine, text

from newswire.storage.models import SEARCH_SENTENCES, SENTENCE_ARTICLES, Article, Event, Extraction, Figure
from newswire.storage.substring import has_sentence_search, sentence_key

CHUNK_ARTICLES = 5_000


def article_id(i: int) -> str:
    return hashlib.sha256(f"growth {i}".encode()).hexdigest()


def article_url(base: str, i: int) -> str:
    """Every article its own URL: the canonical-URL index grows as it does in production."""
    return f"{base}#growth-{i}"


def _sqlite_time(first: datetime, every: timedelta):
    def at(i: int) -> str:  # SQLAlchemy's SQLite DATETIME text, UTC
        return (first + i * every).strftime("%Y-%m-%d %H:%M:%S.%f")
    return at


def _select_list(table, postgres: bool) -> str:
    """The template row's columns, with what differs between articles made from ``s.i``."""
    new_id = ("encode(sha256(convert_to('growth ' || s.i, 'UTF8')), 'hex')" if postgres
              else "growth_sha('growth ' || s.i)")
    made = {
        "article_id": new_id,
        "published_at": "growth_at(s.i)" if not postgres else f"{_PG_FIRST} + s.i * {_PG_EVERY}",
        "url": "g.url || '#growth-' || s.i",
        "canonical_url": "g.canonical_url || '#growth-' || s.i",
    }
    for key in ("figure_id", "event_id"):
        made[key] = (f"encode(sha256(convert_to({new_id} || t.{key}, 'UTF8')), 'hex')" if postgres
                     else f"growth_sha({new_id} || t.{key})")
    return ", ".join(made.get(name, f't."{name}"') for name in table.columns.keys())


def _columns(table) -> str:
    return ", ".join(f'"{name}"' for name in table.columns.keys())  # quoted: "end" is reserved in PostgreSQL


_PG_FIRST = "timestamptz '2025-01-01 00:00:00+00'"
_PG_EVERY = "interval '30 seconds'"


def prefill(engine: Engine, start: int, stop: int, templates: dict[int, tuple[str, str, str]],
            first: datetime, every: timedelta) -> float:
    """Articles ``start..stop-1`` (with figures, events, extractions) copied from ``templates``
    (template number -> stored article id, base URL, base canonical URL); then the database settles
    (PostgreSQL: ``VACUUM ANALYZE`` and a checkpoint, as autovacuum would after such a bulk). Seconds."""
    postgres = engine.dialect.name == "postgresql"
    if postgres and (first.isoformat(), every) != ("2025-01-01T00:00:00+00:00", timedelta(seconds=30)):
        raise ValueError("the PostgreSQL prefill's times are written in its SQL")
    began = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS growth_templates"))
        conn.execute(text("CREATE TABLE growth_templates (n INTEGER PRIMARY KEY, article_id TEXT, url TEXT, "
                          "canonical_url TEXT)"))
        conn.execute(text("INSERT INTO growth_templates VALUES (:n, :a, :u, :c)"),
                     [{"n": n, "a": a, "u": u, "c": c} for n, (a, u, c) in templates.items()])
    count = len(templates)
    with engine.connect() as conn:
        sentences = has_sentence_search(conn)
    for lo in range(start, stop, CHUNK_ARTICLES):
        hi = min(lo + CHUNK_ARTICLES, stop)
        with engine.begin() as conn:
            if postgres:
                series = "generate_series(:lo, :hi - 1) AS s(i)"
            else:
                raw = conn.connection.driver_connection
                raw.create_function("growth_sha", 1, lambda v: hashlib.sha256(v.encode()).hexdigest(),
                                    deterministic=True)
                raw.create_function("growth_at", 1, _sqlite_time(first, every), deterministic=True)
                raw.create_function("growth_key", 2, sentence_key, deterministic=True)
                series = "(WITH RECURSIVE r(i) AS (SELECT :lo UNION ALL SELECT i + 1 FROM r WHERE i + 1 < :hi) " \
                         "SELECT i FROM r) AS s"
            for model in (Article, Figure, Event, Extraction):
                table = model.__table__
                conn.execute(text(
                    f"INSERT INTO {table.name} ({_columns(table)}) "
                    f"SELECT {_select_list(table, postgres)} FROM {series} "
                    f"JOIN growth_templates g ON g.n = s.i % {count} "
                    f"JOIN {table.name} t ON t.article_id = g.article_id ORDER BY s.i"), {"lo": lo, "hi": hi})
            if sentences:  # SQLite's sentence search (migration 0013), as the writer fills it: rowids ascending
                conn.execute(text("DROP TABLE IF EXISTS temp.growth_sentences"))
                conn.execute(text(
                    f"CREATE TEMP TABLE growth_sentences AS SELECT (SELECT coalesce(max(id), 0) FROM "
                    f"{SENTENCE_ARTICLES}) + row_number() OVER () AS id, a, v FROM (SELECT growth_sha('growth ' || "
                    f"s.i) AS a, t.sentence AS v FROM {series} JOIN growth_templates g ON g.n = s.i % {count} JOIN "
                    f"(SELECT article_id, sentence FROM figures WHERE article_id IN (SELECT article_id FROM "
                    f"growth_templates) UNION SELECT article_id, sentence FROM events WHERE article_id IN (SELECT "
                    f"article_id FROM growth_templates)) t ON t.article_id = g.article_id)"), {"lo": lo, "hi": hi})
                conn.execute(text(f"INSERT INTO {SENTENCE_ARTICLES} (id, sentence_key, article_id) "
                                  f"SELECT id, growth_key(a, v), a FROM temp.growth_sentences ORDER BY id"))
                conn.execute(text(f"INSERT INTO {SEARCH_SENTENCES} (rowid, value) "
                                  f"SELECT id, v FROM temp.growth_sentences ORDER BY id"))
                conn.execute(text("DROP TABLE temp.growth_sentences"))
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE growth_templates"))
    if postgres:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
            conn.execute(text("CHECKPOINT"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - began
