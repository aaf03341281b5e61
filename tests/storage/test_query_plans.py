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

# sqlite_master is the schema, whose size the data does not change (the writer asks it once for a table)
SCAN_OF_A_TABLE = re.compile(r"^SCAN (?!(\d+ )?CONSTANT ROWS|sqlite_master)\w+")


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
# A category or type has an index in the listing order of its own (migration 0011): before it, SQLite
# sorted every event of the type for a page (3.7 s for the 100 newest attacks of 20 million events).
LISTINGS = {  # name -> (call, may sort what the index found: a filter on another indexed column)
    "figures": (lambda q, e: q.list_figures(e), False),
    "figures since": (lambda q, e: q.list_figures(e, since=datetime(2026, 3, 1, tzinfo=timezone.utc)), False),
    "figures of a category": (lambda q, e: q.list_figures(e, category="killed"), False),
    "events": (lambda q, e: q.list_events(e), False),
    "events until": (lambda q, e: q.list_events(e, until=datetime(2026, 3, 9, tzinfo=timezone.utc)), False),
    "events of a type": (lambda q, e: q.list_events(e, type="attack"), False),
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


# The web interface's and the API's lists (storage.browse), every statement a call makes (the page, the
# rows with an undated key read apart, the articles of the page). On PostgreSQL a page of a million
# figures must stop after the page: no table scan and no sort of what was found, whatever the filter
# (unlike the CLI's LISTINGS above, a filter on category or type still reads the listing index in order;
# the sort that replaced it cost 1.7 s a page of ``/figures?category=killed`` on 1,000,000 figures in
# ``make bench-web``). SQLite, without statistics, answers an equality on another indexed column from
# that column's index and sorts what it found: allowed there (``sqlite_may_sort``), never a table scan.
# A substring term that few rows hold ("rare") is read on SQLite by the rowids its FTS5 search table
# gives, and those few rows sorted (``storage.substring``); a common one walks the listing in order.
MARCH_2 = datetime(2026, 3, 2, tzinfo=timezone.utc)
BROWSE = {  # name -> (call, sqlite_may_sort)
    "figures": (lambda b, e: b.browse_figures(e), False),
    "figures of a category since": (lambda b, e: b.browse_figures(e, category="killed", since=MARCH_2), False),
    "figures by source, text, place": (lambda b, e: b.browse_figures(e, source="offic", text="killed", place="spring"),
                                       False),
    "figures by a rare source, text, place": (lambda b, e: b.browse_figures(e, source="offic", text="killed",
                                                                            place="spring"), True),
    "figures of a site": (lambda b, e: b.browse_figures(e, site="news"), False),
    "figures after a cursor": (lambda b, e: b.browse_figures(e, after=[MARCH_2, "0" * 64, 3, "f" * 64]), False),
    "figures after an undated cursor": (lambda b, e: b.browse_figures(e, after=[None, "0" * 64, 3, "f" * 64]), False),
    "events": (lambda b, e: b.browse_events(e), False),
    "events of a type and place": (lambda b, e: b.browse_events(e, type="attack", place="spring"), False),
    "events of a type and a rare place": (lambda b, e: b.browse_events(e, type="attack", place="spring"), True),
    "events after a cursor": (lambda b, e: b.browse_events(e, after=[MARCH_2, "0" * 64, 3, "f" * 64]), False),
    "articles": (lambda b, e: b.browse_articles(e), False),
    "dead letters": (lambda b, e: b.browse_dead_letters(e), False),
}


@pytest.mark.parametrize("listing", BROWSE)
def test_the_web_lists_read_an_index_in_their_order(engine, records, listing, monkeypatch):
    from newswire.storage import browse, substring

    call, sqlite_may_sort = BROWSE[listing]
    if "rare" not in listing:  # every term here is common: SQLite walks the listing (storage.substring)
        monkeypatch.setattr(substring, "RARE_ROWS", 1)
    articles = [records.article() for _ in range(4)]
    undated = records.article(published_at=None)
    batch = [*articles, undated, *(records.figure(a, 0) for a in [*articles, undated]),
             *(records.event(a, 20) for a in [*articles, undated]), records.dead_letter()]
    RecordWriter(engine).write(batch)
    seen: list[tuple[str, dict]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def note(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    call(browse, engine)
    event.remove(engine, "before_cursor_execute", note)
    assert seen
    problems = []
    with engine.connect() as conn:
        for statement, parameters in seen:
            if engine.dialect.name == "postgresql":
                conn.exec_driver_sql("SET enable_seqscan = off")
                conn.exec_driver_sql("SET enable_sort = off")
                plan = [row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
                problems += [(step, statement) for step in plan if PG_TABLE_SCAN.search(step) or PG_SORT.match(step)]
            else:
                plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
                problems += [(step, statement) for step in plan if SQLITE_TABLE_SCAN.match(step)
                             or (step == "USE TEMP B-TREE FOR ORDER BY" and not sqlite_may_sort)]
    assert not problems, problems


# The story list and a story's page (storage.browse). A story's rows are read by the story's key in each
# table (members, their articles and events, observations): never a table scan, whatever the story's
# size; the few rows found may be sorted. The story search matches titles as substrings: on PostgreSQL a
# trigram index (migration 0008) finds them and the join to the story reads ``ix_story_articles_article_story``
# (the scan of 100,000 titles and of the 200 MB placements took 150 to 290 ms in ``make bench-web``);
# SQLite has no such index and reads the articles' titles, but not the placements.
def _a_story(engine, records) -> str:
    from newswire.storage import stories

    articles = [records.article() for _ in range(3)]
    figures = {a.article_id: records.figure(a, 0) for a in articles}
    RecordWriter(engine).write([*articles, *figures.values(), *(records.event(a, 20) for a in articles)])
    story_id = "5" * 64
    placements = [{"article_id": a.article_id, "story_id": story_id, "duplicate_of": None, "similarity": None,
                   "seen_at": a.published_at, "outlet": a.site, "figures": []} for a in articles]
    observations = [{"observation_id": f"{i}" * 64, "series_id": "6" * 64, "story_id": story_id,
                     "category": "killed", "source": "police", "basis": "cumulative", "place": None,
                     "value": float(10 + i), "value_max": None, "as_of": a.published_at.date().isoformat(),
                     "anchor_date": None, "qualifier": None, "reported_at": a.published_at,
                     "article_id": a.article_id, "sentence": "x", "start": 0, "end": 2, "article_ids": [a.article_id],
                     "outlets": [a.site], "figure_ids": [figures[a.article_id].figure_id]}
                    for i, a in enumerate(articles)]
    story = {"story_id": story_id, "title": articles[0].title, "first_seen_at": articles[0].published_at,
             "last_seen_at": articles[-1].published_at, "articles": 3, "outlets": [], "places": [], "state": {}}
    stories.write_batch(engine, placements, [story], observations)
    return story_id


def _plans(engine, statements: list[tuple[str, dict]]) -> list[tuple[str, str]]:
    """Every step of the statements' plans that reads a whole table: (table, statement)."""
    found = []
    with engine.connect() as conn:
        for statement, parameters in statements:
            if engine.dialect.name == "postgresql":
                conn.exec_driver_sql("SET enable_seqscan = off")
                plan = [row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
                found += [(m.group(1), statement) for step in plan if (m := PG_TABLE_SCAN.search(step))]
            else:
                plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
                found += [(m.group(1), statement) for step in plan if (m := SQLITE_TABLE_SCAN.match(step))]
    return found


def _selects(engine, call) -> list[tuple[str, dict]]:
    seen: list[tuple[str, dict]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def note(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    call()
    event.remove(engine, "before_cursor_execute", note)
    return seen


def test_a_story_page_reads_its_rows_by_the_story_key(engine, records):
    from newswire.storage import story_reads

    story_id = _a_story(engine, records)
    found = {}
    seen = _selects(engine, lambda: found.update(story_reads.story_rows(engine, story_id)))
    assert len(found["members"]) == 3 and len(found["events"]) == 3 and len(found["observations"]) == 3
    assert len(seen) == 5  # story, members, articles, events, observations
    assert _plans(engine, seen) == []


def test_a_story_page_reads_its_latest_observations_from_the_index_in_order(engine, records):
    """A story's latest observations (its page, its JSON, its timeline) come from
    ``ix_observations_story_as_of`` (migration 0010) in their order: no sort of all of the story's
    (a big story's 1,850 sorted for its latest 500: 8.6 ms, 29 ms under load; from the index 0.8 ms).
    Ties of a date and report time are sorted among themselves only."""
    from newswire.storage import story_reads

    story_id = _a_story(engine, records)
    for full in (False, True):
        seen = _selects(engine, lambda: story_reads.story_rows(engine, story_id, full=full))
        statement, parameters = next(s for s in seen if "FROM observations" in s[0])
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                conn.exec_driver_sql("SET enable_sort = off")  # what a table this small would still do
                conn.exec_driver_sql("SET enable_bitmapscan = off")
                plan = [row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
                assert any("Index Scan Backward using ix_observations_story_as_of" in step for step in plan), plan
                assert not any(PG_SORT.match(step) for step in plan), plan
            else:
                plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
                assert any("USING INDEX ix_observations_story_as_of" in step for step in plan), plan
                assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_the_story_search_reads_the_stories_titles_column_alone(engine, records):
    """The search is one filter on ``stories.titles`` (migration 0010): no article title and no placement
    is read (joining every matching article title to the placements took 74 to 160 ms in ``make
    bench-web``, where this takes 2 ms); on PostgreSQL a rare term is found by the trigram index."""
    from newswire.storage import story_reads

    story_id = _a_story(engine, records)
    with engine.connect() as conn:  # the latest member's title: not the story's own (the first member's)
        title = conn.exec_driver_sql("SELECT a.title FROM articles a JOIN story_articles p ON p.article_id = "
                                     "a.article_id ORDER BY p.seen_at DESC LIMIT 1").scalar_one()
    rows = []
    seen = _selects(engine, lambda: rows.extend(story_reads.browse_stories(engine, text=title.upper())[0]))
    assert [r["story_id"] for r in rows] == [story_id] and len(seen) == 1
    assert story_reads.browse_stories(engine, text=title + " and more")[0] == []
    statement = seen[0][0]
    assert "articles" not in statement.replace("stories.articles", "") and "story_articles" not in statement
    assert _plans(engine, seen) == []  # SQLite walks the stories by last_seen_at, filtering their titles
    if engine.dialect.name == "postgresql":  # not a walk of another index with the titles as a filter
        with engine.connect() as conn:
            conn.exec_driver_sql("SET enable_seqscan = off")
            conn.exec_driver_sql("SET enable_indexscan = off")  # the tiny table's last_seen_at walk is priced out
            plan = "\n".join(row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, seen[0][1]))
        assert "ix_stories_titles_trgm" in plan, plan
