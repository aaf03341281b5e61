"""placements: story_articles carry their figures' series and whether they were sent (an outbox)

``newswire.placements.v1`` tells subscribers where the stories stage placed each article: its story,
the earlier article it copies and the series of each of its figures. ``figures`` holds the series of
the article's figures ([figure_id, series_id, observation_id] triples) and ``published`` whether the
placement was sent; the partial index ``ix_story_articles_unpublished`` is the outbox's queue.
Placements made before this revision keep ``figures`` null (they are sent with ``figures: null``).

Revision ID: 0006_placements
Revises: 0005_writer_indexes
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006_placements"
down_revision = "0005_writer_indexes"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("story_articles") as batch:
        batch.add_column(sa.Column("figures", JSON, nullable=True))
        batch.add_column(sa.Column("published", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index("ix_story_articles_unpublished", "story_articles", ["seen_at", "article_id"],
                    postgresql_where=sa.text("published = false"), sqlite_where=sa.text("published = 0"))


def downgrade() -> None:
    op.drop_index("ix_story_articles_unpublished", table_name="story_articles")
    with op.batch_alter_table("story_articles") as batch:
        batch.drop_column("published")
        batch.drop_column("figures")
