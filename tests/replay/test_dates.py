"""Where a replayed article's publication time comes from, and that it is never after the capture."""

from __future__ import annotations

from datetime import datetime, timezone

from newswire.ingest.clean import clean_article
from newswire.ingest.replay import ArchivedItem, choose_date, to_record
from newswire.app.bench.synthetic import make_page

CAPTURED = datetime(2014, 4, 2, 10, tzinfo=timezone.utc)
BODY = "<p>Flood waters receded across the valley on Wednesday as 1,200 residents returned home, officials said.</p>" * 3


def html(head: str = "", footer: str = "") -> str:
    return f"<html><head><title>Flood</title>{head}</head><body><article>{BODY}</article>{footer}</body></html>"


def test_a_footer_year_is_a_text_date_and_never_beats_the_capture_time():
    cleaned = clean_article(html(footer="<footer>Copyright 2013 Example Wire</footer>"), "https://news.example/a")
    assert cleaned.date_source == "text" and cleaned.published_at.year == 2013
    assert choose_date(None, cleaned, CAPTURED) == (CAPTURED, "capture")
    assert choose_date(None, cleaned, None) == (cleaned.published_at, "text")  # nothing better to go on


def test_a_link_date_in_the_text_does_not_beat_the_metadata():
    head = '<meta property="article:published_time" content="2014-03-30T06:00:00Z">'
    footer = '<p><a href="/old">Archive: 12 March 2008</a></p>'
    cleaned = clean_article(html(head, footer), "https://news.example/b")
    assert cleaned.date_source == "metadata"
    assert choose_date(None, cleaned, CAPTURED) == (datetime(2014, 3, 30, 6, tzinfo=timezone.utc), "metadata")


def test_published_at_is_never_after_the_capture():
    head = '<meta property="article:published_time" content="2014-05-30T06:00:00Z">'  # after the capture: wrong
    cleaned = clean_article(html(head), "https://news.example/c")
    assert choose_date(None, cleaned, CAPTURED) == (CAPTURED, "capture")
    assert choose_date(datetime(2015, 1, 1, tzinfo=timezone.utc), None, CAPTURED) == (CAPTURED, "capture")
    assert choose_date(datetime(2013, 1, 1, tzinfo=timezone.utc), None, CAPTURED)[1] == "feed"


def test_the_record_carries_its_date_source_and_capture_time():
    page = make_page(3)
    record = to_record(ArchivedItem(source="x.warc", url=page.url, html=page.html.encode(),
                                    captured_at=datetime(2026, 1, 1, tzinfo=timezone.utc)))
    assert record.date_source == "metadata" and record.published_at == page.published_at
    assert record.fetched_at == datetime(2026, 1, 1, tzinfo=timezone.utc)
    line = to_record(ArchivedItem(source="x.jsonl", url="https://wire.example/1", article={"text": BODY},
                                  published_at=datetime(2024, 6, 3, tzinfo=timezone.utc)))
    assert (line.date_source, line.fetched_at) == ("feed", datetime(2024, 6, 3, tzinfo=timezone.utc))
