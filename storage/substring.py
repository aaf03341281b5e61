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
  then drops, never miss one. A sentence (``text=``) has no such index on SQLite and is always walked.
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, false, literal_column, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql import ColumnElement

from newswire.storage.models import LABELLED_COLUMNS, SEARCH_LABELS

RARE_ROWS = 1000
# FTS5's trigram index serves a LIKE pattern of at least three characters between wildcards; a term
# with LIKE's own wildcards or the escape character is left to the plain filter.
_SHORTEST = 3
_LIKE_SPECIALS = ("%", "_", "\\")


def contains(conn: Connection, column: Column, term: str) -> ColumnElement:
    """``column`` holds ``term`` (case-insensitive), as a filter whose plan suits how many rows hold it."""
    if "\x00" in term:  # no stored text holds a NUL (PostgreSQL's text cannot), and psycopg refuses one
        return false()
    plain = column.icontains(term, autoescape=True)
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
