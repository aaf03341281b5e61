"""Article page HTML -> main text and metadata, with trafilatura.

The text keeps paragraphs separated by one blank line (what ArticleRecord promises downstream);
the headline is in ``title``, not repeated as the first paragraph. Dates are UTC.

The page's own rel=canonical / og:url is trusted only when it points at the same site as the URL
the page came from: otherwise any page could claim another outlet's URL and overwrite its article.
"""

from __future__ import annotations

import codecs
import re
from copy import copy
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import charset_normalizer
import trafilatura
from htmldate import find_date
from lxml.etree import LxmlError
from lxml.html import HtmlElement
from trafilatura.settings import Extractor, use_config

from newswire.ingest.headline import choose_headline
from newswire.ingest.page_meta import page_metadata
from newswire.ingest.page_tree import parse_page
from newswire.ingest import trafilatura_speedups  # noqa: F401 (installs trafilatura 2.3.1's cheaper, identical steps)
from newswire.errors import PermanentFetchError
from newswire.records import as_utc

MAX_HTML_BYTES = 10 * 1024 * 1024
MAX_TREE_NODES = 200_000  # trafilatura gives up on a larger DOM instead of walking it for minutes
MIN_TEXT_CHARS = 80  # less is a teaser, a paywall stub or a cookie wall, not an article

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.I)
_CANONICAL = re.compile(
    r"""<link\b(?=[^>]*\brel\s*=\s*["']?canonical\b)[^>]*\bhref\s*=\s*["']([^"'>]+)["']""", re.I)
_OG_URL = re.compile(
    r"""<meta\b(?=[^>]*\bproperty\s*=\s*["']og:url["'])[^>]*\bcontent\s*=\s*["']([^"'>]+)["']""", re.I)
# Pages state the publication *time* here; trafilatura/htmldate keep only the day. The first of the
# two in the page counts; two searches cost less than one for both (each skips ahead to its own text).
_PUBLISHED_META = re.compile(
    r"""<meta\b(?=[^>]*\b(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|"""
    r"""og:published_time|publish[-_]?date|pubdate)["'])[^>]*\bcontent\s*=\s*["']([^"'>]+)["']""", re.I)
_PUBLISHED_JSON = re.compile(r""""datePublished"\s*:\s*"([^"]+)\"""", re.I)
_CONFIG = use_config()  # a copy of trafilatura's defaults; the tree-size cap is set only here
_CONFIG["DEFAULT"]["MAX_TREE_SIZE"] = str(MAX_TREE_NODES)
# Metadata first (meta tags, JSON-LD, <time>, the URL); running text (footers, copyright lines, link
# text) only if that finds nothing, and the result says which (CleanedArticle.date_source).
_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": False}
_TEXT_DATE_PARAMS = {**_DATE_PARAMS, "extensive_search": True}
# bare_extraction's options, built once (building them reads the config each call): fast is trafilatura's
# own extractor without the readability/jusText comparison, which doubled the cost for no gain (Zyte
# body F1 0.9614 fast, 0.9594 not; 80 and 145 ms a page, one run). date_params given: the default's
# "today" would go stale in a process that runs for days (the body extraction does not read them).
_OPTIONS = Extractor(config=_CONFIG, output_format="python", fast=True, comments=False, tables=False,
                     date_params=_DATE_PARAMS)


@dataclass(frozen=True)
class CleanedArticle:
    text: str  # paragraphs separated by a blank line
    title: str | None
    author: str | None
    published_at: datetime | None  # UTC, as the page states it
    site: str | None
    language: str | None  # ISO 639-1 when the page says so
    canonical_url: str | None  # the page's rel=canonical / og:url, if same-site; else None
    date_source: str | None = None  # "metadata" or "text" (found only in running text); None without a date


