"""page_meta's JSON-LD step gives trafilatura's extract_meta_json answer; stated_time reads the <meta> time."""

from __future__ import annotations

import hashlib
import inspect

import pytest
from trafilatura.metadata import JSON_MINIFY, extract_meta_json
from trafilatura.settings import Document
from trafilatura.utils import load_html

from newswire.ingest.page_meta import json_ld_metadata, minify_json, stated_time

# The trafilatura step json_ld_metadata mirrors. A trafilatura that changes it fails here: mirror the
# change in page_meta.py, then update the digest.
EXTRACT_META_JSON_SHA256 = "f4232983df26bffd73729eb647aed70f2b64c9969a211ff77b3a79d24d42842d"

JSON_TEXTS = [
    '{ "a" : "x  y" ,\n\t"b": [1, 2 ,3] }',
    '{"q": "a \\" quoted \\" word", "r" : "back\\\\slash" }',
    '  [ {"@type": "NewsArticle"} ,{ } ]  ',
    '{"unterminated": "str  ing',
    '{"nested": {"k": " v "}, "e": ""}',
    "",
    "   \n  ",
    'not json at all, "but" a   string',
]


def test_the_mirrored_trafilatura_step_is_unchanged():
    assert hashlib.sha256(inspect.getsource(extract_meta_json).encode()).hexdigest() == EXTRACT_META_JSON_SHA256
    assert JSON_MINIFY.pattern == '("(?:\\\\.|[^"\\\\])*")|\\s'


@pytest.mark.parametrize("text", JSON_TEXTS)
def test_minify_json_is_trafilaturas_minification(text):
    assert minify_json(text) == JSON_MINIFY.sub(r"\1", text)


def test_minify_json_keeps_strings_and_drops_the_space_around_them():
    assert minify_json('{ "a b" : [ 1 , "c  d" ] }') == '{"a b":[1,"c  d"]}'


PAGES = [
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
    ' "headline": "A  headline", "author": {"@type": "Person", "name": "Kari Nordmann"},'
    ' "publisher": {"@type": "Organization", "name": "Harbour Post"}}</script>',
    '<script type="application/ld+json">[{"@type": "WebSite", "name": "Site"}, {"@type": "Article",'
    ' "author": [{"name": "A One"}, {"name": "B Two"}], "headline": "Two \\u00e9 authors"}]</script>',
    '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"name": "Broken Json",</script>'
    '<script type="application/settings+json">{"headline": "Settings"}</script>',
    '<script type="application/ld+json"></script><script type="text/javascript">{"author": "No"}</script>',
    '<script type="application/ld+json">{"@graph": [{"@type": "Person", "name": "Graph Person"},'
    ' {"@type": "NewsArticle", "headline": "In a graph", "author": {"@id": "#p"}}]}</script>',
]


@pytest.mark.parametrize("scripts", PAGES)
def test_json_ld_metadata_agrees_with_trafilatura(scripts):
    html = f"<html><head><title>t</title>{scripts}</head><body><p>Body text.</p></body></html>"
    expected = _fields(extract_meta_json(load_html(html), Document()))
    assert _fields(json_ld_metadata(load_html(html), Document())) == expected


def _fields(metadata: Document) -> dict:
    return {key: value for key, value in metadata.as_dict().items() if key not in ("body", "commentsbody")}


def test_json_ld_metadata_reads_the_author_and_the_headline():
    html = f"<html><head>{PAGES[0]}</head><body><p>x</p></body></html>"
    metadata = json_ld_metadata(load_html(html), Document())
    assert (metadata.author, metadata.title, metadata.sitename) == ("Kari Nordmann", "A headline", "Harbour Post")


def test_stated_time_reads_the_meta_tags_only():
    page = ('<html><head><meta property="article:published_time" content=" 2024-03-01T08:15:00+01:00 ">'
            '</head><body><p>x</p></body></html>')
    assert stated_time(load_html(page)) == "2024-03-01T08:15:00+01:00"
    day_only = page.replace("2024-03-01T08:15:00+01:00", "2024-03-01")
    assert stated_time(load_html(day_only)) is None
    json_ld = ('<html><head><script type="application/ld+json">{"datePublished": "2024-03-01T08:15:00Z"}</script>'
               "</head></html>")
    assert stated_time(load_html(json_ld)) is None
