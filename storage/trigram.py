"""GIN trigram indexes (``pg_trgm``) for case-insensitive substring search on PostgreSQL.

Migrations 0008 (titles), 0010 (a story's titles) and 0012 (figures' and events' sentences and labels)
create them through :func:`create_trigram_indexes`. ``pg_trgm`` is a trusted extension (a database owner
may create it); where the role may not, the migration logs it and goes on without the indexes, and the
filters they serve read their tables instead.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)


def create_trigram_indexes(bind: Connection, indexes: dict[str, tuple[str, str]], without: str) -> None:
    """``indexes`` (name -> (table, column)) as GIN trigram indexes; ``without`` says in the warning what
    reads the tables when the extension is refused."""
    try:
        with bind.begin_nested():  # a savepoint: a refused extension leaves the migration's transaction usable
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            # one extension a database, in the schema it was first created in (not always this one's)
            schema = bind.exec_driver_sql("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                                          "ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'").scalar_one()
            for name, (table, column) in indexes.items():
                bind.exec_driver_sql(f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin '
                                     f'({column} "{schema}".gin_trgm_ops)')
    except DBAPIError as exc:
        log.warning("pg_trgm not available (%s): %s", str(exc.orig).splitlines()[0], without)
