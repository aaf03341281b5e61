"""Case-insensitive substring filters (``text=``, ``source=``, ``place=``) that stay fast where few rows match.

A listing walks its index newest first and stops after a page, so a term that many rows hold costs a
page's worth of rows; a term that few or none hold used to read the whole listing (7.9 s on SQLite at
1,000,000 articles). Migration 0012 indexes the searched columns.

- PostgreSQL: the filter stays ``ILIKE``; the GIN trigram indexes let the planner, from the column's
  statistics, find a rare term's rows by the index and sort those few, and walk the listing for a common one.
- SQLite has no statistics for that choice, so it is made here, for the label columns (a figure's
  source, an event's location): the labels that hold the term come from ``search_labels``' trigram
  table, then up to ``RARE_ROWS`` rows carrying one of them from the column's B-tree; fewer means a
  rare term, and the listing reads those rows by rowid (and sorts them); as many means a common term,
  and the listing walks its index as before. The ``ILIKE`` stays beside the candidates: the trigram
  table folds case more widely than SQLite's ASCII-only ``LIKE``, so it may propose rows the filter
  then drops, never miss one.
- SQLite, sentences (``text=``; migration 0013): a term's trigrams, all of them, in ``search_sentences``
  (each distinct article sentence once, written by the writer through ``index_sentences``) give the
  articles that may hold it; fewer than ``RARE_ROWS`` sentences, and the listing reads those articles'
  rows by the primary key's first column. A term no sentence holds took 317 s at 1,000,000 articles
  by the walk. The table only grows: a sentence whose rows were replaced (a
  reprocess) or deleted stays in it and proposes an article the ``ILIKE`` then drops.
"""

from __future__ import annotations

from hashlib import blake2b
from typing import Iterable

from sqlalchemy import Column, Connection, false, literal_column, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql import ColumnElement

from newswire.storage.db import chunked
from newswire.storage.models import LABELLED_COLUMNS, SEARCH_LABELS, SEARCH_SENTENCES, SENTENCE_ARTICLES

RARE_ROWS = 1000
# FTS5's trigram index serves a LIKE pattern of at least three characters between wildcards; a term
# with LIKE's own wildcards or the escape character is left to the plain filter.
_SHORTEST = 3
_LIKE_SPECIALS = ("%", "_", "\\")
# A term's trigrams asked of the sentence table: every one of a short term's, evenly spread ones of a
# long term's (each is a posting list to read; any subset still finds every sentence that holds the term).
_MOST_TRIGRAMS = 24


def contains(conn: Connection, column: Column, term: str) -> ColumnElement:
    """``column`` holds ``term`` (case-insensitive), as a filter whose plan suits how many rows hold it."""
    if "\x00" in term:  # no stored text holds a NUL (PostgreSQL's text cannot), and psycopg refuses one
        return false()
    plain = column.icontains(term, autoescape=True)
    if column.name == "sentence":
        articles = candidate_articles(conn, term)
        if articles is None:
            return plain
        return column.table.c.article_id.in_(articles) & plain if articles else false()
    rowids = candidate_rowids(conn, column, term)
    if rowids is None:
        return plain
    if not rowids:
        return false()
    return literal_column(f"{column.table.name}.rowid").in_(rowids) & plain


def candidate_rowids(conn: Connection, column: Column, term: str) -> list[int] | None:
    """The rowids of ``column``'s table whose ``column`` may hold ``term``, when fewer than ``RARE_ROWS``;
    None when the term is common, or nothing can tell (PostgreSQL, a short term, a column without labels)."""
    table = column.table
    if (conn.dialect.name != "sqlite" or LABELLED_COLUMNS.get(table.name, ("",))[0] != column.name
            or len(term) < _SHORTEST or any(special in term for special in _LIKE_SPECIALS)):
        return None
    try:
        labels = conn.execute(text(f"SELECT l.value FROM {SEARCH_LABELS}_text t JOIN {SEARCH_LABELS} l ON l.id = t.rowid "
                                   f"WHERE t.value LIKE :pattern AND l.kind = :kind LIMIT :rows"),
                              {"pattern": f"%{term}%", "kind": f"{table.name}.{column.name}", "rows": RARE_ROWS}
                              ).scalars().all()
    except OperationalError:  # a database not migrated to 0012 yet
        return None
    if len(labels) >= RARE_ROWS:
        return None
    rowids = conn.execute(select(literal_column("rowid")).select_from(table).where(column.in_(labels))
                          .limit(RARE_ROWS)).scalars().all() if labels else []
    return rowids if len(rowids) < RARE_ROWS else None


