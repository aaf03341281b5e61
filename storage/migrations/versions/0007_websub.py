"""websub: websub_subscriptions (a feed's WebSub subscription, kept across restarts)

Revision ID: 0007_websub
Revises: 0006_placements
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_websub"
down_revision = "0006_placements"
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "websub_subscriptions",
        sa.Column("feed_url", sa.String(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("hub", sa.Text(), nullable=False),
        sa.Column("callback_id", sa.String(), nullable=False),
        sa.Column("secret", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("lease_s", sa.Integer(), nullable=True),
        sa.Column("requested_at", UTC, nullable=True),
        sa.Column("verified_at", UTC, nullable=True),
        sa.Column("expires_at", UTC, nullable=True),
        sa.Column("last_push_at", UTC, nullable=True),
        sa.Column("missed_at", UTC, nullable=True),
        sa.Column("pushes", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("feed_url", name="pk_websub_subscriptions"),
        sa.UniqueConstraint("callback_id", name="uq_websub_subscriptions_callback_id"),
    )


def downgrade() -> None:
    op.drop_table("websub_subscriptions")
