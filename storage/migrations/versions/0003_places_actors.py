"""places and actors: figures.location/place/country_code, events.place/country_code/actor_details

Every new column is nullable (actor_details defaults to an empty list), so rows written by
extractor versions before places and actors stay valid; ``newswire reprocess`` fills them in.

Revision ID: 0003_places_actors
Revises: 0002_figure_dates
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003_places_actors"
down_revision = "0002_figure_dates"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("figures") as batch:
        batch.add_column(sa.Column("location", sa.Text(), nullable=True))
        batch.add_column(sa.Column("place", JSON, nullable=True))
        batch.add_column(sa.Column("country_code", sa.String(), nullable=True))
    op.create_index("ix_figures_country_code", "figures", ["country_code"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("place", JSON, nullable=True))
        batch.add_column(sa.Column("country_code", sa.String(), nullable=True))
        batch.add_column(sa.Column("actor_details", JSON, nullable=True))
    op.create_index("ix_events_country_code", "events", ["country_code"])


def downgrade() -> None:
    op.drop_index("ix_events_country_code", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("actor_details")
        batch.drop_column("country_code")
        batch.drop_column("place")
    op.drop_index("ix_figures_country_code", table_name="figures")
    with op.batch_alter_table("figures") as batch:
        batch.drop_column("country_code")
        batch.drop_column("place")
        batch.drop_column("location")
