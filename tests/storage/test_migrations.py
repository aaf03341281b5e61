from __future__ import annotations

import logging
from datetime import datetime, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from newswire.errors import SchemaOutOfDate
from newswire.storage import mapping
from newswire.storage.db import (
    _alembic_config, check_schema, current_revision, head_revision, make_engine, open_database, upgrade,
)
from newswire.storage.models import Article, Event, Figure, include_name, metadata
from newswire.storage.writer import RecordWriter

TABLES = {"feeds", "articles", "figures", "events", "extractions", "dead_letters"}


def test_upgrade_from_empty_creates_every_table(database_url):
    assert upgrade(database_url) == head_revision()
    engine = make_engine(database_url)
    try:
        assert TABLES <= set(inspect(engine).get_table_names())
        assert current_revision(engine) == head_revision()
        check_schema(engine)  # at head: no complaint
        indexes = {ix["name"] for ix in inspect(engine).get_indexes("figures")}
        assert {"ix_figures_category_listing", "ix_figures_listing", "ix_figures_source"} <= indexes
        assert "ix_figures_category" not in indexes  # the category listing's index starts with it
        assert {"ix_events_listing", "ix_events_type_listing"} <= {ix["name"] for ix in inspect(engine).get_indexes("events")}
        assert inspect(engine).get_pk_constraint("figures")["constrained_columns"] == ["article_id", "figure_id"]
    finally:
        engine.dispose()


def test_upgrade_twice_is_a_no_op(database_url):
    upgrade(database_url)
    assert upgrade(database_url) == head_revision()


def test_migrations_match_the_models(database_url):
    """Autogenerate finds nothing to do: the hand-written migration and storage.models agree."""
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": include_name}), metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_check_schema_refuses_an_unmigrated_database(database_url):
    engine = make_engine(database_url)
    try:
        with pytest.raises(SchemaOutOfDate) as caught:
            check_schema(engine)
        message = str(caught.value)
        assert "this newswire needs " + head_revision() in message
        assert "run `newswire db upgrade`" in message
        assert message.startswith("database at ")
    finally:
        engine.dispose()


def test_check_schema_names_the_old_revision(database_url):
    engine = make_engine(database_url)
    try:
        with engine.begin() as conn:
            MigrationContext.configure(conn)._ensure_version_table()
            conn.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES ('0000')")
        with pytest.raises(SchemaOutOfDate, match=r"is at revision 0000, .*unknown"):
            check_schema(engine)
    finally:
        engine.dispose()


def test_open_database_upgrades_or_refuses(database_url):
    with pytest.raises(SchemaOutOfDate):
        open_database(database_url, upgrade=False)
    engine = open_database(database_url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
    open_database(database_url, upgrade=False).dispose()


def test_password_is_not_shown(tmp_path):
    engine = make_engine("postgresql+psycopg://newswire:s3cret@127.0.0.1:1/nowhere", pool_pre_ping=False)
    from newswire.storage.db import describe_url

    assert "s3cret" not in describe_url(engine)
    engine.dispose()


def test_passwords_in_the_query_string_are_not_shown():
    from newswire.settings import mask_url
    from newswire.storage.db import describe_url

    url = "postgresql+psycopg://alice:pw@host/news?password=QueryPW&sslpassword=SslPW&sslmode=require"
    for shown in (mask_url(url), describe_url(url), describe_url(make_engine(url, pool_pre_ping=False))):
        assert "QueryPW" not in shown and "SslPW" not in shown and ":pw@" not in shown, shown
        assert shown == "postgresql+psycopg://alice:***@host/news?password=***&sslmode=require&sslpassword=***"
    assert mask_url("postgresql+psycopg://bob@host/news?PASSWORD=a&password=b") == \
        "postgresql+psycopg://bob@host/news?PASSWORD=***&password=***"


def test_the_revision_log_line_masks_both_password_forms(pg_database_url, caplog):
    # The session database's URL with its password stated a second time, in the query string (libpq reads
    # both; the query wins), and an sslpassword, which libpq only uses for an encrypted client key.
    url = f"{pg_database_url}?password=newswire_test&sslpassword=SslQueryPW"
    with caplog.at_level(logging.INFO, logger="newswire.storage.db"):
        upgrade(url)
    [line] = [r.getMessage() for r in caplog.records if "at revision" in r.getMessage()]
    assert "password=***" in line and "sslpassword=***" in line and ":***@" in line, line
    assert "SslQueryPW" not in line and "password=newswire_test" not in line and ":newswire_test@" not in line


def test_places_and_actors_migration_keeps_older_rows_and_goes_back(database_url):
    """0001 -> head adds nullable columns (rows written before stay, with nulls); back to 0001 drops them."""
    assert upgrade(database_url, "0001") == "0001"
    engine = make_engine(database_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO events (event_id, article_id, article_version, type, \"trigger\", start, \"end\", actors,"
                " location, sentence, sentence_start, extractor_version, extracted_at) VALUES ('e1', 'a1', 1,"
                " 'attack', 'attack', 0, 6, '[\"rebels\"]', 'Gondar', 'attack', 0, '1.1.0', '2026-03-01 12:00:00+00:00')")
        assert upgrade(database_url) == head_revision()
        with engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT location, place, country_code, actor_details FROM events").one()
        assert tuple(row) == ("Gondar", None, None, None)
        figure_columns = {c["name"] for c in inspect(engine).get_columns("figures")}
        assert {"location", "place", "country_code"} <= figure_columns
        from alembic import command

        from newswire.storage.db import _alembic_config

        config = _alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0001")
        assert current_revision(engine) == "0001"
        assert "place" not in {c["name"] for c in inspect(engine).get_columns("events")}
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar() == 1
    finally:
        engine.dispose()


def test_writer_indexes_migration_keeps_the_rows_both_ways(database_url, records):
    """0001 -> head on a database with figures and events, back to 0001 and up again: every row stays."""
    upgrade(database_url, "0001")
    engine = make_engine(database_url)
    article = records.article()
    rows = {"articles": 1, "figures": 2, "events": 1}
    def at_0001(model, rows):  # the columns of schema 0001 only: later revisions added the others
        columns = {c["name"] for c in inspect(engine).get_columns(model.__tablename__)}
        return [{k: v for k, v in row.items() if k in columns} for row in rows]

    with engine.begin() as conn:  # 0001's keys: the writer of that schema is gone, so plain INSERTs
        now = datetime.now(timezone.utc)
        conn.execute(Article.__table__.insert(), at_0001(Article, [mapping.article_row(article, now)]))
        conn.execute(Figure.__table__.insert(), at_0001(Figure, [mapping.figure_row(records.figure(article, 0)),
                                                                 mapping.figure_row(records.figure(article, 10))]))
        conn.execute(Event.__table__.insert(), at_0001(Event, [mapping.event_row(records.event(article, 20))]))
    try:
        for step in ("head", "0001", "head"):
            if step == "head":
                upgrade(engine)
            else:
                config = _alembic_config()
                with engine.begin() as conn:
                    config.attributes["connection"] = conn
                    command.downgrade(config, step)
            with engine.connect() as conn:
                assert {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in rows} == rows
        check_schema(engine)
        # at head the writer upserts on (article_id, id): a redelivered figure updates, adds nothing
        RecordWriter(engine).write([records.figure(article, 0, extractor_version="1.0")])
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM figures")).scalar_one() == 2
    finally:
        engine.dispose()
