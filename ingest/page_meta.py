"""The page's metadata newswire keeps (title, author, site, date, language, URL), from its parsed tree.

trafilatura's ``extract_metadata`` also looks for categories, tags and a licence, which newswire
stores nowhere: on the 290 real pages of the benchmark corpus those three cost about 12% of the
cleaning (``extract_catstags`` walks every link of the page twice, ``extract_license`` every footer
link; cProfile, issue 16). :func:`page_metadata` runs the same steps in the same order, on the same
tree the body is extracted from (one parse a page), without those three.

The author, when neither the ``<meta>`` tags nor the JSON-LD name one: ``byline.find_author``,
trafilatura's ``extract_author`` in one walk of the tree (5.9 -> 1.6 ms a page on those pages).

The JSON-LD: :func:`json_ld_metadata` is ``extract_meta_json`` with its minification (a regular
expression whose every match called Python's template expansion: 44,000 calls on the 290 pages) done
by one split, and the script elements found with an XPath compiled once.

The date: when the page's ``<meta>`` tags state the publication time (``article:published_time``
and the like), htmldate's search is skipped, because newswire takes that stated time anyway
(``clean._published``); htmldate runs only for pages that state none.
"""

from __future__ import annotations

import json
import re
from typing import Any

from courlan import extract_domain
from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura import json_metadata
from trafilatura.json_metadata import extract_json, extract_json_parse_error
from trafilatura.metadata import META_URL, examine_meta, extract_sitename, extract_title, extract_url
from trafilatura.settings import Document

from newswire.ingest.byline import find_author

# The meta tags of a stated publication time (their content is an ISO 8601 time); JSON-LD is not
# among them: a page's JSON-LD may describe another article (a related story, a live blog's post).
_TIME_META = ("article:published_time", "og:published_time", "datepublished", "publish-date", "publish_date",
              "pubdate", "publishdate")
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
# extract_meta_json's scripts, and its JSON_MINIFY ('("(?:\\.|[^"\\])*")|\s', replaced by the string) as a split:
# the strings and the text between the matches kept, the white space outside strings dropped
_JSON_SCRIPTS = XPath('.//script[@type="application/ld+json" or @type="application/settings+json"]')
_JSON_TOKENS = re.compile(r'("(?:\\.|[^"\\])*")|\s+')


def minify_json(text: str) -> str:
    """trafilatura's JSON_MINIFY substitution: white space outside JSON strings removed, the rest as it is."""
    return "".join(filter(None, _JSON_TOKENS.split(text)))


def json_ld_metadata(tree: HtmlElement, metadata: Document) -> Document:
    """trafilatura's ``extract_meta_json(tree, metadata)`` (see the module)."""
    for element in _JSON_SCRIPTS(tree):
        if not element.text:
            continue
        text = json_metadata.normalize_json(minify_json(element.text))  # trafilatura_speedups replaces it
        try:
            metadata = extract_json(json.loads(text, strict=False), metadata)
        except json.JSONDecodeError:
            metadata = extract_json_parse_error(text, metadata)
    return metadata


def stated_time(tree: HtmlElement) -> str | None:
    """The publication time the page's ``<meta>`` tags state (ISO 8601 with a time of day), or None."""
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _TIME_META:
            content = (meta.get("content") or "").strip()
            if _ISO_TIME.match(content):
                return content
    return None


def page_metadata(tree: HtmlElement, url: str | None, date_params: dict[str, Any]) -> Document:
    """trafilatura's metadata steps without categories, tags and licence (see the module)."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None  # a one-word author is a handle or a site, as trafilatura decides
    try:
        metadata = json_ld_metadata(tree, metadata)
    except Exception:  # noqa: BLE001 (trafilatura guards this step the same way: broken JSON-LD of a page)
        pass
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.author:
        metadata.author = find_author(tree)  # trafilatura's extract_author, in one pass (byline.py)
    if not metadata.url:
        metadata.url = extract_url(tree, url)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    stated = stated_time(tree)
    metadata.date = stated or find_date(tree, **{**date_params, "url": metadata.url})
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.clean_and_trim()
    return metadata
