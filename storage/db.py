"""Engines and schema versions: the one place that knows how to connect and migrate.

``make_engine`` tunes each backend (SQLite: WAL, a busy timeout and real BEGINs; PostgreSQL: pool
pre-ping). ``upgrade`` runs the Alembic migrations in ``storage/migrations`` from Python, whatever the
current directory. ``check_schema`` refuses a database that is not at this code's head revision:
the ``sink`` stage calls it, while ``open_database(url, upgrade=True)`` (the ``run`` command's
embedded default) migrates first.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from typing import Iterable, Sequence

from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from newswire.errors import SchemaOutOfDate
from newswire.settings import mask_url

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Serialises concurrent `upgrade` calls on one PostgreSQL database (any constant unique to newswire).
_PG_MIGRATION_LOCK = 0x6E657773


def make_engine(url: str, *, sqlite_busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS, **overrides) -> Engine:
    """An engine for ``url`` (``sqlite:///path`` or ``postgresql+psycopg://...``).

    SQLite: the file's directory is created, the journal is WAL (readers never block the writer),
    writers wait up to ``sqlite_busy_timeout_ms`` (30 s) for the lock, and SQLAlchemy emits BEGIN itself so reads and writes of
    one transaction are consistent (``execution_options(sqlite_begin="IMMEDIATE")`` takes the
    write lock up front). PostgreSQL: connections are checked before use (a restarted server
    does not fail the next batch).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        options = dict(connect_args={"timeout": sqlite_busy_timeout_ms / 1000})
        options.update(overrides)
        engine = create_engine(parsed, **options)
        _tune_sqlite(engine, sqlite_busy_timeout_ms)
        return engine
    options = dict(pool_pre_ping=True)
    options.update(overrides)
    return create_engine(parsed, **options)


def _tune_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # sqlite3 must not BEGIN on its own; we do (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable across process crashes in WAL mode
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The revision this code's tables correspond to."""
    heads = ScriptDirectory.from_config(_alembic_config()).get_heads()
    return heads[0] if len(heads) == 1 else ",".join(sorted(heads))


def current_revision(engine: Engine) -> str | None:
    """The database's revision; None for a database newswire never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def describe_url(engine_or_url: Engine | str) -> str:
    """The database's URL as logs and messages show it: passwords masked (``newswire.settings.mask_url``)."""
    if isinstance(engine_or_url, Engine):
        return mask_url(engine_or_url.url.render_as_string(hide_password=False))
    return mask_url(engine_or_url)


def upgrade(target: str | Engine, revision: str = "head") -> str:
    """Migrate the database to ``revision`` (default: head); returns the revision it is at now."""
    engine = make_engine(target) if isinstance(target, str) else target
    try:
        config = _alembic_config()
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        now = current_revision(engine)
        log.info("database %s at revision %s", describe_url(engine), now)
        return now or ""
    finally:
        if isinstance(target, str):
            engine.dispose()


_migrate = upgrade  # open_database's parameter shadows the name


def check_schema(engine: Engine) -> None:
    """Raise ``SchemaOutOfDate`` unless the database is at this code's head revision."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    where = describe_url(engine)
    if current is None:
        raise SchemaOutOfDate(
            f"database at {where} has no newswire schema (no revision), this newswire needs {head}: "
            f"run `newswire db upgrade`"
        )
    known = {script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}
    if current not in known:
        raise SchemaOutOfDate(
            f"database at {where} is at revision {current}, unknown to this newswire (which needs {head}): "
            f"it was migrated by a newer newswire; upgrade newswire"
        )
    raise SchemaOutOfDate(
        f"database at {where} is at revision {current}, this newswire needs {head}: run `newswire db upgrade`"
    )


def open_database(url: str, upgrade: bool = True) -> Engine:
    """An engine on ``url``, migrated to head first (``upgrade=True``) or checked (``upgrade=False``)."""
    engine = make_engine(url)
    try:
        if upgrade:
            _migrate(engine)
        else:
            check_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def chunked(items: Sequence, size: int) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def upsert(connection: Connection, table: Table, rows: Sequence[dict], keys: Sequence[str], update: bool = True) -> int:
    """``INSERT ... ON CONFLICT (keys) DO UPDATE`` (or ``DO NOTHING``), one statement run for all ``rows``.

    The statement has one shape per table, so SQLAlchemy compiles it once and caches it; the rows go
    to the driver's ``executemany`` (SQLite's C loop, psycopg's pipeline). A multi-row ``VALUES``
    statement compiled per batch cost ten times the CPU (measured in the sink: most of its time).
    ``rows`` must all have the same columns. Returns the rows the database reports as inserted or
    updated (both drivers sum ``rowcount`` over an ``executemany``).
    """
    if not rows:
        return 0
    insert = (postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert)(table)
    if update:
        statement = insert.on_conflict_do_update(
            index_elements=list(keys),
            set_={name: insert.excluded[name] for name in rows[0] if name not in keys},
        )
    else:
        statement = insert.on_conflict_do_nothing(index_elements=list(keys))
    result = connection.execute(statement.execution_options(preserve_rowcount=True), list(rows))
    return max(result.rowcount, 0)
