"""websub hubs: every hub a feed announces, so a failed subscription moves on to the next

Revision ID: 0009_websub_hubs
Revises: 0008_story_search
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0009_websub_hubs"
down_revision = "0008_story_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("websub_subscriptions") as batch:
        batch.add_column(sa.Column("hubs", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("websub_subscriptions") as batch:
        batch.drop_column("hubs")
