"""story search: trigram indexes on titles (PostgreSQL), placements' (article_id, story_id) index

The story list's ``text`` filter matches a story's title or a member article's title as a substring
(``ILIKE '%term%'``), which no B-tree serves: at 100,000 articles it read the whole articles table and
the whole placements table (200 MB: each row carries its figures' series) on every search, 150 to 290 ms
before any load. On PostgreSQL a GIN trigram index (``pg_trgm``) on ``articles.title`` and on
``stories.title`` finds the matching titles (a rare term: 150 ms to 14 ms), and ``(article_id,
story_id)`` on ``story_articles`` gives the title -> story join an index-only scan of 15 MB instead of
the table. The trigram indexes are created in SQL and left out of the models (``models.SEARCH_INDEXES``,
like the listing indexes): SQLite has no such index and keeps its scan. ``pg_trgm`` is a trusted
extension (a database owner may create it); where the role may not, the migration logs it and goes on
without the trigram indexes (search then scans, as before).

Revision ID: 0008_story_search
Revises: 0007_websub
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

from newswire.storage.models import SEARCH_INDEXES
from newswire.storage.trigram import create_trigram_indexes

revision = "0008_story_search"
down_revision = "0007_websub"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_story_articles_article_story", "story_articles", ["article_id", "story_id"])
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    create_trigram_indexes(bind, SEARCH_INDEXES, "story and article title search will scan the tables")


def downgrade() -> None:
    for name in SEARCH_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("ix_story_articles_article_story", table_name="story_articles")
