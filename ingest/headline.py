"""The article's headline when trafilatura's title is a label, not a headline.

trafilatura takes ``og:title`` first, then a lone ``<h1>``: on some sites that is a section label
("Blogs"), the site's name or logo, or a URL slug, and the real headline is left as the first line
of the text. :func:`choose_headline` keeps trafilatura's title unless three things hold:

1. the title is short (a few words), and not both an ``<h1>`` and the ``og:title`` (the page
   stating its headline twice);
2. the page itself says it is a label: it is a slug (``some-page-name``), the site's name (the
   site name trafilatura found, or the host), the page's section meta (``article:section``), a
   folder in the URL path, or it is missing from the page's ``<title>`` while the headline is in it;
3. a longer headline is confirmed by the page: the first line of the text that is also an
   ``<h1>``, the ``og:title``/``twitter:title`` or (part of) the ``<title>``; or else the one part
   of a ``<title>`` like "Headline | Site" that is neither the site nor the label.

A title that is already a headline fails 1 or 2 and is kept as it is.
"""

from __future__ import annotations

import html
import re
from urllib.parse import SplitResult, unquote, urlsplit

MAX_LABEL_WORDS = 3
MAX_LABEL_CHARS = 40
MAX_HEADLINE_CHARS = 250  # a longer first line is a paragraph, not a headline
HEAD_CHARS = 1_000_000  # the <head>, even with a few hundred kB of inline script in it
_H1_SPAN = 2000  # an <h1> longer than this is a broken page, not a headline (keeps the scan linear)

_TITLE_TAG = re.compile(r"<title\b[^<>]{0,2000}>([^<]{1,1000})</title", re.I)
# Bounded spans ([^<>]{0,2000}): a hostile page of unclosed "<meta" costs linear time, not quadratic.
_META_TITLE = re.compile(
    r"""<meta\b(?=[^<>]{0,2000}\b(?:property|name)\s*=\s*["'](?:og:title|twitter:title)["'])"""
    r"""[^<>]{0,2000}\bcontent\s*=\s*["']([^"'<>]{1,1000})["']""", re.I)
_META_SECTION = re.compile(
    r"""<meta\b(?=[^<>]{0,2000}\b(?:property|name)\s*=\s*["'](?:article:section|og:site_section|section)["'])"""
    r"""[^<>]{0,2000}\bcontent\s*=\s*["']([^"'<>]{1,200})["']""", re.I)
_H1_OPEN = re.compile(r"<h1\b[^<>]{0,2000}>", re.I)
_H1_CLOSE = re.compile(r"</h1\s*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)+")
# " | ", " - ", " – ", " — ", " » ", " · ", " :: " between a headline and the site's name
_SEPARATOR = re.compile(r"\s+(?:[|\-–—»·•]|::)\s+")


def choose_headline(title: str | None, first_line: str | None, *, markup: str, url: str,
                    site: str | None) -> str | None:
    """trafilatura's ``title``, or the page's headline when that title is a label (see the module)."""
    if not title or not _short(title):
        return title
    head = markup[:HEAD_CHARS]
    titles = [_text(m) for m in _TITLE_TAG.findall(head)[:1]]
    title_tag = titles[0] if titles else ""
    metas = [_text(m) for m in _META_TITLE.findall(head)[:4]]
    h1s = {_fold(h) for h in _h1_texts(markup)}
    if _fold(title) in h1s and _fold(title) in _meta_parts(metas):
        return title  # the page's <h1> and its og:title agree: that is the headline
    keys = _site_keys(url, site)
    headline = _confirmed_first_line(title, first_line, h1s, metas, title_tag)
    if headline is None:
        headline = _title_tag_part(title, title_tag, keys)
    if headline is None or not _is_label(title, headline, head=head, url=url, title_tag=title_tag, keys=keys):
        return title
    return headline


def _confirmed_first_line(title: str, first_line: str | None, h1s: set[str], metas: list[str],
                          title_tag: str) -> str | None:
    if not first_line or len(first_line) > MAX_HEADLINE_CHARS or len(first_line) <= len(title):
        return None
    line = _fold(first_line)
    if (line in {_fold(m) for m in metas} or (title_tag and line in _fold(title_tag))
            or line in h1s):
        return first_line
    return None


def _title_tag_part(title: str, title_tag: str, keys: set[str]) -> str | None:
    """The one part of "Headline | Site" that is neither the site nor the title (or None)."""
    parts = [part.strip() for part in _SEPARATOR.split(title_tag) if part.strip()]
    if len(parts) < 2:
        return None
    site_parts = [part for part in parts if _is_site(part, keys)]
    rest = [part for part in parts if part not in site_parts and _fold(part) != _fold(title)]
    if len(rest) != 1 or not (site_parts or _squash(title) in keys):
        return None
    headline = rest[0]
    return headline if len(title) < len(headline) <= MAX_HEADLINE_CHARS else None


def _meta_parts(metas: list[str]) -> set[str]:
    """og:title / twitter:title, whole and split at separators ("Headline | Site")."""
    return {_fold(part) for meta in metas for part in [meta, *_SEPARATOR.split(meta)]}


def _is_label(title: str, headline: str, *, head: str, url: str, title_tag: str, keys: set[str]) -> bool:
    folded = _fold(title)
    if _SLUG.fullmatch(title) or _squash(title) in keys:
        return True
    if folded in {_fold(_text(m)) for m in _META_SECTION.findall(head)[:4]}:
        return True
    folders = unquote(_split(url).path).split("/")[1:-1]
    if folded in {_fold(re.sub(r"[-_+]", " ", part)) for part in folders if part}:
        return True
    tag = _fold(title_tag)
    return bool(tag) and folded not in tag and _fold(headline) in tag


def _is_site(text: str, keys: set[str]) -> bool:
    """A part of the <title> naming the site ("Stadt Stuttgart" on stuttgart.de)."""
    squashed = _squash(text)
    return bool(squashed) and any(squashed == key or (len(key) >= 4 and key in squashed) for key in keys)


def _site_keys(url: str, site: str | None) -> set[str]:
    """The site's name squashed to letters and digits: trafilatura's site name and the host's labels."""
    host = (_split(url).hostname or "").lower()
    labels = host.split(".")[:-1] if "." in host else [host]  # the top-level domain names no site
    keys = {_squash(label) for label in labels
            if label not in ("www", "m", "amp", "mobile", "co", "com", "org", "net", "ac", "gov")}
    if site:
        keys.add(_squash(site))
    return {key for key in keys if len(key) >= 2}


def _split(url: str) -> SplitResult:
    try:
        return urlsplit(url)
    except ValueError:  # "http://[::1/": no host and no folders to compare with
        return urlsplit("")


def _h1_texts(markup: str) -> list[str]:
    texts = []
    for opening in _H1_OPEN.finditer(markup):
        closing = _H1_CLOSE.search(markup, opening.end(), opening.end() + _H1_SPAN)
        if closing:
            texts.append(_text(markup[opening.end():closing.start()]))
        if len(texts) >= 20:
            break
    return texts


def _short(title: str) -> bool:
    return len(title.split()) <= MAX_LABEL_WORDS and (len(title) <= MAX_LABEL_CHARS or bool(_SLUG.fullmatch(title)))


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold().replace("’", "'")


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())
