"""writer indexes: figures and events keyed by (article_id, id), no separate article_id index

An article's figures (and its events) now sit side by side in one primary-key leaf: the writer
touches one index page an article in each table, not one a figure (the ids are sha256 hex, so each
landed on a random page of an index that outgrows the buffer cache as the database grows). The
primary key's first column serves the lookups by article that ``ix_*_article_id`` served.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

KEYS = {"figures": "figure_id", "events": "event_id"}


def upgrade() -> None:
    for table, key in KEYS.items():
        with op.batch_alter_table(table, recreate="auto") as batch:
            batch.drop_index(f"ix_{table}_article_id")
            batch.drop_constraint(f"pk_{table}", type_="primary")
            batch.create_primary_key(f"pk_{table}", ["article_id", key])


def downgrade() -> None:
    for table, key in KEYS.items():
        with op.batch_alter_table(table, recreate="auto") as batch:
            batch.drop_constraint(f"pk_{table}", type_="primary")
            batch.create_primary_key(f"pk_{table}", [key])
            batch.create_index(f"ix_{table}_article_id", ["article_id"])
