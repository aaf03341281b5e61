"""story titles: one column a story holding every title of the story and its members, for the search;
a story's observations indexed by time

The story list's ``text`` filter (a story's title or a member article's title, as a substring) joined
every matching article title to the placements before it could walk the stories: with the trigram
indexes of 0008 still 140 to 180 ms for a phrase in 2 % of 100,000 titles (2,252 matches found and joined
to their stories, 13,620 candidates rechecked), over the 300 ms budget under load. ``stories.titles``
holds each title of the story and of its members once, newline-separated (``storage.stories.add_titles``
keeps it as the stories stage places articles and the sink stores new versions); the search is then one
filter on the stories table (8,413 rows at that size): a walk of the latest stories that stops at the
page for a common term, a GIN trigram index (``ix_stories_titles_trgm``, PostgreSQL with ``pg_trgm``)
for a rare one. Filled here from the placements and the articles' titles (every version).

And ``ix_observations_story_as_of`` (story_id, as_of, reported_at) replaces ``ix_observations_story_id``:
a story's page and timeline read its latest observations, which were all read and sorted (a big story's
1,850 for its latest 500: 8.6 ms, 29 ms under load) and now come from the index in order (0.8 ms).

Revision ID: 0010_story_titles
Revises: 0009_websub_hubs
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newswire.storage.trigram import create_trigram_indexes

revision = "0010_story_titles"
down_revision = "0009_websub_hubs"
branch_labels = None
depends_on = None

INDEX = "ix_stories_titles_trgm"  # models.TITLES_INDEX


def _merged(titles: list[str | None]) -> str | None:
    """The titles, each once, newline-separated (as ``storage.stories.merge_titles`` at this revision)."""
    seen: dict[str, None] = {}
    for title in titles:
        if title:
            seen.setdefault(title, None)
    return "\n".join(seen) or None


def upgrade() -> None:
    # a story's latest observations (its page, its timeline) from the index in their order, not sorted
    op.create_index("ix_observations_story_as_of", "observations", ["story_id", "as_of", "reported_at"])
    op.drop_index("ix_observations_story_id", table_name="observations")  # the new one's first column
    op.add_column("stories", sa.Column("titles", sa.Text(), nullable=True))
    bind = op.get_bind()
    titles: dict[str, list[str | None]] = {r.story_id: [r.title] for r in bind.execute(
        sa.text("SELECT story_id, title FROM stories"))}
    for row in bind.execute(sa.text(
            "SELECT p.story_id, a.title FROM story_articles p JOIN articles a ON a.article_id = p.article_id "
            "ORDER BY p.story_id, p.seen_at, p.article_id, a.version")):
        if row.story_id in titles:
            titles[row.story_id].append(row.title)
    rows = [{"sid": story_id, "merged": _merged(found)} for story_id, found in titles.items()]
    for start in range(0, len(rows), 1000):
        bind.execute(sa.text("UPDATE stories SET titles = :merged WHERE story_id = :sid"), rows[start:start + 1000])
    if bind.dialect.name != "postgresql":
        return
    create_trigram_indexes(bind, {INDEX: ("stories", "titles")}, "story search will read every story's titles")


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("titles")
    op.create_index("ix_observations_story_id", "observations", ["story_id"])
    op.drop_index("ix_observations_story_as_of", table_name="observations")
