from __future__ import annotations

from datetime import timezone

from sqlalchemy import select

from newswire.storage.mapping import dead_letter_id
from newswire.storage.models import Article, DeadLetter, Event, Extraction, Figure
from newswire.storage.queries import count_rows
from newswire.storage.writer import RecordWriter, is_older, version_key


def rows(engine, model):
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(model.__table__))]


def test_version_order():
    assert version_key("1.10.0") > version_key("1.9")
    assert version_key("1.0") == version_key("1") == version_key("1.0.0")
    assert is_older("figures-0.9", "figures-1.0") and not is_older("2", "1.5")


def test_same_batch_twice_stores_each_thing_once(engine, records):
    articles = [records.article() for _ in range(5)]
    batch = [*articles]
    for article in articles:
        batch += [records.figure(article, 0), records.figure(article, 10), records.event(article, 20),
                  records.extraction(article, figures=2, events=1)]
    batch += [records.dead_letter(offset=1), records.dead_letter(offset=None, url="https://x.example/a")]
    writer = RecordWriter(engine)

    first = writer.write(batch)
    assert (first.articles, first.figures, first.events, first.extractions, first.dead_letters) == (5, 10, 5, 5, 2)
    second = writer.write(batch)
    assert second.articles == 0 and second.dead_letters == 0  # nothing new
    writer.write(batch + batch)  # duplicates inside one batch, too
    assert count_rows(engine) == {"articles": 5, "figures": 10, "events": 5, "extractions": 5,
                                  "dead_letters": 2, "feeds": 0}


def test_rows_hold_every_field_with_aware_utc_times(engine, records):
    article = records.article(text="Nul\x00char: 12 killed")
    figure = records.figure(article, 11, end=13)
    event = records.event(article)
    dead = records.dead_letter()
    RecordWriter(engine).write([article, figure, event, dead])

    [row] = rows(engine, Article)
    assert row["text"] == "Nul\ufffdchar: 12 killed"
    assert row["published_at"] == article.published_at and row["published_at"].tzinfo is not None
    assert row["stored_at"].utcoffset() == timezone.utc.utcoffset(None)
    for name in ("article_id", "version", "url", "canonical_url", "feed_url", "guid", "title", "content_hash",
                 "fetched_at", "replayed"):
        assert row[name] == getattr(article, name), name
    [frow] = rows(engine, Figure)
    assert {k: frow[k] for k in frow} == {k: getattr(figure, k) for k in frow if k not in ("sentence", "country_code")} | {
        "sentence": figure.sentence.replace("\x00", "\ufffd"), "country_code": None}
    [erow] = rows(engine, Event)
    assert erow["actors"] == ["rebels", "army"] and erow["end"] == event.end
    [drow] = rows(engine, DeadLetter)
    assert drow["id"] == dead_letter_id(dead) and drow["source_offset"] == 7 and drow["failed_at"] == dead.failed_at


def test_a_newer_extraction_replaces_older_results(engine, records):
    article = records.article()
    writer = RecordWriter(engine)
    writer.write([article, records.figure(article, 0), records.figure(article, 10), records.event(article, 20),
                  records.extraction(article, "1.0", figures=2, events=1)])
    # v1.2 finds the figure at 0 again (same id: updated), loses the one at 10 and the event.
    counts = writer.write([records.figure(article, 0, "1.2", value=99.0), records.extraction(article, "1.2", 1, 0)])
    assert counts.replaced == 2
    [figure] = rows(engine, Figure)
    assert (figure["start"], figure["extractor_version"], figure["value"]) == (0, "1.2", 99.0)
    assert rows(engine, Event) == []
    assert rows(engine, Extraction)[0]["extractor_version"] == "1.2"


def test_extraction_first_then_results_in_any_order(engine, records):
    article = records.article()
    writer = RecordWriter(engine)
    writer.write([records.figure(article, 0, "1.0"), records.figure(article, 10, "1.0")])
    writer.write([records.extraction(article, "2.0", figures=1)])  # arrives before its figures
    assert rows(engine, Figure) == []
    writer.write([records.figure(article, 5, "2.0")])
    assert [f["start"] for f in rows(engine, Figure)] == [5]


def test_an_older_extraction_or_late_stale_results_change_nothing(engine, records):
    article = records.article()
    other = records.article()
    writer = RecordWriter(engine)
    writer.write([records.figure(article, 0, "2.0"), records.extraction(article, "2.0", figures=1),
                  records.figure(other, 0, "1.0")])
    counts = writer.write([records.extraction(article, "1.0", figures=2), records.figure(article, 10, "1.0"),
                           records.figure(article, 0, "1.0", value=-1.0)])
    assert counts.stale == 3
    [figure] = [f for f in rows(engine, Figure) if f["article_id"] == article.article_id]
    assert (figure["extractor_version"], figure["value"]) == ("2.0", 3.0)
    assert rows(engine, Extraction)[0]["extractor_version"] == "2.0"
    # Other articles (and other versions of this one) are untouched by its extraction.
    assert len(rows(engine, Figure)) == 2


def test_extraction_only_touches_its_own_article_version(engine, records):
    v1 = records.article(n=500, version=1)
    v2 = records.article(n=500, version=2, text="Updated: 40 killed.")
    writer = RecordWriter(engine)
    writer.write([v1, records.figure(v1, 0, "1.0"), v2, records.figure(v2, 0, "1.0")])
    writer.write([records.extraction(v2, "1.1")])
    assert [(f["article_version"], f["extractor_version"]) for f in rows(engine, Figure)] == [(1, "1.0")]


def test_large_batches_are_chunked(engine, records):
    article = records.article(text="x" * 5000)
    figures = [records.figure(article, i, end=i + 1) for i in range(2500)]
    counts = RecordWriter(engine).write([article, *figures])
    assert counts.figures == 2500
    assert count_rows(engine)["figures"] == 2500


def test_places_and_actors_are_stored_and_read_back(engine, records):
    article = records.article(text="Rebels attacked Gondar; 12 killed.")
    place = {"name": "Gondar", "country_code": "ET", "lat": 12.6, "lon": 37.47, "gazetteer_id": "geonames:334227"}
    actor = {"name": "rebels", "kind": "group", "role": None, "country_code": None, "relation": "agent"}
    figure = records.figure(article, 24, end=26, location="Gondar", place=place)
    event = records.event(article, 7, end=15, location="Gondar", place=place, actors=["rebels"], actor_details=[actor])
    bare = records.event(article, 0, end=6)   # a record of an extractor without places: columns stay empty
    RecordWriter(engine).write([article, figure, event, bare])

    [frow] = rows(engine, Figure)
    assert (frow["location"], frow["place"], frow["country_code"]) == ("Gondar", place, "ET")
    erows = {r["start"]: r for r in rows(engine, Event)}
    assert (erows[7]["place"], erows[7]["country_code"], erows[7]["actor_details"]) == (place, "ET", [actor])
    assert (erows[0]["place"], erows[0]["country_code"], erows[0]["actor_details"]) == (None, None, [])
