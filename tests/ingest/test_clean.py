import json
import re
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newswire.ingest.clean import clean_article, decode_html
from newswire.errors import PermanentFetchError

SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"
EXPECTED = json.loads((SITE / "expected.json").read_text())["articles"]


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_fixture_articles_clean_to_their_expected_fields(path):
    expected = EXPECTED[path]
    page_url = f"http://127.0.0.1:8123{path}?utm_source=rss"
    article = clean_article((SITE / path.lstrip("/")).read_bytes(), page_url)
    assert article.title == expected["title"]
    assert article.author == expected["author"]
    assert article.site == expected["site"]
    assert article.language == expected["language"]
    assert article.published_at == datetime.fromisoformat(expected["published_at"])
    assert article.canonical_url == f"http://127.0.0.1:8123{path}"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == expected["first_paragraph"]
    assert len(paragraphs) == expected["paragraphs"]
    # Boilerplate stays out: navigation, "most read", cookie banner, footer.
    for noise in ("Subscribe", "Most read", "cookies", "All rights reserved", "Home"):
        assert noise not in article.text


def test_canonical_on_another_site_is_not_trusted():
    html = (SITE / "articles" / "a1.html").read_text().replace(
        'href="/articles/a1.html"', 'href="https://www.bbc.co.uk/news/world-1"')
    assert clean_article(html, "http://127.0.0.1:8123/articles/a1.html").canonical_url is None
    same_site = html.replace("https://www.bbc.co.uk/news/world-1", "https://www.harbour.example/a1")
    assert clean_article(same_site, "https://m.harbour.example/a1?x=1").canonical_url == "https://www.harbour.example/a1"


def test_og_url_used_when_there_is_no_rel_canonical():
    html = (SITE / "articles" / "a2.html").read_text().replace(
        '<link rel="canonical" href="/articles/a2.html">', '<meta property="og:url" content="/articles/fund">')
    assert clean_article(html, "http://127.0.0.1:8123/articles/a2.html").canonical_url == "http://127.0.0.1:8123/articles/fund"


def test_page_without_article_text():
    html = "<html><head><title>Sign in</title></head><body><nav><a href='/'>Home</a></nav><form>Password</form></body></html>"
    with pytest.raises(PermanentFetchError) as caught:
        clean_article(html, "http://127.0.0.1/login")
    assert caught.value.reason == "no_article_text"


def test_charset_declared_in_meta_is_honoured():
    html = (SITE / "articles" / "a3.html").read_text().replace('charset="utf-8"', 'charset="iso-8859-1"')
    html = html.replace("Ostrava Mala", "Ostrava Malá")
    article = clean_article(html.encode("iso-8859-1"), "http://127.0.0.1/articles/a3.html")
    assert "Ostrava Malá" in article.text


def test_undeclared_non_utf8_bytes_still_decode():
    assert "café" in decode_html("<p>café crème brûlée, déjà vu à la française</p>".encode("cp1252"))


def test_deeply_nested_page_fails_fast_with_a_reason():
    html = "<html><body>" + "<div>" * 100_000 + "<p>deep</p>" + "</div>" * 100_000 + "</body></html>"
    started = time.perf_counter()
    with pytest.raises(PermanentFetchError) as caught:
        clean_article(html, "http://127.0.0.1/deep")
    assert time.perf_counter() - started < 10
    assert caught.value.reason in ("no_article_text", "bad_html")


def test_oversized_page_is_refused_before_parsing():
    with pytest.raises(PermanentFetchError) as caught:
        clean_article(b"<p>" + b"x" * 2000 + b"</p>", "http://127.0.0.1/big", max_bytes=1000)
    assert caught.value.reason == "too_large"


