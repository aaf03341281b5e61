"""Which feeds to poll: URLs given directly, OPML files, or plain list files.

A spec (one item of ``NEWSWIRE_FEEDS`` or of ``newswire feeds import``) is an http(s) URL, a path to
an OPML file, or a path to a text file with one URL a line (``#`` starts a comment). No spec at all
means the bundled :data:`DEFAULT_FEEDS_FILE`. Anything unreadable is a :class:`ConfigError` naming
the file and line, because a feed list is configuration a person wrote and must be able to fix.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newswire.errors import ConfigError

DEFAULT_FEEDS_FILE = Path(__file__).with_name("default_feeds.opml")


@dataclass(frozen=True)
class FeedSpec:
    url: str
    title: str | None = None


def load_feed_list(specs: list[str]) -> list[FeedSpec]:
    """Expand specs into feeds, in order, without duplicates; ``[]`` gives the bundled list."""
    if not specs:
        specs = [str(DEFAULT_FEEDS_FILE)]
    feeds: list[FeedSpec] = []
    seen: set[str] = set()
    for spec in specs:
        for feed in _expand(spec.strip()):
            if feed.url not in seen:
                seen.add(feed.url)
                feeds.append(feed)
    return feeds


def parse_opml(data: bytes, source: str = "OPML") -> list[FeedSpec]:
    """Every ``<outline xmlUrl=...>`` at any depth (folders are flattened); ``source`` names errors."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ConfigError(f"{source}: not valid OPML/XML ({exc})") from exc
    if root.tag.lower() != "opml":
        raise ConfigError(f"{source}: root element is <{root.tag}>, expected <opml>")
    feeds: list[FeedSpec] = []
    for outline in root.iter("outline"):
        # The attribute is spelled xmlUrl by the spec, xmlurl by some exporters.
        attrs = {key.lower(): value for key, value in outline.attrib.items()}
        url = attrs.get("xmlurl", "").strip()
        if not url:
            continue  # a folder, or a link that is not a feed
        if not _is_http_url(url):
            raise ConfigError(f"{source}: outline {attrs.get('text', '')!r} has xmlUrl {url!r}, not an http(s) URL")
        feeds.append(FeedSpec(url=url, title=(attrs.get("title") or attrs.get("text") or "").strip() or None))
    return feeds


def parse_plain_list(text: str, source: str = "feed list") -> list[FeedSpec]:
    feeds: list[FeedSpec] = []
    for number, line in enumerate(text.splitlines(), start=1):
        # "#" starts a comment at the start of a line or after a space; inside a URL it is a fragment.
        line = re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip()
        if not line:
            continue
        if not _is_http_url(line):
            raise ConfigError(f"{source}, line {number}: {line!r} is not an http(s) URL")
        feeds.append(FeedSpec(url=line))
    return feeds


def _expand(spec: str) -> list[FeedSpec]:
    if _is_http_url(spec):
        return [FeedSpec(url=spec)]
    path = Path(spec).expanduser()
    if not path.is_file():
        raise ConfigError(f"feed spec {spec!r} is neither an http(s) URL nor an existing file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read feed list {path}: {exc}") from exc
    # OPML is XML; everything else is taken as a plain list (so a .txt or an extension-less file works).
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return parse_opml(data, source=str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"feed list {path} is not UTF-8 text: {exc}") from exc
    return parse_plain_list(text, source=str(path))


def _is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value
