"""The pages in a real headless Chromium (Debian's ``chromium``, driven by Playwright from PyPI with
``executable_path``: no browser is downloaded). .ci/run installs the package."""

from __future__ import annotations

import os
import shutil
import time
from datetime import timedelta

import pytest
from playwright.sync_api import expect, sync_playwright

from newswire.app.web.server import WebServer
from newswire.settings import Settings
from tests.app.web.conftest import NOW
from tests.app.web.test_hostile import HOSTILE, _hostile_newsroom

CHROMIUM = os.environ.get("NEWSWIRE_TEST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def chromium():
    assert CHROMIUM, "no chromium on PATH: apt-get install chromium (.ci/run does), or set NEWSWIRE_TEST_CHROMIUM"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def live_server(newsroom, database_url, tmp_path):
    with WebServer(Settings(database_url=database_url, data_dir=tmp_path, web_port=0), live_interval_s=0.3) as server:
        yield server


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.address)
    page = context.new_page()
    page.problems = []  # script dialogs, console errors (CSP violations among them), uncaught exceptions
    page.on("dialog", lambda d: (page.problems.append(f"dialog {d.message}"), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"pageerror {e}"))
    yield page
    context.close()


def test_feeds_page_lists_the_failing_feed_first_and_updates_live(page, newsroom):
    newsroom.feed("https://a-fine.example/rss", title="Fine", last_poll_at=NOW - timedelta(minutes=2))
    newsroom.feed("https://z-broken.example/rss", title="Broken", consecutive_errors=3, healthy=False,
                  last_error="HTTP 503 Service Unavailable", last_poll_at=NOW - timedelta(minutes=1))
    page.goto("/feeds")
    rows = page.locator("#feeds tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_class("failing")
    expect(rows.nth(0).locator("td.url")).to_have_text("https://z-broken.example/rss")
    expect(rows.nth(0).locator("td.state")).to_have_text("NO")
    assert rows.nth(0).evaluate("r => getComputedStyle(r.cells[0]).backgroundColor") != \
        rows.nth(1).evaluate("r => getComputedStyle(r.cells[0]).backgroundColor")  # a red row
    # the fine feed starts failing: without a reload it turns red and moves up
    newsroom.feed("https://a-fine.example/rss", title="Fine", consecutive_errors=9, healthy=False, last_error="DNS")
    expect(rows.nth(0).locator("td.url")).to_have_text("https://a-fine.example/rss", timeout=10_000)
    expect(rows.nth(0)).to_have_class("failing")
    assert page.problems == []


def test_a_new_article_appears_live(page, newsroom):
    first = newsroom.article(1, title="Already there")
    newsroom.write(first)
    page.goto("/")
    titles = page.locator("#latest-articles tbody tr td:nth-child(3)")
    expect(titles).to_have_text(["Already there"])
    expect(page.locator("[data-count=articles]")).to_have_text("1")
    newsroom.write(newsroom.article(2, title="Breaking: it just arrived", published_at=NOW))
    expect(titles.first).to_have_text("Breaking: it just arrived", timeout=10_000)
    expect(page.locator("[data-count=articles]")).to_have_text("2", timeout=10_000)
    page.locator("#latest-articles tbody a").first.click()
    expect(page.locator("h1")).to_have_text("Breaking: it just arrived")
    assert page.problems == []


def test_hostile_strings_render_as_text_in_the_browser(page, newsroom):
    articles = _hostile_newsroom(newsroom)
    for path in ["/", "/feeds", "/figures", "/events", "/articles", *[f"/articles/{a.article_id}" for a in articles]]:
        page.goto(path)
        time.sleep(0.5)  # a live update or two runs (its rows are built from the API's strings)
        assert page.locator("img, iframe, object, embed, b, i, style").count() == 0, path
        assert page.evaluate("() => window.__xss === undefined"), path
        assert page.locator("script").count() == 1, path
    for evil, article in zip(HOSTILE, articles):
        page.goto(f"/articles/{article.article_id}")
        expect(page.locator("h1")).to_have_text(f"T{HOSTILE.index(evil)} {evil}")
        expect(page.locator(".meta .author")).to_have_text(evil)
        marks = page.locator("#article-text mark")
        expect(marks).to_have_text(["12", "killed"])  # the spans, highlighted in place
        assert page.locator("#article-text").text_content() == article.text
    page.goto("/articles")  # the live rows: hostile titles inserted by script stay text too
    expect(page.locator("#articles tbody tr")).to_have_count(len(HOSTILE))
    assert page.problems == []


def test_overview_draws_the_hourly_charts_without_script(chromium, live_server, newsroom):
    newsroom.write(*[newsroom.article(n % 5, url=f"https://n.example/{n}") for n in range(12)])
    context = chromium.new_context(base_url=live_server.address, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    charts = page.locator("figure.chart")
    expect(charts).to_have_count(3)
    bars = charts.nth(0).locator("rect.bar")
    expect(bars).to_have_count(48)
    heights = [float(h) for h in bars.evaluate_all("rs => rs.map(r => r.getAttribute('height'))")]
    assert sum(h > 0 for h in heights) == 5 and max(heights) == 78.0
    ticks = page.locator("figure.chart text.tick")
    expect(ticks).to_have_count(6)  # first and last hour of each chart
    # readable, as the story page's: the font as drawn (its size times the SVG's scale) 7.3 px before
    drawn = ticks.evaluate_all("ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)")
    assert all(11 <= size <= 16 for size in drawn), drawn
    for tick in ticks.all():
        assert tick.bounding_box()["height"] >= 11, tick.text_content()
    first, last = ticks.nth(0).bounding_box(), ticks.nth(1).bounding_box()
    assert first["x"] + first["width"] < last["x"]  # the two labels of a chart do not overlap
    context.close()


def test_a_new_figure_appears_live_on_the_figures_page(page, newsroom):
    page.goto("/figures")
    expect(page.locator("#figures tbody tr.empty")).to_have_count(1)
    article = newsroom.article(1, title="Flood <b>toll</b>", text="At least 31 people were killed by the flood.")
    newsroom.write(article, newsroom.records.figure(article, 9, end=11, category="killed", source="<i>police</i>",
                                                    sentence=article.text))
    row = page.locator("#figures tbody tr").first
    expect(row.locator("td").nth(1)).to_have_text("killed", timeout=10_000)
    expect(row.locator("td").nth(4)).to_have_text("<i>police</i>")
    expect(row.locator("td").nth(6)).to_have_text("Flood <b>toll</b>")
    assert page.locator("#figures i, #figures b").count() == 0
    expect(page.locator("#figures tbody tr.empty")).to_have_count(0)
    assert page.problems == []


def test_story_page_draws_a_chart_a_category_and_hovering_a_point_shows_its_sentence(page, newsroom):
    from sqlalchemy import select

    from newswire.storage.models import Observation, Story
    from newswire.app.web.render import UNCHARTED
    from tests.app.web.stories import HOSTILE_PLACE, HOSTILE_TITLE, store_stories

    store_stories(newsroom.engine)
    with newsroom.engine.connect() as conn:
        story_id = conn.execute(select(Story.story_id).order_by(Story.articles.desc()).limit(1)).scalar_one()
        observed = [dict(r._mapping) for r in conn.execute(select(Observation.__table__)
                                                            .where(Observation.story_id == story_id))]
    observed = [o for o in observed if o["reported_at"] is not None]
    categories = sorted({o["category"] for o in observed} - set(UNCHARTED))  # noise has a table, not a chart
    assert len(categories) >= 2
    page.goto(f"/stories/{story_id}")
    expect(page.locator("h1")).to_have_text(HOSTILE_TITLE)
    charts = page.locator("figure.chart.step")
    expect(charts).to_have_count(len(categories))
    for category in categories:
        chart = page.locator(f"figure.chart.step[data-category={category}]")
        rows = [o for o in observed if o["category"] == category]
        expect(chart.locator("path.line")).to_have_count(len({o["source"] for o in rows}))
        expect(chart.locator("circle.point")).to_have_count(len(rows))
        assert chart.locator("path.line").first.bounding_box()["width"] > 0  # drawn, not just present
    killed = page.locator("figure.chart.step[data-category=killed]")
    for tick in killed.locator("text.tick").all():  # the axis labels are readable: 4 px tall before
        assert tick.bounding_box()["height"] >= 11, tick.text_content()
    point = killed.locator("circle.point").last  # drawn last: on top of any point it overlaps
    point.hover()
    readout = killed.locator(".readout")
    title = point.locator("title").text_content()
    expect(readout).to_have_text(title)
    sentences = [o["sentence"] for o in observed if o["category"] == "killed"]
    assert any(s in readout.text_content() for s in sentences)
    expect(page.locator("#place-map text", has_text="Ostrel")).to_have_count(1)
    expect(page.locator("#place-map text").filter(has_text="tail")).to_have_text([HOSTILE_PLACE])
    assert page.locator("img, iframe, object, embed, b, i, style").count() == 0
    assert page.problems == []
