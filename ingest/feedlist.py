"""Which feeds to poll: URLs given directly, OPML files, or plain list files.

A spec (one item of ``NEWSWIRE_FEEDS`` or of ``newswire feeds import``) is an http(s) URL, a path to
an OPML file, or a path to a text file with one URL a line (``#`` starts a comment). No spec at all
means the bundled :data:`DEFAULT_FEEDS_FILE`. Anything unreadable is a :class:`ConfigError` naming
the file and line, because a feed list is configuration a person wrote and must be able to fix.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from newswire.errors import ConfigError
from newswire.ingest.feedspec import FeedSpec

DEFAULT_FEEDS_FILE = Path(__file__).with_name("default_feeds.opml")


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
    """Every ``<outline xmlUrl=...>`` at any depth (groups are flattened); ``source`` names errors.

    Read leniently (:func:`ingest.opml.read_opml`), but strict about the result, as configuration is:
    an outline whose feed URL is unusable is a :class:`ConfigError` naming it (outlines without one,
    links to pages, are passed over). ``newswire feeds import`` reads the report itself, imports what
    can be used and lists the rest.
    """
    from newswire.ingest.opml import read_opml

    report = read_opml(data, source)
    if report.fatal:
        raise ConfigError(report.fatal)
    if bad := [skipped for skipped in report.skipped if skipped.kind == "not_http"]:
        raise ConfigError(f"{source}: {bad[0]}")
    if not report.feeds:
        raise ConfigError(f"{source}: not valid OPML/XML ({report.repairs[-1]})" if report.repairs
                          else f"{source}: no feed outline (xmlUrl) in it")
    return report.feeds


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


def read_list_file(data: bytes, source: str):
    """An OPML file or plain list read for ``newswire feeds import``: an :class:`ingest.opml.OpmlReport`
    with every usable feed, and each outline or line that could not be used and why."""
    from newswire.ingest.opml import OpmlReport, Skipped, feed_url, read_opml

    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return read_opml(data, source)
    report = OpmlReport()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.repairs.append("not UTF-8: read as Windows-1252")
        text = data.decode("cp1252", errors="replace")
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip()
        if not line:
            continue
        url = feed_url(line)
        if url is None:
            report.skipped.append(Skipped(number, None, f"not an http(s) URL: {line[:200]!r}", "not_http"))
        elif url in seen:
            report.skipped.append(Skipped(number, None, f"duplicate of line {seen[url]}", "duplicate"))
        else:
            seen[url] = number
            report.feeds.append(FeedSpec(url=url))
    return report


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
