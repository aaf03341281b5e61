"""Stories over the API and the pages, on SQLite and PostgreSQL: a story built by the real stories stage
over seeded articles (tests/app/web/stories.py), checked against the rows the stage wrote."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import lxml.html
import pytest
from sqlalchemy import select

from newswire.app.web.render import UNCHARTED
from newswire.processors.series import revisions
from newswire.storage import story_reads
from newswire.storage.models import Observation, Story, StoryArticle
from tests.app.web.conftest import NOW
from tests.app.web.stories import HOSTILE_PLACE, HOSTILE_SOURCE, HOSTILE_TITLE, store_stories
from tests.app.web.test_hostile import SCRIPT

pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def stored(newsroom):
    """The stage's rows: stories by id, placements by article, observations."""
    store_stories(newsroom.engine)
    with newsroom.engine.connect() as conn:
        stories = {r.story_id: r for r in conn.execute(select(Story.__table__))}
        placed = {r.article_id: r for r in conn.execute(select(StoryArticle.__table__))}
        observations = [dict(r._mapping) for r in conn.execute(select(Observation.__table__))]
    assert len(stories) >= 2 and len(placed) == 33 and observations
    return stories, placed, observations


def _biggest(stories):
    return max(stories.values(), key=lambda s: s.articles).story_id


