"""sentence search on SQLite: a contentless FTS5 trigram table of each article's distinct sentences

``/figures?text=`` and ``/events?text=`` (and the CLI's ``--text``) on SQLite read the whole listing
for a term few sentences hold: 317 s at 1,000,000 articles for a term no sentence holds (migration
0012 indexed the labels only, as an FTS5 trigram table of every row's sentence cost the writer 3.5
times its CPU). Here each distinct (article, sentence) is indexed once, by the writer, in an FTS5
table that stores no text (``content=''``), no positions (``detail=none``) and no token counts
(``columnsize=0``), answering "which sentences hold all these trigrams": a superset of those that
hold the term, which ``storage.substring`` narrows to their articles and the ``ILIKE`` to the rows.
``search_sentence_articles`` maps its rowid to the article, and holds a hash of the pair
(``storage.substring.sentence_key``) so that a sentence written again is not indexed again.

Existing rows are indexed here, in Python (the key is a hash), about 30 µs a sentence. PostgreSQL
has the trigram indexes of 0012 and needs nothing.

Revision ID: 0013_sentence_search
Revises: 0012_substring_search
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

from newswire.storage.models import SEARCH_SENTENCES, SENTENCE_ARTICLES
from newswire.storage.substring import index_sentences

revision = "0013_sentence_search"
down_revision = "0012_substring_search"
branch_labels = None
depends_on = None

BATCH = 10_000


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    bind.exec_driver_sql(f"CREATE TABLE {SENTENCE_ARTICLES} (id INTEGER PRIMARY KEY, sentence_key INTEGER NOT NULL "
                         f"UNIQUE, article_id TEXT NOT NULL)")
    # case_sensitive 0 (the default) folds case as ILIKE does, and more: a superset again
    bind.exec_driver_sql(f"CREATE VIRTUAL TABLE {SEARCH_SENTENCES} USING fts5(value, content='', "
                         f"tokenize='trigram', detail=none, columnsize=0)")
    rows = bind.exec_driver_sql("SELECT article_id, sentence FROM figures UNION SELECT article_id, sentence FROM events")
    while batch := rows.fetchmany(BATCH):
        index_sentences(bind, batch)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    bind.exec_driver_sql(f"DROP TABLE IF EXISTS {SEARCH_SENTENCES}")
    bind.exec_driver_sql(f"DROP TABLE IF EXISTS {SENTENCE_ARTICLES}")
