from __future__ import annotations

from datetime import timedelta

from newswire.storage.feedstore import SqlFeedStore
from newswire.storage.queries import count_rows, dead_letter_counts, list_dead_letters, list_events, list_figures
from newswire.storage.writer import RecordWriter


def test_queries_for_the_cli(engine, records):
    T0 = records.T0
    a = records.article(n=0, title="Quake", text="At least 12 people were killed in the 100% quake.")
    b = records.article(n=1, title="Vote")
    b2 = records.article(n=1, version=2, title="Vote (updated)", text="Officials said 51 percent voted.")
    orphan = records.article(n=2)  # its figure arrives, the article never does
    RecordWriter(engine).write([
        a, b, b2,
        records.figure(a, 9, end=11, category="killed", source="the Red Cross"),
        records.figure(b, 0, category="percent"),  # of version 1: superseded by version 2
        records.figure(b2, b2.text.index("51"), end=b2.text.index("51") + 2, category="percent", source="officials"),
        records.figure(orphan, 0, category="killed"),
        records.event(a, a.text.index("quake"), end=a.text.index("quake") + 5, type="quake"),
        records.event(b2, b2.text.index("voted"), end=b2.text.index("voted") + 5, type="vote"),
        records.dead_letter(offset=1), records.dead_letter(offset=2),
        records.dead_letter(offset=None, stage="ingest", reason="not_html", url="https://x.example/p"),
    ])
    SqlFeedStore(engine).add("https://news.example/feed.xml")

    assert count_rows(engine) == {"articles": 3, "figures": 4, "events": 2, "extractions": 0,
                                  "dead_letters": 3, "feeds": 1}

    figures = list_figures(engine)
    assert [(f["article_title"], f["text"]) for f in figures] == [
        (None, orphan.text[0:2]), ("Vote (updated)", "51"), ("Quake", "12")]  # newest publication first
    assert figures[1]["article_url"] == b2.url and figures[1]["published_at"].tzinfo is not None
    assert len(list_figures(engine, latest_only=False)) == 4
    assert [f["text"] for f in list_figures(engine, category="killed", source="red cross")] == ["12"]
    assert [f["text"] for f in list_figures(engine, text="100%")] == ["12"]  # % is literal, not a wildcard
    assert [f["text"] for f in list_figures(engine, since=T0 + timedelta(minutes=30), until=T0 + timedelta(hours=2))] == ["51"]
    assert len(list_figures(engine, limit=1)) == 1

    events = list_events(engine)
    assert [(e["type"], e["article_title"]) for e in events] == [("vote", "Vote (updated)"), ("quake", "Quake")]
    assert events[0]["actors"] == ["rebels", "army"]
    assert [e["type"] for e in list_events(engine, type="quake", text="QUAKE")] == ["quake"]
    assert list_events(engine, since=T0 + timedelta(days=1)) == []

    assert dead_letter_counts(engine) == {"bad_record": 2, "not_html": 1}
    assert [d["url"] for d in list_dead_letters(engine, reason="not_html")] == ["https://x.example/p"]
