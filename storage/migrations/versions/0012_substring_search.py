"""substring search of figures and events: trigram indexes (PostgreSQL), a table of labels (SQLite)

The web lists' and the CLI's ``text=`` (a sentence), ``source=`` (a figure's source) and ``place=`` (an
event's location) match a case-insensitive substring, which no B-tree serves: a term that matches
nothing read the whole listing looking for a page, at 1,000,000 articles 7.9 s on SQLite and 2.3 s on
PostgreSQL for ``/figures?source=...&text=...&place=...``.

- PostgreSQL: a GIN trigram index on each of the four columns lets the planner find a rare term's rows
  (its estimate of ``ILIKE`` comes from the column's statistics) and keep the listing walk for a
  common one.
- SQLite has no such index, and an FTS5 trigram table of every figure and event cost the writer 1.4
  times its CPU for the two label columns (3.5 times with the sentences; ``benchmarks/writer_growth.py``
  at 23,000 articles). Labels repeat (a ministry,
  a city), so ``search_labels`` holds each distinct source and location once, its FTS5 trigram table
  ``search_labels_text`` finds the labels that hold a term, and a B-tree on the column
  (``ix_figures_source``, and ``ix_events_location`` here) their rows (``storage.substring``). Triggers
  add a label the first time a row carries it; labels are never removed (a label no row carries any
  more finds no row). The writer's CPU an article: 2.71 -> 3.31 ms at 100,000 articles. Sentences
  keep their scan on SQLite.

A later migration that rebuilds figures or events (a batch ``ALTER``) must create the triggers again.

Revision ID: 0012_substring_search
Revises: 0011_filtered_listings
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from newswire.storage.models import LABELLED_COLUMNS, SEARCH_LABELS, SUBSTRING_INDEXES
from newswire.storage.trigram import create_trigram_indexes

revision = "0012_substring_search"
down_revision = "0011_filtered_listings"
branch_labels = None
depends_on = None

LABELS_TEXT = f"{SEARCH_LABELS}_text"


def _sqlite_labels() -> list[str]:
    statements = [
        f"CREATE TABLE {SEARCH_LABELS} (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, value TEXT NOT NULL, "
        f"UNIQUE (kind, value))",
        # case_sensitive 0 (the default) folds case as ILIKE does, and more (non-ASCII letters): the
        # labels it finds are a superset of those the filter then keeps
        f"CREATE VIRTUAL TABLE {LABELS_TEXT} USING fts5(value, content='{SEARCH_LABELS}', content_rowid='id', "
        f"tokenize='trigram')",
        f"CREATE TRIGGER {SEARCH_LABELS}_insert AFTER INSERT ON {SEARCH_LABELS} "
        f"BEGIN INSERT INTO {LABELS_TEXT}(rowid, value) VALUES (new.id, new.value); END",
        "CREATE INDEX ix_events_location ON events (location)",
    ]
    for table, (column, _index) in LABELLED_COLUMNS.items():
        kind = f"{table}.{column}"
        # NOT EXISTS rather than INSERT OR IGNORE: a trigger's conflict clause yields to the statement's
        add = (f"INSERT INTO {SEARCH_LABELS}(kind, value) SELECT '{kind}', new.{column} WHERE new.{column} IS NOT NULL "
               f"AND NOT EXISTS (SELECT 1 FROM {SEARCH_LABELS} WHERE kind = '{kind}' AND value = new.{column});")
        statements += [
            f"CREATE TRIGGER {SEARCH_LABELS}_{table}_insert AFTER INSERT ON {table} BEGIN {add} END",
            f"CREATE TRIGGER {SEARCH_LABELS}_{table}_update AFTER UPDATE OF {column} ON {table} BEGIN {add} END",
            f"INSERT INTO {SEARCH_LABELS}(kind, value) SELECT DISTINCT '{kind}', {column} FROM {table} "
            f"WHERE {column} IS NOT NULL",
        ]
    return statements


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in _sqlite_labels():
            bind.exec_driver_sql(statement)
        return
    create_trigram_indexes(bind, SUBSTRING_INDEXES, "substring filters of figures and events will read the listings")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table in LABELLED_COLUMNS:
            for change in ("insert", "update"):
                bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {SEARCH_LABELS}_{table}_{change}")
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_events_location")
        bind.exec_driver_sql(f"DROP TABLE IF EXISTS {LABELS_TEXT}")
        bind.exec_driver_sql(f"DROP TABLE IF EXISTS {SEARCH_LABELS}")
        return
    for name in SUBSTRING_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
