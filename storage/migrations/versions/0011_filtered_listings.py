"""the listings of one figure category or event type read an index in their order

``newswire events --type attack`` and ``/events?type=attack`` found the type's rows by ``ix_events_type``
and sorted them all before the page: on SQLite at 1,000,000 articles (20 million events) 3.7 s for the
CLI's 100 newest attacks. ``ix_events_type_listing`` (type, published_at) gives them newest first, so
the database sorts only the rows of one publication time by the listing's other keys (SQLite's "right
part of ORDER BY", PostgreSQL's incremental sort) and stops after the page: 3 ms.
``ix_figures_category_listing`` the same for figures. Each replaces the single-column index it starts
with, so a write touches no more indexes than before; the whole listing order as the index's key
(article id, start and id too) measured no faster and cost the writer more. On a large database the
two ``CREATE INDEX`` read the whole tables once (50 s for 33 million rows on SQLite).

Revision ID: 0011_filtered_listings
Revises: 0010_story_titles
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from newswire.storage.models import FILTERED_LISTING_INDEXES

revision = "0011_filtered_listings"
down_revision = "0010_story_titles"
branch_labels = None
depends_on = None

REPLACED = {"ix_figures_category_listing": "ix_figures_category", "ix_events_type_listing": "ix_events_type"}


def upgrade() -> None:
    oldest_first = "published_at NULLS FIRST" if op.get_bind().dialect.name == "postgresql" else "published_at"
    for name, (table, column) in FILTERED_LISTING_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {table} ({column}, {oldest_first})")
        op.drop_index(REPLACED[name], table_name=table)


def downgrade() -> None:
    for name, (table, column) in FILTERED_LISTING_INDEXES.items():
        op.create_index(REPLACED[name], table, [column])
        op.drop_index(name, table_name=table)
