"""Substring filters (``text=``, ``source=``, ``place=``) give the rows a plain ``ILIKE`` gives, by whichever
plan ``storage.substring`` picks, and the search labels (migration 0012) and sentences (0013) follow every
write."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import event, inspect

from newswire.storage import browse, queries, substring
from newswire.storage.db import _alembic_config, make_engine, upgrade
from newswire.storage.models import SENTENCE_ARTICLES, SUBSTRING_INDEXES
from newswire.storage.writer import RecordWriter

SENTENCES = ["Rescuers reached the village of Harrowgate after the flood.",
             "Officials said 40 people were killed in the storm.",
             "The ministry counted 12 new cases of cholera in Østfold.",
             "Prices rose 3% in the year to October, the office said.",
             "At least 9 people died when a bus fell into a ravine near ÉVORA."]
SOURCES = ["the Red Crescent", "officials", "the health ministry", "the statistics office", None]
PLACES = ["Harrowgate", "Springfield", "Østfold", None, "Évora"]
TERMS = ["harrowgate", "HARROW", "red cres", "officials said", "cholera", "østfold", "Østfold", "ÉVORA", "évora", "zzzz-none",
         "no such place", "3%", "40_", "a", "ok", "office", "the"]


def _seed(engine, records, copies: int = 6):
    """``copies`` articles of each sentence, each with one figure and one event on it."""
    batch = []
    for n in range(copies * len(SENTENCES)):
        i = n % len(SENTENCES)
        article = records.article(text=SENTENCES[i])
        batch += [article, records.figure(article, 0, sentence=SENTENCES[i], source=SOURCES[i]),
                  records.event(article, 10, sentence=SENTENCES[i], location=PLACES[i]),
                  records.extraction(article, figures=1, events=1)]
    RecordWriter(engine).write(batch)


def _reads(engine) -> dict[str, list]:
    """Every substring filter of the web lists and the CLI, for every term: the ids each gives."""
    found: dict[str, list] = {}
    for term in TERMS:
        found[f"figures text {term}"] = [r["figure_id"] for r in browse.browse_figures(engine, text=term, limit=500)[0]]
        found[f"figures source {term}"] = [r["figure_id"] for r in browse.browse_figures(engine, source=term, limit=500)[0]]
        found[f"figures place {term}"] = [r["figure_id"] for r in browse.browse_figures(engine, place=term, limit=500)[0]]
        found[f"events place {term}"] = [r["event_id"] for r in browse.browse_events(engine, place=term, limit=500)[0]]
        found[f"events text {term}"] = [r["event_id"] for r in browse.browse_events(engine, text=term, limit=500)[0]]
        found[f"cli figures {term}"] = [r["figure_id"] for r in queries.list_figures(engine, text=term, source=term[:3])]
        found[f"cli events {term}"] = [r["event_id"] for r in queries.list_events(engine, text=term)]
    return found


def test_every_plan_gives_what_the_plain_filter_gives(engine, records, monkeypatch):
    _seed(engine, records)
    chosen = _reads(engine)  # rare terms by the search table on SQLite (fewer than 1,000 rows hold any)
    assert chosen["figures text harrowgate"] and chosen["events place Østfold"] and chosen["figures source red cres"]
    assert not chosen["figures text zzzz-none"] and not chosen["figures place no such place"]
    monkeypatch.setattr(substring, "RARE_ROWS", 2)  # every term common: the listing walk with ILIKE
    walked = _reads(engine)
    monkeypatch.setattr(substring, "candidate_rowids", lambda conn, column, term: None)
    monkeypatch.setattr(substring, "candidate_articles", lambda conn, term: None)
    plain = _reads(engine)
    assert chosen == plain
    assert walked == plain


def test_the_search_follows_upserts_and_deletes(engine, records):
    writer = RecordWriter(engine)
    article = records.article(text="A ferry capsized off Quillon with 80 people aboard.")
    figure = records.figure(article, 0, sentence=article.text, source="the coast guard")
    event = records.event(article, 10, sentence=article.text, location="Quillon")
    writer.write([article, figure, event, records.extraction(article, figures=1, events=1)])
    assert browse.browse_figures(engine, text="quillon")[0] and browse.browse_events(engine, place="quillon")[0]

    # the same figure and event stored again with other words (an upsert): the old words find nothing
    writer.write([figure.model_copy(update={"sentence": "A ferry sank off Marrowby.", "source": "port officials"}),
                  event.model_copy(update={"sentence": "A ferry sank off Marrowby.", "location": "Marrowby"})])
    assert [r["figure_id"] for r in browse.browse_figures(engine, text="marrowby")[0]] == [figure.figure_id]
    assert [r["figure_id"] for r in browse.browse_figures(engine, source="port off")[0]] == [figure.figure_id]
    assert not browse.browse_figures(engine, text="quillon")[0]
    assert not browse.browse_figures(engine, source="coast guard")[0]
    assert [r["event_id"] for r in browse.browse_events(engine, place="marrowby")[0]] == [event.event_id]
    assert not browse.browse_events(engine, place="quillon")[0]

    # a newer extractor's results replace the old rows (deleted): the search finds only the new ones
    newer = records.figure(article, 2, extractor_version="9.0", sentence="The toll rose to 12 near Quillon.")
    writer.write([newer, records.extraction(article, extractor_version="9.0", figures=1, events=0)])
    assert [r["figure_id"] for r in browse.browse_figures(engine, text="quillon")[0]] == [newer.figure_id]
    assert not browse.browse_figures(engine, text="marrowby")[0]
    assert not browse.browse_events(engine, place="marrowby")[0]


def test_a_rare_term_is_read_by_its_index_and_a_common_one_by_the_listing(engine, records):
    if engine.dialect.name == "postgresql":
        _planner_chooses_by_the_statistics(engine, records)
        return
    _seed(engine, records, copies=2)
    seen: list[tuple[str, tuple]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    rows, _ = browse.browse_figures(engine, source="red cres")
    event.remove(engine, "before_cursor_execute", note)
    assert len(rows) == 2
    page = [(s, p) for s, p in seen if "ORDER BY" in s]
    with engine.connect() as conn:
        plan = [row[-1] for s, p in page for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + s, p)]
    assert any(step.startswith("SEARCH figures USING INTEGER PRIMARY KEY (rowid=?)") for step in plan), plan
    assert not any("ix_figures_listing" in step for step in plan), plan

    # a sentence's rare term: its articles from the sentence table, their rows by the primary key
    for call, table in ((lambda: browse.browse_figures(engine, text="Cholera in Øst"), "figures"),
                        (lambda: browse.browse_events(engine, text="Cholera in Øst"), "events"),
                        (lambda: queries.list_figures(engine, text="Cholera in Øst"), "figures")):
        seen.clear()
        event.listen(engine, "before_cursor_execute", note)
        rows = call()
        event.remove(engine, "before_cursor_execute", note)
        assert len(rows if isinstance(rows, list) else rows[0]) == 2
        statement, parameters = next((s, p) for s, p in seen if "ORDER BY" in s)
        with engine.connect() as conn:
            plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
        assert any(step.startswith(f"SEARCH {table} USING INDEX sqlite_autoindex_{table}_1 (article_id=?)")
                   for step in plan), plan
        assert not any("_listing" in step for step in plan), plan


def test_a_sentence_is_indexed_once_however_often_it_is_written(engine, records):
    article = records.article(text="Floodwater reached the roofs in Tarnby on Monday.")
    figure = records.figure(article, 0, sentence=article.text)
    batch = [article, figure, records.event(article, 10, sentence=article.text),
             records.figure(article, 20, sentence="A second sentence about Tarnby."),
             records.extraction(article, figures=2, events=1)]
    writer = RecordWriter(engine)
    writer.write(batch)
    writer.write(batch)  # redelivered
    writer.write([figure.model_copy(update={"sentence": "Floodwater reached Tarnby's roofs."})])
    assert [r["figure_id"] for r in browse.browse_figures(engine, text="TARNBY'S")[0]] == [figure.figure_id]
    assert not browse.browse_figures(engine, text="tarnby on sunday")[0]
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":  # PostgreSQL's trigram index follows the rows itself
            assert substring.candidate_articles(conn, "TARNBY'S") is None
            return
        stored = conn.exec_driver_sql(f"SELECT article_id FROM {SENTENCE_ARTICLES}").scalars().all()
        assert stored == [article.article_id] * 3
        assert substring.candidate_articles(conn, "TARNBY'S") == [article.article_id]
        assert substring.candidate_articles(conn, "tarnby on sunday") == []


def _planner_chooses_by_the_statistics(engine, records):
    """PostgreSQL: 20,000 figures and events, analysed; a term no row holds is looked up in each column's
    trigram index, a term most rows hold walks the listing index (and stops after the page). On fewer
    rows the planner rightly reads the whole small table instead."""
    batch = []
    for n in range(50):
        article = records.article(text=f"{SENTENCES[n % 5]} Report {n}.")
        batch += [article, records.figure(article, 0, sentence=article.text, source=f"{SOURCES[n % 4]} {n}"),
                  records.event(article, 10, sentence=article.text, location=f"{PLACES[n % 3]} {n}")]
    RecordWriter(engine).write(batch)
    with engine.begin() as conn:  # 400 copies of each row under new ids, with their own words
        for table, key, column in (("figures", "figure_id", "source"), ("events", "event_id", "location")):
            names = [c["name"] for c in inspect(conn).get_columns(table)]
            made = {key: f"{key} || '-' || n", column: f"{column} || ' ' || n", "sentence": "sentence || ' copy ' || n"}
            conn.exec_driver_sql(f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in names)}) "
                                 f"SELECT {', '.join(made.get(c, chr(34) + c + chr(34)) for c in names)} "
                                 f"FROM {table}, generate_series(1, 400) AS n")
    # as autovacuum would: new entries wait in a GIN index's pending list, which the planner prices as a scan
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE figures")
        conn.exec_driver_sql("VACUUM ANALYZE events")
    cases = {"ix_figures_sentence_trgm": lambda term: browse.browse_figures(engine, text=term),
             "ix_figures_source_trgm": lambda term: browse.browse_figures(engine, source=term),
             "ix_events_sentence_trgm": lambda term: browse.browse_events(engine, text=term),
             "ix_events_location_trgm": lambda term: browse.browse_events(engine, place=term)}
    for index, call in cases.items():
        rare = _plan_of(engine, lambda: call("qqzzx wobble"))
        assert index in rare, (index, rare)
        common = _plan_of(engine, lambda: call("re"))
        assert index not in common and "_listing" in common, (index, common)


def _plan_of(engine, call) -> str:
    """The plan of the page's statement (the first one with an ORDER BY) ``call`` makes."""
    seen: list[tuple[str, dict]] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", note)
    call()
    event.remove(engine, "before_cursor_execute", note)
    statement, parameters = next((s, p) for s, p in seen if "ORDER BY" in s)
    with engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")  # as on a large table: an index or the listing
        return "\n".join(row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters))


