"""Alembic environment for newswire's tables, on SQLite (batch mode) and PostgreSQL.

``storage.db.upgrade`` runs it programmatically and hands it a connection through
``config.attributes["connection"]``; the ``alembic`` command (``alembic -c storage/alembic.ini
-x url=sqlite:///data/newswire.db upgrade head``) gives it a URL instead.
"""

from __future__ import annotations

from alembic import context

from newswire.storage.db import make_engine
from newswire.storage.models import include_name, metadata

config = context.config


def _configure_and_run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move in batch mode
        compare_type=True,
        include_name=include_name,  # the listing indexes live in migration 0002's SQL only
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=metadata, render_as_batch=True, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            _configure_and_run(connection)
            connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