def clean_article(html: bytes | str, url: str, *, charset: str | None = None,
                  max_bytes: int = MAX_HTML_BYTES) -> CleanedArticle:
    """Extract the article; :class:`PermanentFetchError` (``no_article_text``, ``bad_html``) if none."""
    if len(html) > max_bytes:
        raise PermanentFetchError("too_large", f"page is {len(html)} bytes, more than {max_bytes}", url=url)
    markup = html if isinstance(html, str) else decode_html(html, charset)
    try:
        # One parse: the metadata and the body come from the same tree (bare_extraction works on a copy).
        tree = parse_page(markup)  # trafilatura's load_html, with element classes chosen in C
        if tree is None:
            raise PermanentFetchError("no_article_text", "the page has no HTML tree", url=url)
        meta = page_metadata(tree, url, _DATE_PARAMS)
        document = trafilatura.bare_extraction(tree, options=_options(url))
    except (RecursionError, LxmlError, ValueError, MemoryError) as exc:
        raise PermanentFetchError("bad_html", f"cannot parse the page: {type(exc).__name__}: {exc}", url=url) from exc
    if document is None or not document.text:
        raise PermanentFetchError("no_article_text", "no article text found on the page", url=url)
    lines = _lines(document.text)
    title = choose_headline(_clean(meta.title), lines[0] if lines else None,
                            markup=markup, url=url, site=_clean(meta.sitename))
    text = _paragraphs(lines, title)
    if len(text) < MIN_TEXT_CHARS:
        raise PermanentFetchError("no_article_text", f"only {len(text)} characters of text found", url=url)
    head = markup[:200_000]  # <head> and <html lang> are near the top; never scan a huge body
    language = meta.language or _first(_HTML_LANG, head)
    published, date_source = _published(_date(meta.date), head, url), "metadata"
    if published is None:
        published, date_source = _text_date(tree, url), "text"
    return CleanedArticle(
        text=text,
        title=title,
        author=_clean(meta.author),
        published_at=published,
        site=_clean(meta.sitename),
        language=language[:2].lower() if language else None,
        canonical_url=_same_site(url, _first(_CANONICAL, head) or _first(_OG_URL, head)),
        date_source=date_source if published is not None else None,
    )


def _options(url: str) -> Extractor:
    options = copy(_OPTIONS)  # a copy a page: trafilatura keeps the page's URL in them
    options.url, options.source = url, url.encode("utf-8", "replace").decode("utf-8")  # as Extractor(url=url)
    return options


def _text_date(tree: HtmlElement, url: str) -> datetime | None:
    """A date htmldate finds only by searching the page's running text (its extensive search)."""
    try:
        return _date(find_date(tree, url=url, **_TEXT_DATE_PARAMS))
    except (RecursionError, LxmlError, ValueError, TypeError):
        return None


def decode_html(body: bytes, charset: str | None = None) -> str:
    """HTTP charset, then <meta charset>, then UTF-8, then detection; never fails."""
    declared = [charset] if charset else []
    if match := _META_CHARSET.search(body[:4096]):
        declared.append(match.group(1).decode("ascii", "replace"))
    for name in declared:
        try:
            codecs.lookup(name)
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes (a pasted cp1252 paragraph, a cut character): keep the
    # UTF-8 and replace only what is broken. Detection would decode *all* of it as a legacy codec,
    # turning every correct "Café" into "CafĂŠ".
    lenient = body.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    if broken * 100 <= len(lenient) or sum(ord(ch) > 127 for ch in lenient) - broken >= broken:
        return lenient
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        return body.decode(best.encoding, errors="replace")
    return body.decode("cp1252", errors="replace")


def _lines(text: str) -> list[str]:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return [line for line in lines if line]


def _paragraphs(lines: list[str], title: str | None) -> str:
    if lines and title and lines[0] == title:
        lines = lines[1:]  # trafilatura repeats the <h1> as the first line (or left the headline there)
    return "\n\n".join(lines)


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", None):
        try:  # None: the page's stated time as it is written (fractions of a second, "Z")
            parsed = datetime.strptime(value, fmt) if fmt else datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        try:
            return as_utc(parsed)
        except ValueError:  # a guess or a stated time outside years 1-9999 in UTC: no date
            return None
    return None


def _same_site(page_url: str, claimed: str | None) -> str | None:
    if not claimed:
        return None
    try:
        absolute = urljoin(page_url, claimed.strip())
        parts = urlsplit(absolute)
        parts.port  # noqa: B018 (raises on a port past 65535)
    except ValueError:  # "http://[::1/", "http://host:99999/": the page's claim is no URL
        return None
    if parts.scheme not in ("http", "https"):
        return None
    page_host, claimed_host = _site(page_url), _site(absolute)
    if not page_host or not claimed_host:
        return None
    related = (page_host == claimed_host or page_host.endswith("." + claimed_host)
               or claimed_host.endswith("." + page_host))
    return absolute if related else None


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def _published(day: datetime | None, head: str, url: str | None = None) -> datetime | None:
    """The page's full publication time when it states one on the day trafilatura found (or none).

    A stated time that UTC cannot hold (``9999-12-31T23:00:00-05:00``) is a hostile or broken page:
    :class:`PermanentFetchError` ``bad_date`` (the page becomes a dead letter). One that is not a
    date at all is ignored, as before.
    """
    in_meta, in_json = _PUBLISHED_META.search(head), _PUBLISHED_JSON.search(head)
    match = in_json if in_meta is None or (in_json is not None and in_json.start() < in_meta.start()) else in_meta
    if match is None:
        return day
    value = match.group(1).strip()
    try:
        stated = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return day
    try:
        stated = as_utc(stated)
    except ValueError as exc:
        raise PermanentFetchError("bad_date", f"the page states a publication time {exc}", url=url) from None
    if day is None or abs((stated - day).total_seconds()) <= 86400 * 1.5:
        return stated
    return day


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(1) if match else None


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None