def _downgrade(engine, revision: str) -> None:
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


def test_a_database_with_rows_gets_them_searchable_by_the_migration(database_url, records):
    upgrade(database_url, "0011_filtered_listings")
    engine = make_engine(database_url)
    try:
        article = records.article(text="Landslides cut the road to Vellmoor on Sunday.")
        RecordWriter(engine).write([article, records.figure(article, 0, sentence=article.text),
                                    records.event(article, 5, sentence=article.text, location="Vellmoor")])
        upgrade(engine)
        with engine.connect() as conn:  # the rows stored before the migration are in the sentence search
            found = substring.candidate_articles(conn, "vellmoor")
        assert found == ([article.article_id] if engine.dialect.name == "sqlite" else None)
        assert len(browse.browse_figures(engine, text="vellmoor")[0]) == 1
        assert len(browse.browse_events(engine, place="vellmoor")[0]) == 1
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names()) | {i["name"] for t in ("figures", "events")
                                                             for i in inspect(conn).get_indexes(t)}
        built = ({"search_labels", "search_labels_text", "ix_events_location", "search_sentences",
                  SENTENCE_ARTICLES} if engine.dialect.name == "sqlite"
                 else set(SUBSTRING_INDEXES))
        assert built <= names
        _downgrade(engine, "0011_filtered_listings")  # and back: no search table, trigger or index
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names()) | {i["name"] for t in ("figures", "events")
                                                             for i in inspect(conn).get_indexes(t)}
        assert not built & names
        later = records.article(text="Landslides cut the road to Vellmoor again.")
        RecordWriter(engine).write([later, records.figure(later, 0, sentence=later.text)])
        assert len(browse.browse_figures(engine, text="vellmoor")[0]) == 2
    finally:
        engine.dispose()


@pytest.mark.parametrize("term", ["ab\x00cd", "x" * 100_000, "Ø" * 5_000 + " harrowgate", "%%%___\\\\", "'; DROP TABLE figures; --"])
def test_a_hostile_term_finds_nothing_and_breaks_nothing(engine, records, term):
    _seed(engine, records, copies=1)
    assert browse.browse_figures(engine, source=term)[0] == []
    assert browse.browse_figures(engine, place=term)[0] == []
    assert browse.browse_events(engine, place=term, text=term)[0] == []
    assert len(browse.browse_figures(engine)[0]) == len(SENTENCES)  # the tables are as they were
