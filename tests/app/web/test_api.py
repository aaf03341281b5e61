"""The JSON API on a real SQLite file and a real PostgreSQL schema: lists, filters, cursors, the
article with its spans, feeds failing first, dead letters, counts per hour, downloads, and 4xx (never
500) for every bad parameter."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError, InternalError

from newswire.app.web import OPENAPI_PATH
from tests.app.web.conftest import NOW


OLD: list[str] = []  # the texts of the old article's two figures, in the API's order


def _fill(newsroom):
    """Three articles (one with a second version), figures and events on them, two feeds, dead letters."""
    a = newsroom.article(1, title="Quake", site="alpha.example",
                         text="At least 12 people were killed in the quake near Springfield, officials said.")
    b = newsroom.article(2, title="Vote", site="beta.example", text="Turnout was 51 percent after the vote.")
    b2 = newsroom.article(2, version=2, title="Vote (updated)", site="beta.example",
                          text="Turnout was 52 percent after the vote in Shelbyville.")
    c = newsroom.article(30, title="Old", site="alpha.example", text="Two were injured; 3 missing.")
    r = newsroom.records
    old_figures = [r.figure(c, 0, end=3, category="injured", source=None),
                   r.figure(c, c.text.index("3"), end=c.text.index("3") + 1, category="missing", source=None)]
    # figures of one publication time come by article, then by position in it (the listing index's order)
    OLD[:] = [f.text for f in sorted(old_figures, key=lambda f: f.start)]
    newsroom.write(
        a, b, b2, c, *old_figures,
        r.figure(a, a.text.index("12"), end=a.text.index("12") + 2, category="killed", source="officials"),
        r.figure(b, b.text.index("51"), end=b.text.index("51") + 2, category="percent"),  # superseded by b2
        r.figure(b2, b2.text.index("52"), end=b2.text.index("52") + 2, category="percent", source="the commission"),
        r.event(a, a.text.index("quake"), end=a.text.index("quake") + 5, type="quake", location="Springfield"),
        r.event(b2, b2.text.index("vote"), end=b2.text.index("vote") + 4, type="vote", location="Shelbyville"),
        r.dead_letter(offset=1), r.dead_letter(offset=2),
        r.dead_letter(offset=None, stage="ingest", reason="not_html", url="https://x.example/p"),
    )
    newsroom.feed("https://news.example/feed.xml", title="News", last_poll_at=NOW - timedelta(minutes=3),
                  next_poll_at=NOW + timedelta(minutes=12))
    newsroom.feed("https://broken.example/rss", title="Broken", consecutive_errors=4, healthy=False,
                  last_error="HTTP 503", last_poll_at=NOW - timedelta(minutes=1))
    newsroom.feed("https://flaky.example/rss", consecutive_errors=1, last_error="timeout")
    return a, b2, c


def test_lists_filters_and_the_article(client, newsroom):
    a, b2, c = _fill(newsroom)

    figures = client.get("/api/v1/figures").json()
    assert [(f["article_title"], f["text"]) for f in figures["items"]] == [
        ("Quake", "12"), ("Vote (updated)", "52"), *[("Old", t) for t in OLD]]  # newest first; v1's 51 gone
    assert figures["next_cursor"] is None
    assert [f["text"] for f in client.get("/api/v1/figures?category=percent").json()["items"]] == ["52"]
    assert [f["text"] for f in client.get("/api/v1/figures?source=COMMISSION").json()["items"]] == ["52"]
    assert [f["text"] for f in client.get("/api/v1/figures?place=springf").json()["items"]] == ["12"]
    assert [f["text"] for f in client.get("/api/v1/figures?site=alpha").json()["items"]] == ["12", *OLD]
    assert [f["text"] for f in client.get("/api/v1/figures?text=injured").json()["items"]] == OLD
    since = (NOW - timedelta(hours=3)).isoformat()
    assert [f["text"] for f in client.get("/api/v1/figures", params={"since": since}).json()["items"]] == ["12", "52"]
    until = (NOW - timedelta(hours=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert [f["text"] for f in client.get("/api/v1/figures", params={"until": until}).json()["items"]] == OLD
    assert [f["text"] for f in client.get(f"/api/v1/figures?article={c.article_id}").json()["items"]] == OLD

    events = client.get("/api/v1/events").json()["items"]
    assert [(e["type"], e["location"], e["actors"]) for e in events] == [
        ("quake", "Springfield", ["rebels", "army"]), ("vote", "Shelbyville", ["rebels", "army"])]
    assert [e["type"] for e in client.get("/api/v1/events?place=shelby&type=vote").json()["items"]] == ["vote"]
    assert client.get("/api/v1/events?type=arrest").json()["items"] == []

    articles = client.get("/api/v1/articles").json()["items"]
    assert [(x["title"], x["version"]) for x in articles] == [("Quake", 1), ("Vote (updated)", 2), ("Old", 1)]
    assert "text" not in articles[0]
    assert [x["title"] for x in client.get("/api/v1/articles?text=vote").json()["items"]] == ["Vote (updated)"]

    one = client.get(f"/api/v1/articles/{a.article_id}").json()
    assert one["text"] == a.text and one["versions"] == [1]
    assert [(f["start"], f["end"], one["text"][f["start"]:f["end"]]) for f in one["figures"]] == [
        (a.text.index("12"), a.text.index("12") + 2, "12")]
    assert [one["text"][e["start"]:e["end"]] for e in one["events"]] == ["quake"]
    old = client.get(f"/api/v1/articles/{b2.article_id}?version=1").json()
    assert old["version"] == 1 and [f["text"] for f in old["figures"]] == ["51"] and old["versions"] == [1, 2]
    assert client.get(f"/api/v1/articles/{'0' * 64}").status_code == 404


def test_cursors_page_through_everything_once_even_as_rows_arrive(client, newsroom):
    articles = [newsroom.article(n, published_at=None if n % 7 == 0 else NOW - timedelta(minutes=n % 5))
                for n in range(23)]  # ties on published_at, and some without one
    newsroom.write(*articles, *[newsroom.records.figure(x, 0, end=5) for x in articles])
    seen, cursor, pages = [], None, 0
    while True:
        page = client.get("/api/v1/figures", params={"limit": 5, **({"cursor": cursor} if cursor else {})}).json()
        seen += [f["figure_id"] for f in page["items"]]
        pages += 1
        if pages == 2:  # a newer article arrives mid-read: it belongs before the cursor, so it does not shift pages
            late = newsroom.article(99, published_at=NOW)
            newsroom.write(late, newsroom.records.figure(late, 0, end=5))
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 23 and pages == 5
    whole = [f for f in client.get("/api/v1/figures?limit=500").json()["items"] if f["article_id"] != late.article_id]
    assert seen == [f["figure_id"] for f in whole]
    # figures without a publication time come last (the listing index's order), the others newest first
    dated = [f["published_at"] for f in whole[:19]]
    assert None not in dated and dated == sorted(dated, reverse=True)
    assert [f["published_at"] for f in whole[19:]] == [None] * 4
    # articles without a publication time come first, then newest first
    page = client.get("/api/v1/articles?limit=500").json()["items"]
    assert [x["published_at"] is None for x in page[:4]] == [True] * 4 and page[4]["published_at"] is not None


def test_feeds_failing_first_with_recent_articles(client, newsroom):
    _fill(newsroom)
    feeds = client.get("/api/v1/feeds").json()["items"]
    assert [(f["url"], f["working"], f["consecutive_errors"]) for f in feeds] == [
        ("https://broken.example/rss", False, 4), ("https://flaky.example/rss", False, 1),
        ("https://news.example/feed.xml", True, 0)]
    news = feeds[2]
    assert (news["articles_24h"], news["articles_7d"]) == (2, 3)  # first versions fetched 1 h, 2 h and 30 h ago
    assert feeds[0]["last_error"] == "HTTP 503" and news["next_poll_at"] is not None
    assert [f["url"] for f in client.get("/api/v1/feeds?failing=true").json()["items"]] == [
        "https://broken.example/rss", "https://flaky.example/rss"]
    first = client.get("/api/v1/feeds?limit=2").json()
    rest = client.get("/api/v1/feeds", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [f["url"] for f in first["items"] + rest["items"]] == [f["url"] for f in feeds] and rest["next_cursor"] is None


def test_dead_letters_overview_and_openapi(client, newsroom):
    _fill(newsroom)
    dead = client.get("/api/v1/deadletters").json()
    assert dead["by_reason"] == {"bad_record": 2, "not_html": 1}
    assert len(dead["items"]) == 3 and "payload" not in dead["items"][0]
    assert [d["url"] for d in client.get("/api/v1/deadletters?reason=not_html").json()["items"]] == ["https://x.example/p"]

    overview = client.get("/api/v1/overview").json()
    assert overview["rows"]["articles"] == 4 and overview["feeds"] == {"feeds": 3, "failing": 2}
    hour = lambda h: (NOW - timedelta(hours=h)).strftime("%Y-%m-%dT%H")  # noqa: E731
    assert overview["per_hour"]["articles"] == {hour(1): 1, hour(2): 1, hour(30): 1}  # first versions only
    assert overview["per_hour"]["figures"] == {hour(1): 1, hour(2): 2, hour(30): 2}
    assert overview["health"] == {"stages": {}, "sink_lag": None, "reporting": False}

    spec = client.get(OPENAPI_PATH).json()
    assert spec["openapi"].startswith("3.") and {"/api/v1/figures", "/api/v1/feeds", "/api/v1/overview",
                                                 "/api/v1/articles/{article_id}"} <= set(spec["paths"])
    assert not any(p.startswith("/articles") or p == "/" for p in spec["paths"])  # pages are not API


def test_pipeline_health_from_status_files(client, newsroom, tmp_path):
    import os

    import lxml.html

    from newswire.status import write_status

    write_status(tmp_path, "sink", {"articles_stored": 3, "lag": {"newswire.articles.v1": 5, "x": 2}})
    write_status(tmp_path, "storify", {"placed": 200, "failed": 0, "caught_up": False})
    stopped = tmp_path / "status" / "process-999999999.json"
    stopped.write_text(json.dumps({"stage": "process", "pid": 999999999, "updated_at": 0, "lag": {"0": 9}}))
    health = client.get("/api/v1/overview").json()["health"]
    assert health["sink_lag"] == 7 and health["stages"]["sink"]["up"] is True and health["stages"]["sink"]["lag"] == 7
    assert health["stages"]["sink"]["processes"][0]["pid"] == os.getpid()
    assert health["stages"]["process"] == {"up": False, "running": 0, "lag": None, "processes": [  # a stopped one's lag is not counted
        {"pid": 999999999, "state": "stopped", "updated_s_ago": health["stages"]["process"]["processes"][0]["updated_s_ago"]}]}
    # every stage `newswire run` starts, in their order, the stories stage too; one with no status file is down
    assert list(health["stages"]) == ["ingest", "process", "sink", "storify"]
    assert health["stages"]["ingest"] == {"up": False, "running": 0, "processes": [], "lag": None}
    assert health["stages"]["storify"]["up"] is True and health["stages"]["storify"]["caught_up"] is False
    rows = {tr.get("data-stage"): tr for tr in lxml.html.fromstring(client.get("/").text).xpath("//table[@class='health']//tr[@data-stage]")}
    assert list(rows) == ["ingest", "process", "sink", "storify"]
    cells = lambda stage: [td.text_content().strip() for td in rows[stage].xpath("td")]  # noqa: E731
    assert cells("storify")[:3] == ["storify", "up", "placing a backlog"] and rows["storify"].get("class") == "ok"
    assert cells("sink")[:3] == ["sink", "up", "7 records"]
    assert cells("ingest") == ["ingest", "down", "", "no process reporting"] and rows["ingest"].get("class") == "failing"
    write_status(tmp_path, "storify", {"placed": 250, "failed": 0, "caught_up": True})
    assert client.get("/api/v1/overview").json()["health"]["stages"]["storify"]["caught_up"] is True
    rows = lxml.html.fromstring(client.get("/").text).xpath("//tr[@data-stage='storify']/td[@class='lag']")
    assert [td.text_content() for td in rows] == ["caught up"]


def test_downloads_are_exactly_the_filtered_rows(client, newsroom):
    _fill(newsroom)
    for query in ("", "?site=alpha", "?category=percent&since=2000-01-01"):
        listed = client.get(f"/api/v1/figures{query}").json()["items"]
        jsonl = client.get(f"/api/v1/figures.jsonl{query}")
        assert jsonl.headers["content-type"].startswith("application/x-ndjson")
        got = [json.loads(line) for line in jsonl.text.splitlines()]
        assert got == listed
        rows = list(csv.DictReader(io.StringIO(client.get(f"/api/v1/figures.csv{query}").text)))
        assert [r["figure_id"] for r in rows] == [f["figure_id"] for f in listed]
    events = client.get("/api/v1/events.csv?type=quake").text
    assert list(csv.DictReader(io.StringIO(events)))[0]["actors"] == '["rebels", "army"]'
    assert client.get("/api/v1/events.xml").status_code == 404


def test_a_formula_in_a_csv_cell_stays_text(client, newsroom):
    a = newsroom.article(1, text="=HYPERLINK(1) and 5 more")
    newsroom.write(a, newsroom.records.figure(a, 0, end=5, source="=cmd|' /C calc'!A0", sentence=a.text))
    row = next(csv.DictReader(io.StringIO(client.get("/api/v1/figures.csv").text)))
    assert row["source"] == "'=cmd|' /C calc'!A0" and row["sentence"] == "'=HYPERLINK(1) and 5 more"
    assert json.loads(client.get("/api/v1/figures.jsonl").text)["source"] == "=cmd|' /C calc'!A0"  # JSON is data


def test_read_only(client, server, newsroom):
    _fill(newsroom)
    assert client.post("/api/v1/figures", json={}).status_code == 405
    assert client.delete("/api/v1/articles/" + "a" * 64).status_code == 405
    with server.app.state.engine.connect() as conn, pytest.raises((OperationalError, InternalError), match="read.only|readonly"):
        conn.execute(text("DELETE FROM figures"))
    assert client.get("/api/v1/overview").json()["rows"]["figures"] == 5


def test_security_headers_everywhere(client, newsroom):
    for path in ("/", "/feeds", "/api/v1/figures", "/static/style.css", "/api/v1/figures?since=x", "/nowhere"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp, path
        assert headers["x-content-type-options"] == "nosniff"


def test_event_pages_skip_superseded_versions_across_windows(client, newsroom):
    """Events of superseded versions are left out by the query itself: pages stay full and exact even
    when most rows in the listing order belong to superseded versions."""
    records, newest = [], set()
    for n in range(12):
        versions = [newsroom.article(n, version=v, published_at=NOW - timedelta(minutes=n)) for v in (1, 2, 3)]
        for article in versions:
            events = [newsroom.records.event(article, k * 7, end=k * 7 + 5) for k in range(2)]
            records += [article, *events]
            if article.version == 3:
                newest |= {e.event_id for e in events}
    newsroom.write(*records)
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/events", params={"limit": 5, **({"cursor": cursor} if cursor else {})}).json()
        assert len(page["items"]) == 5 or page["next_cursor"] is None
        seen += [e["event_id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 24 and set(seen) == newest
