"""figures.as_of_date: the date a figure was given on ("said on Sunday"); optional, nullable

Revision ID: 0002_figure_dates
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_figure_dates"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("figures", sa.Column("as_of_date", sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column("figures", "as_of_date")
