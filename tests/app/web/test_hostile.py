"""Every string that came from a feed or a page is hostile: script tags, event-handler attributes,
javascript: and data: URLs, broken markup and right-to-left overrides, in every field a page shows.
Each page must show them as text: no element, attribute or link of theirs in the parsed document."""

from __future__ import annotations

from datetime import timedelta

import lxml.html
import pytest

from newswire.app.web.render import safe_url
from tests.app.web.conftest import NOW

SCRIPT = "<script>alert('s')</script>"
HANDLER = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(2)"
DATA_URL = "data:text/html;base64,PHNjcmlwdD5hbGVydCgzKTwvc2NyaXB0Pg=="
BROKEN = "</td></tr></table></bdi><b>unclosed <!-- <style>body{display:none}"
RLO = "\u202egnp.exe\u202c \u2067tail"
HOSTILE = [SCRIPT, HANDLER, JS_URL, DATA_URL, BROKEN, RLO]


def _hostile_newsroom(newsroom):
    """One article (and its figure, event, feed and dead letter) for each hostile string, in every field."""
    articles = []
    for n, evil in enumerate(HOSTILE):
        text = f"{evil} said 12 people were killed {evil}"
        url = evil if evil in (JS_URL, DATA_URL) else f"https://news.example/{n}?q={evil}"
        a = newsroom.article(n, url=url, title=f"T{n} {evil}", author=evil, site=evil, text=text)
        at = text.index("12")
        newsroom.write(
            a,
            newsroom.records.figure(a, at, end=at + 2, source=evil, sentence=text, unit=evil),
            newsroom.records.event(a, text.index("killed"), end=text.index("killed") + 6, trigger="killed",
                                   type="attack", actors=[evil, "army"], location=evil, sentence=text),
            newsroom.records.dead_letter(offset=n, error=evil, url=evil, payload=evil),
        )
        newsroom.feed(evil if evil in (JS_URL, DATA_URL) else f"https://feeds.example/{n}/{evil}", title=evil,
                      last_error=evil, consecutive_errors=n, healthy=n == 0, last_poll_at=NOW - timedelta(minutes=n))
        articles.append(a)
    return articles


def _check_inert(html: str, where: str) -> lxml.html.HtmlElement:
    doc = lxml.html.document_fromstring(html)
    scripts = [el.get("src") for el in doc.iter("script")]
    assert scripts == ["/static/live.js"], where
    assert not list(doc.iter("img", "iframe", "object", "embed", "style", "base", "math", "b", "i")), where
    assert all(el.getparent().get("class") == "chart" for el in doc.iter("svg")), where  # our charts only
    assert len(list(doc.iter("meta"))) == 2, where
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (where, el.tag, name)
            if name in ("href", "src", "action"):
                assert value.startswith(("/", "?", "http://", "https://")), (where, el.tag, value)
                assert not value.lower().lstrip().startswith(("javascript:", "data:")), (where, value)
    assert len(list(doc.iter("link"))) == 1 and len(list(doc.iter("form"))) <= 1, where
    return doc


def test_hostile_strings_render_as_text_on_every_page(client, newsroom):
    articles = _hostile_newsroom(newsroom)
    pages = ["/", "/feeds", "/feeds?failing=true", "/figures", "/events", "/articles",
             *[f"/articles/{a.article_id}" for a in articles],
             "/figures?text=" + "%3Cscript%3E", "/events?place=%22%3E%3Cimg"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        doc = _check_inert(response.text, path)
        text = doc.text_content()
        if path in ("/feeds", "/figures", "/events", "/articles") or path.startswith("/articles/"):
            shown = [evil for evil in HOSTILE if evil in text]
            assert shown, path  # the strings are there, as text
    feeds = lxml.html.document_fromstring(client.get("/feeds").text).text_content()
    article_texts = [lxml.html.document_fromstring(client.get(f"/articles/{a.article_id}").text).text_content()
                     for a in articles]
    for evil, text in zip(HOSTILE, article_texts):
        assert text.count(evil) >= 4, evil  # title, author, site, the text twice (highlighted spans between)
        assert evil in feeds
    # an article whose URL is javascript: or data: shows it as text, never as a link
    for a in articles[2:4]:
        doc = lxml.html.document_fromstring(client.get(f"/articles/{a.article_id}").text)
        assert a.url in doc.text_content() and not [x for x in doc.iter("a") if "alert" in (x.get("href") or "")]


def test_hostile_strings_in_error_messages_and_the_api(client, newsroom):
    _hostile_newsroom(newsroom)
    for path in ("/figures?since=" + "%3Cscript%3Ealert(1)%3C/script%3E", "/articles/%3Cscript%3E",
                 "/figures?category=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E"):
        response = client.get(path)
        assert 400 <= response.status_code < 500
        assert "<script>" not in response.text and "<img" not in response.text
        _check_inert(response.text, path)
    api = client.get("/api/v1/figures")
    assert api.headers["content-type"] == "application/json"
    assert {f["source"] for f in api.json()["items"]} == set(HOSTILE)  # the API gives data back exactly


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example/x",
    "/relative", "https://", "http:///x", "https://ok.example/\u202eevil", "https://ok.example/\x00", "ftp://x.example/",
    "java\tscript:alert(1)", "", None, 12,
])
def test_only_http_urls_become_links(url):
    assert safe_url(url) is None


def test_http_urls_stay_links():
    assert safe_url("https://news.example/a?b=<c>") == "https://news.example/a?b=<c>"
    assert safe_url("HTTP://NEWS.example/") == "HTTP://NEWS.example/"
