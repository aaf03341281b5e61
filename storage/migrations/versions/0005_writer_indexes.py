"""writer indexes: figures and events keyed by (article_id, id), no separate article_id index

An article's figures (and its events) now sit side by side in one primary-key leaf: the writer
touches one index page an article in each table, not one a figure (the ids are sha256 hex, so each
landed on a random page of an index that outgrows the buffer cache as the database grows). The
primary key's first column serves the lookups by article that ``ix_*_article_id`` served.

The CLI's and the web pages' listings (``storage.queries``: newest publication first, NULLs last,
then article, position, id) get an index whose backward scan is that order, ``ix_figures_listing`` /
``ix_events_listing``, which replaces ``ix_figures_published_at`` (its first column serves the
since/until filters): without it each listing read and sorted the whole table. Oldest first in the
index, so new articles land at its right end, where B-tree page splits leave full pages (a newest-first
index took new rows at its left end, split pages in half and grew to twice the size). PostgreSQL
needs ``NULLS FIRST`` spelled out; SQLite sorts NULLs first anyway (and has no NULLS in CREATE INDEX).

Revision ID: 0005_writer_indexes
Revises: 0004_stories
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from newswire.storage.models import LISTING_INDEXES

revision = "0005_writer_indexes"
down_revision = "0004_stories"
branch_labels = None
depends_on = None

KEYS = {"figures": "figure_id", "events": "event_id"}


def upgrade() -> None:
    for table, key in KEYS.items():
        with op.batch_alter_table(table, recreate="auto") as batch:
            batch.drop_index(f"ix_{table}_article_id")
            batch.drop_constraint(f"pk_{table}", type_="primary")
            batch.create_primary_key(f"pk_{table}", ["article_id", key])
    op.drop_index("ix_figures_published_at", table_name="figures")
    oldest_first = "published_at NULLS FIRST" if op.get_bind().dialect.name == "postgresql" else "published_at"
    for name, (table, key) in LISTING_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {table} ({oldest_first}, article_id DESC, start DESC, {key} DESC)")


def downgrade() -> None:
    for name, (table, _) in LISTING_INDEXES.items():
        op.drop_index(name, table_name=table)
    op.create_index("ix_figures_published_at", "figures", ["published_at"])
    for table, key in KEYS.items():
        with op.batch_alter_table(table, recreate="auto") as batch:
            batch.drop_constraint(f"pk_{table}", type_="primary")
            batch.create_primary_key(f"pk_{table}", [key])
            batch.create_index(f"ix_{table}_article_id", ["article_id"])