def test_story_list_pages_searches_and_bounds_by_date(client, stored):
    stories, _, _ = stored
    seen, cursor = [], None
    while True:
        body = client.get("/api/v1/stories", params={"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        assert len(body["items"]) <= 1
        seen += [s["story_id"] for s in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(stories) and len(seen) == len(set(seen))
    order = sorted(stories.values(), key=lambda s: (s.last_seen_at, s.story_id), reverse=True)
    assert seen == [s.story_id for s in order]  # latest seen first

    strike = [s for s in stories.values() if "Dock" in (s.title or "")]
    found = client.get("/api/v1/stories", params={"text": "dock WORKERS"}).json()["items"]
    assert [s["story_id"] for s in found] == [s.story_id for s in strike]
    # a member's title matches too (the hostile title belongs to the flood story's first article)
    found = client.get("/api/v1/stories", params={"text": "<script>"}).json()["items"]
    assert [s["story_id"] for s in found] == [_biggest(stories)]

    newest = max(s.last_seen_at for s in stories.values())
    later = (newest.replace(tzinfo=None) + timedelta(seconds=1)).isoformat()
    assert client.get("/api/v1/stories", params={"since": later}).json()["items"] == []
    earliest = min(s.first_seen_at for s in stories.values())
    assert client.get("/api/v1/stories", params={"until": earliest.replace(tzinfo=None).isoformat()}).json()["items"] == []
    assert len(client.get("/api/v1/stories", params={"since": (NOW - timedelta(days=60)).isoformat()}).json()["items"]) \
        == len(stories)


def test_story_holds_every_article_copies_folded_events_places_and_series(client, stored):
    stories, placed, observations = stored
    story_id = _biggest(stories)
    body = client.get(f"/api/v1/stories/{story_id}").json()
    members = {a for a, p in placed.items() if p.story_id == story_id}
    tops = {a["article_id"] for a in body["articles"]}
    folded = {c["article_id"]: a["article_id"] for a in body["articles"] for c in a["copies"]}
    assert tops | set(folded) == members and not tops & set(folded)
    assert len(tops | set(folded)) == stories[story_id].articles == body["article_count"]
    for copy, original in folded.items():  # each copy sits under the article its chain of copies starts at
        root = placed[copy].duplicate_of
        while placed[root].duplicate_of:
            root = placed[root].duplicate_of
        assert root == original
    assert all(placed[a].duplicate_of is None for a in tops)
    assert folded and len({a["outlet"] for a in body["articles"]}) > 1

    events = body["events"]
    assert events and {e["article_id"] for e in events} <= members
    keys = [(e["date"] or e["published_at"][:10], e["published_at"]) for e in events]
    assert keys == sorted(keys)

    places = {p["name"]: p for p in body["places"]}
    assert places["Ostrel"]["lat"] == 47.41 and places["Ostrel"]["lon"] == 21.62
    assert HOSTILE_PLACE in places
    assert sum(p["events"] for p in body["places"]) == sum(1 for e in events if e["place"])

    mine = [o for o in observations if o["story_id"] == story_id]
    shape = {c: {s: len(rows) for s, rows in by.items()} for c, by in body["series"].items()}
    assert shape == {c: dict(Counter(o["source"] for o in mine if o["category"] == c))
                     for c in {o["category"] for o in mine}}
    assert HOSTILE_SOURCE in body["series"]["killed"]


def test_timeline_filters_by_category_and_source_and_marks_revisions(client, stored):
    stories, _, observations = stored
    story_id = _biggest(stories)
    mine = [o for o in observations if o["story_id"] == story_id]
    everything = client.get(f"/api/v1/stories/{story_id}/timeline").json()["items"]
    assert sorted(o["observation_id"] for o in everything) == sorted(o["observation_id"] for o in mine)
    killed = client.get(f"/api/v1/stories/{story_id}/timeline", params={"category": "killed"}).json()["items"]
    assert killed and {o["category"] for o in killed} == {"killed"}
    assert len(killed) == sum(o["category"] == "killed" for o in mine)
    red = client.get(f"/api/v1/stories/{story_id}/timeline", params={"category": "killed", "source": "RED"}).json()
    assert red["items"] and {o["source"] for o in red["items"]} == {"red crescent"}
    # revisions as the `timeline` command marks them, on the same rows
    by_id = {o["observation_id"]: o for o in mine}
    expected = dict(zip([o["observation_id"] for o in mine], revisions(mine)))
    assert {o["observation_id"]: o["revision"] for o in everything} == expected and set(by_id) == set(expected)
    assert any(expected.values())

    assert client.get(f"/api/v1/stories/{story_id}/timeline", params={"category": "goats"}).status_code == 422
    assert client.get("/api/v1/stories/" + "0" * 64).status_code == 404
    assert client.get("/api/v1/stories/not-an-id").status_code == 404
    assert client.get("/api/v1/stories/not-an-id/timeline").status_code == 404
    assert client.get("/stories/" + "0" * 64).status_code == 404


def test_story_page_draws_a_chart_a_category_a_map_and_hostile_strings_as_text(client, stored):
    stories, _, observations = stored
    story_id = _biggest(stories)
    response = client.get(f"/stories/{story_id}")
    assert response.status_code == 200
    html = response.text
    assert SCRIPT not in html and HOSTILE_SOURCE not in html and "<img" not in html
    doc = lxml.html.fromstring(html)
    assert doc.xpath("//script[not(@src)]") == [] and doc.xpath("//@*[starts-with(name(), 'on')]") == []
    assert doc.xpath("string(//h1)") == HOSTILE_TITLE
    assert f"· {stories[story_id].articles} articles from {len(stories[story_id].outlets)} outlets" in \
        " ".join(doc.xpath("string(//p[@class='meta'])").split())
    mine = [o for o in observations if o["story_id"] == story_id and o["reported_at"] is not None]
    charts = doc.xpath("//figure[contains(@class, 'step')]")
    # a chart a category, but for the noisy ones (counts of other things, durations): rows of a table
    assert sorted(c.get("data-category") for c in charts) == sorted({o["category"] for o in mine} - set(UNCHARTED))
    others = [o for o in mine if o["category"] in UNCHARTED]
    assert others, "the test story has observations of an uncharted category"
    assert sorted(r.get("data-category") for r in doc.xpath("//table[@id='other-figures']/tbody/tr")) == \
        sorted(o["category"] for o in others)
    for chart in charts:
        rows = [o for o in mine if o["category"] == chart.get("data-category")]
        assert len(chart.xpath(".//path")) == len({o["source"] for o in rows})
        assert len(chart.xpath(".//circle")) == len(rows)
    killed = next(c for c in charts if c.get("data-category") == "killed")
    assert HOSTILE_SOURCE in killed.xpath("string(.//p[@class='legend'])")
    labels = doc.xpath("//figure[@id='place-map']//text/text()")
    assert "Ostrel" in labels and HOSTILE_PLACE in labels
    assert len(doc.xpath("//ul[@id='story-articles']/li")) + len(doc.xpath("//li[@class='copy']")) \
        == stories[story_id].articles


def test_story_list_page_overview_and_article_links(client, stored):
    stories, placed, observations = stored
    story_id = _biggest(stories)
    doc = lxml.html.fromstring(client.get("/stories", params={"text": "dam"}).text)
    assert doc.xpath("//table[@id='stories']//a/@href") == [f"/stories/{story_id}"]
    assert HOSTILE_TITLE in doc.xpath("string(//table[@id='stories'])")

    overview = lxml.html.fromstring(client.get("/").text)
    active = overview.xpath("//table[@id='active-stories']//tbody/tr/@data-id")
    by_activity = sorted(stories.values(), key=lambda s: (-s.articles, -s.last_seen_at.timestamp()))
    assert active == [s.story_id for s in by_activity]
    assert [s["story_id"] for s in client.get("/api/v1/overview").json()["most_active_stories"]] == active

    # an article's figures link to their series in their story
    observed = next(o for o in observations if o["story_id"] == story_id and o["category"] == "killed")
    article_id = observed["article_id"]
    page = lxml.html.fromstring(client.get(f"/articles/{article_id}").text)
    links = page.xpath("//table[@id='article-figures']//a[@class='series']")
    assert links and all(a.get("href") == f"/stories/{story_id}#series-{a.getparent().getparent()[0].text}" for a in links)
    assert page.xpath("//a[@href=$h]", h=f"/stories/{story_id}")
    assert placed[article_id].story_id == story_id


def test_most_active_stories_leaves_out_stories_not_seen_lately(newsroom, stored):
    stories, _, _ = stored
    newest = max(s.last_seen_at for s in stories.values())
    assert story_reads.most_active_stories(newsroom.engine, since=newest + timedelta(seconds=1)) == []
    one = story_reads.most_active_stories(newsroom.engine, since=NOW - timedelta(days=60), limit=1)
    assert [s["story_id"] for s in one] == [_biggest(stories)]


def test_a_big_story_is_cut_to_its_latest_members_events_and_observations(client, stored, monkeypatch):
    stories, placed, observations = stored
    story_id = _biggest(stories)
    members = sorted((p for p in placed.values() if p.story_id == story_id), key=lambda p: (p.seen_at, p.article_id))
    mine = [o for o in observations if o["story_id"] == story_id]
    assert len(members) > 5 and len(mine) > 7
    monkeypatch.setattr(story_reads, "STORY_MEMBERS_MAX", 5)
    monkeypatch.setattr(story_reads, "STORY_EVENTS_MAX", 4)
    monkeypatch.setattr(story_reads, "STORY_OBSERVATIONS_MAX", 6)
    monkeypatch.setattr(story_reads, "STORY_TIMELINE_MAX", 7)
    body = client.get(f"/api/v1/stories/{story_id}").json()
    assert body["truncated"] == ["articles", "events", "observations"]
    assert body["article_count"] == stories[story_id].articles  # all of them, though 5 are shown
    shown = {a["article_id"] for a in body["articles"]} | {c["article_id"] for a in body["articles"] for c in a["copies"]}
    assert shown == {m.article_id for m in members[-5:]}
    assert len(body["events"]) == 4 and {e["article_id"] for e in body["events"]} <= shown
    latest = sorted(mine, key=lambda o: (o["as_of"], o["reported_at"], o["series_id"], o["value"], o["observation_id"]))
    got = [o for by_source in body["series"].values() for rows in by_source.values() for o in rows]
    assert {o["observation_id"] for o in got} == {o["observation_id"] for o in latest[-6:]}

    timeline = client.get(f"/api/v1/stories/{story_id}/timeline").json()
    assert timeline["truncated"] == ["observations"]
    assert [o["observation_id"] for o in timeline["items"]] == [o["observation_id"] for o in latest[-7:]]
    page = lxml.html.fromstring(client.get(f"/stories/{story_id}").text)
    assert "latest of its articles, events, observations" in page.get_element_by_id("truncated").text_content()
    assert {li.get("data-id") for li in page.get_element_by_id("story-articles").iter("li")} == shown
    # the page draws half as many observations as the JSON has (the latest), and as many events
    assert len(page.get_element_by_id("story-events").findall("li")) == 4
    drawn = {(p.get("data-category"), len(p.xpath(".//circle[contains(@class, 'point')]")))
             for p in page.xpath("//figure[contains(@class, 'step')]")}
    charted = [o for o in latest[-3:] if o["reported_at"] is not None and o["category"] not in UNCHARTED]
    assert sum(n for _, n in drawn) == len(charted)
