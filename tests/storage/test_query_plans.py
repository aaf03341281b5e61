"""Every lookup the sink and replay make while writing is an index search, never a table scan.

A scan makes each batch slower as the database grows: a ``(article_id, version) IN (...)`` list,
which SQLite answers by scanning, took the writer from 3 to 25 ms an article over 20,000 articles
(``benchmarks/writer_growth.py``). SQLite's EXPLAIN QUERY PLAN says which it is.
"""

from __future__ import annotations

import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import event

from newswire.storage.versions import stored_keys
from newswire.storage.db import open_database
from newswire.storage.writer import RecordWriter

SCAN_OF_A_TABLE = re.compile(r"^SCAN (?!(\d+ )?CONSTANT ROWS)\w+")


def test_writing_and_checking_what_is_stored_never_scans_a_table(records):
    engine = open_database(f"sqlite:///{Path(tempfile.mkdtemp()) / 'plans.db'}", upgrade=True)
    selects: list[tuple[str, tuple]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def note(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and not executemany:
            selects.append((statement, parameters))

    writer = RecordWriter(engine)
    articles = [records.article() for _ in range(3)]
    batch = [*articles]
    for article in articles:
        batch += [records.figure(article, 0), records.event(article, 20), records.extraction(article, figures=1, events=1)]
    writer.write(batch)
    newer = [records.extraction(article, figures=0, events=0, extractor_version="9.0") for article in articles]
    writer.write(newer)  # replaces older results: the delete path's lookups too
    stored_keys(engine, [(a.article_id, a.version) for a in articles])
    event.remove(engine, "before_cursor_execute", note)

    assert len(selects) >= 5
    scans = []
    with engine.connect() as conn:
        for statement, parameters in selects:
            plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            scans += [(statement, step) for step in plan if SCAN_OF_A_TABLE.match(step)]
    engine.dispose()
    assert not scans, scans


# The CLI's and the web pages' reads (storage.queries). PostgreSQL would scan tables this small whatever
# the indexes, so it is asked with sequential scans and sorts priced out: a plan that still has one
# means no index can serve the query. ``count_rows`` (``newswire status``) counts whole tables: left out.
LISTINGS = {  # name -> (call, may sort what the index found: a filter on another indexed column)
    "figures": (lambda q, e: q.list_figures(e), False),
    "figures since": (lambda q, e: q.list_figures(e, since=datetime(2026, 3, 1, tzinfo=timezone.utc)), False),
    "figures of a category": (lambda q, e: q.list_figures(e, category="killed"), True),
    "events": (lambda q, e: q.list_events(e), False),
    "events until": (lambda q, e: q.list_events(e, until=datetime(2026, 3, 9, tzinfo=timezone.utc)), False),
    "events of a type": (lambda q, e: q.list_events(e, type="attack"), True),
    "dead letters": (lambda q, e: q.list_dead_letters(e), False),
    "dead letters of a reason": (lambda q, e: q.list_dead_letters(e, reason="bad_html"), True),
}
PG_TABLE_SCAN = re.compile(r"Seq Scan on (\w+)")
PG_SORT = re.compile(r"^\s*(->\s*)?Sort\s+\(")  # a sort of everything found (not an Incremental Sort)
SQLITE_TABLE_SCAN = re.compile(r"^SCAN (\w+)$")  # no "USING ... INDEX": every row of the table


@pytest.mark.parametrize("listing", LISTINGS)
def test_the_listings_read_an_index_not_the_table(engine, records, listing):
    from newswire.storage import queries

    call, may_sort = LISTINGS[listing]
    articles = [records.article() for _ in range(4)]
    batch = [*articles, *(records.figure(a, 0) for a in articles), *(records.event(a, 20) for a in articles)]
    RecordWriter(engine).write(batch)
    seen: list[tuple[str, dict]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def note(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    call(queries, engine)
    event.remove(engine, "before_cursor_execute", note)
    assert len(seen) == 1
    statement, parameters = seen[0]
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SET enable_seqscan = off")
            conn.exec_driver_sql("SET enable_sort = off")
            plan = [row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
            scans = [step for step in plan if PG_TABLE_SCAN.search(step)]
            sorts = [step for step in plan if PG_SORT.match(step)]
        else:
            plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            scans = [step for step in plan if SQLITE_TABLE_SCAN.match(step)]
            sorts = [step for step in plan if step == "USE TEMP B-TREE FOR ORDER BY"]
    assert not scans, plan
    assert may_sort or not sorts, plan
