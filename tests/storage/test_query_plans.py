"""Every lookup the sink and replay make while writing is an index search, never a table scan.

A scan makes each batch slower as the database grows: a ``(article_id, version) IN (...)`` list,
which SQLite answers by scanning, took the writer from 3 to 25 ms an article over 20,000 articles
(``benchmarks/writer_growth.py``). SQLite's EXPLAIN QUERY PLAN says which it is.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

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