@pytest.mark.parametrize("stated", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+05:00"])
def test_a_publication_time_utc_cannot_hold_is_a_bad_date_not_an_overflow(stated):
    html = (SITE / "articles" / "a1.html").read_text().replace("2025-03-02T08:30:00+00:00", stated)
    assert stated in html
    with pytest.raises(PermanentFetchError) as caught:  # before: OverflowError, an internal_error with a traceback
        clean_article(html, "http://127.0.0.1/articles/a1.html")
    assert caught.value.reason == "bad_date" and stated in str(caught.value)
    assert caught.value.url == "http://127.0.0.1/articles/a1.html"


def test_a_stated_offset_is_converted_to_utc():
    html = (SITE / "articles" / "a1.html").read_text().replace("2025-03-02T08:30:00+00:00", "2025-03-02T10:30:00+02:00")
    published = clean_article(html, "http://127.0.0.1/articles/a1.html").published_at
    assert published == datetime(2025, 3, 2, 8, 30, tzinfo=timezone.utc) and published.utcoffset().total_seconds() == 0


# --- found by tests/fuzz/fuzz_clean_extract.py ---------------------------------------------------

FUZZ_TEXT = "<p>" + "Officials said the bridge stayed closed on Monday after the storm. " * 4 + "</p>"


@pytest.mark.parametrize("canonical", ["http://[::1/story", "https://news.example:99999/story"])
def test_a_canonical_that_is_no_url_is_ignored(canonical):
    page = f'<html><head><link rel="canonical" href="{canonical}"></head><body><article>{FUZZ_TEXT}</article></body></html>'
    article = clean_article(page, "https://news.example/story")
    assert article.canonical_url is None and article.text


# --- titles that are a section label, the site's name or a slug (issue 23 item 7) ----------------

HEADLINE = "Harbour council approves the new bridge after a long night of debate"
STORY = "<p>" + "Councillors voted late on Tuesday to fund the crossing, ending two years of argument. " * 3 + "</p>"


def _story_page(*, og_title=None, title_tag=None, extra_head="", h1=HEADLINE, before_article=""):
    head = f"<title>{title_tag}</title>" if title_tag else ""
    if og_title:
        head += f'<meta property="og:title" content="{og_title}">'
    return (f"<html><head>{head}{extra_head}</head><body>{before_article}"
            f"<article><h1>{h1}</h1>{STORY}{STORY}</article></body></html>")


@pytest.mark.parametrize("label, page, url", [
    ("Blogs", dict(og_title="Blogs", title_tag="Blogs",  # only the section meta says it is a label
                   extra_head='<meta property="og:site_section" content="Blogs">'), "https://news.example/b/1"),
    ("Opinion", dict(og_title="Opinion", title_tag="Opinion"), "https://news.example/opinion/2024/bridge"),
    ("Harbour Times", dict(og_title="Harbour Times"), "https://www.harbourtimes.example/2024/bridge"),
    ("harbour-bridge-vote", dict(og_title="harbour-bridge-vote"), "https://news.example/story/7"),
    ("News", dict(og_title="News", title_tag=f"{HEADLINE} | Harbour Times"), "https://news.example/story/7"),
])
def test_a_label_title_gives_way_to_the_headline(label, page, url):
    html = _story_page(**page)
    assert label in html
    article = clean_article(html, url)
    assert article.title == HEADLINE
    assert not article.text.startswith(HEADLINE)  # the headline is the title, not the first paragraph
    assert article.text.startswith("Councillors voted late")


def test_the_site_logo_as_title_gives_way_to_the_headline_in_the_title_tag():
    page = ("<html><head><title>Bridge vote ends two years of argument - Harbour Times</title></head><body>"
            "<header><h1>Harbour Times</h1></header><article>" + STORY * 2 + "</article></body></html>")
    article = clean_article(page, "https://harbourtimes.example/view?id=7")
    assert article.title == "Bridge vote ends two years of argument"


@pytest.mark.parametrize("page, url", [
    # A short headline stated by both og:title and <h1>, with a longer <title>: kept.
    (_story_page(og_title="Bridge Vote", h1="Bridge Vote",
                 title_tag="Council approves harbour bridge funding after debate | Harbour Times"),
     "https://harbourtimes.example/2024/bridge"),
    # A short og:title that the <title> also holds, while the <h1> says more: kept.
    (_story_page(og_title="Bridge vote", title_tag="Bridge vote result - Harbour Times"),
     "https://harbourtimes.example/2024/bridge"),
    # A short headline with no other candidate: kept.
    (_story_page(og_title="Bridge approved", h1="Bridge approved", title_tag="Bridge approved - Harbour Times"),
     "https://harbourtimes.example/news/bridge"),
])
def test_a_title_that_is_already_a_headline_is_kept(page, url):
    expected = re.search(r'og:title" content="([^"]+)"', page).group(1)
    assert clean_article(page, url).title == expected


def test_a_long_title_is_never_replaced():
    page = _story_page(og_title=HEADLINE + " today", title_tag="Blogs")
    assert clean_article(page, "https://news.example/blogs/1").title == HEADLINE + " today"


@pytest.mark.parametrize("url", ["http://[::1/blogs/1", "", "not a url", "https://news.example:99999/blogs/x"])
def test_a_page_url_that_is_no_url_does_not_stop_the_title_check(url):
    article = clean_article(_story_page(og_title="Blogs", title_tag=f"{HEADLINE} | Harbour Times"), url)
    assert article.title == HEADLINE


def test_unclosed_h1_and_meta_tags_cost_linear_time():
    junk = '<h1 class="x"' * 20_000 + '<meta property="og:title"' * 20_000
    page = _story_page(og_title="Blogs", before_article=f"<div>{junk}</div>")
    started = time.perf_counter()
    clean_article(page, "https://news.example/blogs/1")
    assert time.perf_counter() - started < 10


def _dated_page(first: str, second: str) -> str:
    body = "<p>" + "The harbour board met on Tuesday and agreed the budget for the coming year. " * 3 + "</p>"
    return f"<html><head><title>Budget</title>{first}{second}</head><body><article><h1>Budget agreed</h1>{body}</article></body></html>"


def test_the_first_stated_publication_time_in_the_page_counts():
    meta = '<meta property="article:published_time" content="2024-03-01T08:15:00+01:00">'
    json_ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-01T21:40:00Z"}</script>'
    meta_first = clean_article(_dated_page(meta, json_ld), "https://news.example/budget")
    json_first = clean_article(_dated_page(json_ld, meta), "https://news.example/budget")
    assert meta_first.published_at == datetime(2024, 3, 1, 7, 15, tzinfo=timezone.utc)
    assert json_first.published_at == datetime(2024, 3, 1, 21, 40, tzinfo=timezone.utc)
    only_json = clean_article(_dated_page(json_ld, ""), "https://news.example/budget")
    assert only_json.published_at == datetime(2024, 3, 1, 21, 40, tzinfo=timezone.utc)