def candidate_articles(conn: Connection, term: str) -> list[str] | None:
    """The articles with a figure or event sentence that may hold ``term``, when fewer than ``RARE_ROWS``
    sentences may; None when the term is common, or nothing can tell (PostgreSQL, a short term)."""
    if conn.dialect.name != "sqlite" or len(term) < _SHORTEST:
        return None
    grams = list(dict.fromkeys(term[i:i + 3] for i in range(len(term) - 2)))
    if len(grams) > _MOST_TRIGRAMS:
        grams = [grams[round(i * (len(grams) - 1) / (_MOST_TRIGRAMS - 1))] for i in range(_MOST_TRIGRAMS)]
    # detail=none answers no phrase, so each trigram is a term of its own, all of them required
    query = " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)
    try:
        ids = conn.execute(text(f"SELECT rowid FROM {SEARCH_SENTENCES} WHERE {SEARCH_SENTENCES} MATCH :query "
                                f"LIMIT :rows"), {"query": query, "rows": RARE_ROWS}).scalars().all()
    except OperationalError:  # a database not migrated to 0013 yet
        return None
    if len(ids) >= RARE_ROWS:
        return None
    return conn.execute(select(literal_column("article_id")).distinct().select_from(text(SENTENCE_ARTICLES))
                        .where(literal_column("id").in_(ids))).scalars().all() if ids else []


def sentence_key(article_id: str, sentence: str) -> int:
    """A signed 64-bit key of (article, sentence), so that a sentence is stored once."""
    digest = blake2b(f"{article_id}\x00{sentence}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def has_sentence_search(conn: Connection) -> bool:
    """A SQLite database migrated to 0013 (which indexes the rows stored until then)."""
    return conn.dialect.name == "sqlite" and conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE name = ?", (SENTENCE_ARTICLES,)).first() is not None


def index_sentences(conn: Connection, rows: Iterable[tuple[str, str]]) -> int:
    """Add each (article_id, sentence) not indexed yet to SQLite's sentence search; how many were new.

    The FTS5 rowids ascend (the last one + 1, in the writer's one transaction): FTS5 flushes its
    in-memory segment whenever a rowid is not above the last, which with the key as rowid (random)
    cost the writer 4.4 ms of CPU an article instead of about 1 (``benchmarks/writer_growth.py``)."""
    keyed = {sentence_key(article_id, sentence): (article_id, sentence) for article_id, sentence in rows}
    known: set[int] = set()
    for chunk in chunked(list(keyed), 500):
        known.update(conn.exec_driver_sql(f"SELECT sentence_key FROM {SENTENCE_ARTICLES} WHERE sentence_key IN "
                                          f"({', '.join('?' * len(chunk))})", tuple(chunk)).scalars())
    new = [(key, *keyed[key]) for key in keyed if key not in known]
    if new:
        last = conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {SENTENCE_ARTICLES}").scalar_one()
        conn.exec_driver_sql(f"INSERT INTO {SENTENCE_ARTICLES}(id, sentence_key, article_id) VALUES (?, ?, ?)",
                             [(last + n, key, article_id) for n, (key, article_id, _) in enumerate(new, 1)])
        conn.exec_driver_sql(f"INSERT INTO {SEARCH_SENTENCES}(rowid, value) VALUES (?, ?)",
                             [(last + n, sentence) for n, (_, _, sentence) in enumerate(new, 1)])
    return len(new)
