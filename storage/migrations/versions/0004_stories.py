"""stories: stories, story_articles, observations (the stories stage)

Revision ID: 0004_stories
Revises: 0003_places_actors
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004_stories"
down_revision = "0003_places_actors"
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("story_id", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("first_seen_at", UTC, nullable=False),
        sa.Column("last_seen_at", UTC, nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("outlets", JSON, nullable=False),
        sa.Column("places", JSON, nullable=False),
        sa.Column("state", JSON, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("story_id", name="pk_stories"),
    )
    op.create_index("ix_stories_first_seen_at", "stories", ["first_seen_at"])
    op.create_index("ix_stories_last_seen_at", "stories", ["last_seen_at"])
    op.create_table(
        "story_articles",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("story_id", sa.String(), nullable=False),
        sa.Column("duplicate_of", sa.String(), nullable=True),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.Column("seen_at", UTC, nullable=False),
        sa.Column("outlet", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("article_id", name="pk_story_articles"),
    )
    for column in ("story_id", "duplicate_of", "seen_at"):
        op.create_index(f"ix_story_articles_{column}", "story_articles", [column])
    op.create_table(
        "observations",
        sa.Column("observation_id", sa.String(), nullable=False),
        sa.Column("series_id", sa.String(), nullable=False),
        sa.Column("story_id", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("basis", sa.String(), nullable=False),
        sa.Column("place", sa.String(), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("value_max", sa.Float(), nullable=True),
        sa.Column("as_of", sa.String(), nullable=True),
        sa.Column("anchor_date", sa.String(), nullable=True),
        sa.Column("qualifier", sa.String(), nullable=True),
        sa.Column("reported_at", UTC, nullable=True),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("article_ids", JSON, nullable=False),
        sa.Column("outlets", JSON, nullable=False),
        sa.Column("figure_ids", JSON, nullable=False),
        sa.PrimaryKeyConstraint("observation_id", name="pk_observations"),
    )
    op.create_index("ix_observations_series_id", "observations", ["series_id"])
    op.create_index("ix_observations_story_id", "observations", ["story_id"])


def downgrade() -> None:
    op.drop_table("observations")
    op.drop_table("story_articles")
    op.drop_table("stories")
