"""initial schema: feeds, articles, figures, events, extractions, dead_letters

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("etag", sa.String(), nullable=True),
        sa.Column("last_modified", sa.String(), nullable=True),
        sa.Column("last_poll_at", UTC, nullable=True),
        sa.Column("next_poll_at", UTC, nullable=True),
        sa.Column("last_success_at", UTC, nullable=True),
        sa.Column("consecutive_errors", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("entries_seen", sa.Integer(), nullable=False),
        sa.Column("entries_per_day", sa.Float(), nullable=True),
        sa.Column("interval_s", sa.Float(), nullable=True),
        sa.Column("healthy", sa.Boolean(), nullable=False),
        sa.Column("extra", JSON, nullable=False),
        sa.PrimaryKeyConstraint("url", name="pk_feeds"),
    )

    op.create_table(
        "articles",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("canonical_url", sa.Text(), nullable=False),
        sa.Column("feed_url", sa.Text(), nullable=True),
        sa.Column("guid", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("site", sa.String(), nullable=True),
        sa.Column("language", sa.String(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("published_at", UTC, nullable=True),
        sa.Column("fetched_at", UTC, nullable=False),
        sa.Column("stored_at", UTC, nullable=False),
        sa.Column("replayed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "version", name="pk_articles"),
    )
    op.create_index("ix_articles_canonical_url", "articles", ["canonical_url"])
    op.create_index("ix_articles_guid", "articles", ["guid"])
    op.create_index("ix_articles_published_at", "articles", ["published_at"])

    op.create_table(
        "figures",
        sa.Column("figure_id", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("article_version", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("value_max", sa.Float(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(), nullable=True),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("qualifier", sa.String(), nullable=True),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("anchor_phrase", sa.Text(), nullable=True),
        sa.Column("anchor_kind", sa.String(), nullable=True),
        sa.Column("anchor_date", sa.String(), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("published_at", UTC, nullable=True),
        sa.Column("extractor_version", sa.String(), nullable=False),
        sa.Column("extracted_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("figure_id", name="pk_figures"),
    )
    op.create_index("ix_figures_article_id", "figures", ["article_id"])
    op.create_index("ix_figures_category", "figures", ["category"])
    op.create_index("ix_figures_published_at", "figures", ["published_at"])
    op.create_index("ix_figures_source", "figures", ["source"])

    op.create_table(
        "events",
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("article_version", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("actors", JSON, nullable=False),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("date", sa.String(), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("published_at", UTC, nullable=True),
        sa.Column("extractor_version", sa.String(), nullable=False),
        sa.Column("extracted_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_events"),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_type", "events", ["type"])

    op.create_table(
        "extractions",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("article_version", sa.Integer(), nullable=False),
        sa.Column("extractor_version", sa.String(), nullable=False),
        sa.Column("figures", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("extracted_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "article_version", name="pk_extractions"),
    )

    op.create_table(
        "dead_letters",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("article_id", sa.String(), nullable=True),
        sa.Column("source_topic", sa.String(), nullable=True),
        sa.Column("source_partition", sa.Integer(), nullable=True),
        sa.Column("source_offset", sa.BigInteger(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("failed_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_dead_letters"),
    )
    op.create_index("ix_dead_letters_failed_at", "dead_letters", ["failed_at"])
    op.create_index("ix_dead_letters_reason", "dead_letters", ["reason"])


def downgrade() -> None:
    for table in ("dead_letters", "extractions", "events", "figures", "articles", "feeds"):
        op.drop_table(table)
