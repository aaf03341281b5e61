"""History in, through the same path as live news: archives -> cleaned ArticleRecords.

Sources, recognised by their name:

- ``*.warc`` / ``*.warc.gz`` (Common Crawl's CC-NEWS format, read with warcio): every HTML
  ``response`` record is a page; it is cleaned like a fetched one.
- ``*.xml`` / ``*.rss`` / ``*.atom``: an archived feed; each entry's full content (content:encoded,
  atom:content) is cleaned, since the linked pages may be long gone.
- ``*.jsonl``: one article a line, either cleaned (``url`` + ``text``, optional ``title``,
  ``published_at``/``published``, ...) or raw (``url`` + ``html``).

Records are marked ``replayed`` and keep their original publication time (the page's, the entry's,
or else the archive's capture date). Ids depend only on the canonical URL, so replaying a source
twice yields the same records; the caller skips those the database already holds unchanged.
Cleaning is the expensive step (~30 ms a page), so it runs in a process pool across all cores.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

from pydantic import ValidationError

from ingest.clean import clean_article
from ingest.parse import parse_feed
from newswire.errors import NewswireError, PermanentFetchError
from newswire.ids import article_id, canonical_url, content_hash
from newswire.records import ArticleRecord, DeadLetterRecord, as_utc, valid_text
from newswire.settings import Settings

MAX_PAGE_BYTES = 10 * 1024 * 1024
# An archived feed is capped like a live one (Settings.max_response_bytes, whose default this is).
MAX_FEED_BYTES: int = Settings.model_fields["max_response_bytes"].default
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class ArchivedItem:
    """One thing read from an archive, before cleaning."""

    source: str  # file it came from
    url: str
    html: str | bytes | None = None  # to clean
    article: dict | None = None  # already cleaned (JSONL)
    published_at: datetime | None = None  # publication time the archive states (feed entry, JSONL)
    captured_at: datetime | None = None  # when the archive captured it (WARC-Date): the last resort
    guid: str | None = None
    feed_url: str | None = None


def read_sources(paths: Iterable[str | Path]) -> Iterator[ArchivedItem | DeadLetterRecord]:
    for path in map(Path, paths):
        name = path.name.lower()
        if name.endswith((".warc", ".warc.gz")):
            yield from read_warc(path)
        elif name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
            yield from read_jsonl(path)
        elif name.endswith((".xml", ".rss", ".atom")):
            yield from read_feed_archive(path)
        else:
            yield DeadLetterRecord(stage="replay", reason="unknown_source", url=str(path),
                                   error=f"{path}: not a .warc(.gz), .jsonl or feed .xml file")


def read_warc(path: Path) -> Iterator[ArchivedItem | DeadLetterRecord]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if not content_type.startswith(HTML_TYPES):
                continue
            body = record.content_stream().read(MAX_PAGE_BYTES + 1)
            if len(body) > MAX_PAGE_BYTES:
                yield DeadLetterRecord(stage="replay", reason="too_large", url=url,
                                       error=f"{path.name}: page larger than {MAX_PAGE_BYTES} bytes")
                continue
            yield ArchivedItem(source=str(path), url=url, html=body,
                               captured_at=_parse_date(record.rec_headers.get_header("WARC-Date")))


def read_feed_archive(path: Path, max_bytes: int = MAX_FEED_BYTES) -> Iterator[ArchivedItem | DeadLetterRecord]:
    """Every entry of an archived feed with content to clean; a file over ``max_bytes`` (the cap of a
    live fetch) or one that cannot be read is one dead letter, never read into memory whole."""
    try:
        with open(path, "rb") as stream:
            body = stream.read(max_bytes + 1)  # not stat(): a file may grow, or be a pipe
    except OSError as exc:
        yield DeadLetterRecord(stage="replay", reason="unreadable", url=str(path), error=f"{path}: {exc}")
        return
    if len(body) > max_bytes:
        yield DeadLetterRecord(stage="replay", reason="too_large", url=str(path),
                               error=f"{path.name}: feed archive larger than {max_bytes} bytes "
                                     "(NEWSWIRE_MAX_RESPONSE_BYTES, the cap of a live fetch)")
        return
    try:
        parsed = parse_feed(body, path.resolve().as_uri(), max_entries=1_000_000)
    except NewswireError as exc:
        yield DeadLetterRecord(stage="replay", reason=getattr(exc, "reason", "bad_feed"), url=str(path), error=str(exc))
        return
    for entry in parsed.entries:
        if not entry.link:
            continue
        content = entry.content_html or (f"<p>{entry.summary}</p>" if entry.summary else None)
        if content is None:
            yield DeadLetterRecord(stage="replay", reason="no_article_text", url=entry.link,
                                   error=f"{path.name}: entry has no content to replay")
            continue
        page = f"<html><head><title>{entry.title or ''}</title></head><body><article>{content}</article></body></html>"
        yield ArchivedItem(source=str(path), url=entry.link, html=page, published_at=entry.date,
                           guid=entry.guid, feed_url=None)


def read_jsonl(path: Path) -> Iterator[ArchivedItem | DeadLetterRecord]:
    with open(path, encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                url = str(raw["url"])
            except (ValueError, KeyError, TypeError) as exc:
                yield DeadLetterRecord(stage="replay", reason="bad_record", url=f"{path}:{number}",
                                       error=f"line {number}: {exc}", payload=line[:2000])
                continue
            published = _parse_date(raw.get("published_at") or raw.get("published"))
            if raw.get("html"):
                yield ArchivedItem(source=str(path), url=url, html=raw["html"], published_at=published,
                                   guid=raw.get("guid"), feed_url=raw.get("feed_url"))
            elif raw.get("text"):
                yield ArchivedItem(source=str(path), url=url, article=raw, published_at=published,
                                   guid=raw.get("guid"), feed_url=raw.get("feed_url"))
            else:
                yield DeadLetterRecord(stage="replay", reason="no_article_text", url=url,
                                       error=f"{path.name}:{number}: neither text nor html", payload=line[:2000])


def to_record(item: ArchivedItem) -> ArticleRecord | DeadLetterRecord:
    """Clean one archived item into a version-1 article record (the caller sets the version)."""
    try:
        if item.article is not None:  # JSON's "\ud800" escapes give lone surrogates: hashed as the record holds them
            raw = {key: valid_text(value) if isinstance(value, str) else value for key, value in item.article.items()}
            url = valid_text(item.url)
            canonical = canonical_url(str(raw.get("canonical_url") or url))
            text = str(raw["text"])
            return ArticleRecord(
                article_id=article_id(canonical), url=url, canonical_url=canonical, feed_url=item.feed_url,
                guid=item.guid, title=raw.get("title"), author=raw.get("author"), site=raw.get("site"),
                language=raw.get("language"), text=text, content_hash=content_hash(text),
                published_at=item.published_at, replayed=True)
        cleaned = clean_article(item.html or b"", item.url)
        canonical = canonical_url(cleaned.canonical_url or item.url)
        return ArticleRecord(
            article_id=article_id(canonical), url=item.url, canonical_url=canonical, feed_url=item.feed_url,
            guid=item.guid, title=cleaned.title, author=cleaned.author, site=cleaned.site,
            language=cleaned.language, text=cleaned.text, content_hash=content_hash(cleaned.text),
            published_at=item.published_at or cleaned.published_at or item.captured_at, replayed=True)
    except PermanentFetchError as exc:
        return DeadLetterRecord(stage="replay", reason=exc.reason, url=item.url, error=f"{item.source}: {exc}")
    except ValidationError as exc:  # the record refused a field: a date UTC cannot hold, a title that is a list...
        reason = "bad_date" if any(e["type"] == "bad_date" for e in exc.errors()) else "bad_record"
        return DeadLetterRecord(stage="replay", reason=reason, url=item.url,
                                error=f"{item.source}: {_first_error(exc)}")
    except Exception as exc:  # one bad archived page must not end a month-long replay
        return DeadLetterRecord(stage="replay", reason="clean_failed", url=item.url,
                                error=f"{item.source}: {type(exc).__name__}: {exc}")


def _first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    return f"{'.'.join(map(str, first['loc']))}: {first['msg']}"


def clean_all(items: Iterable[ArchivedItem | DeadLetterRecord], workers: int | None = None,
              chunk: int = 8) -> Iterator[ArticleRecord | DeadLetterRecord]:
    """Clean items on all cores, in order, holding a bounded number in flight."""
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        for item in items:
            yield item if isinstance(item, DeadLetterRecord) else to_record(item)
        return
    window = workers * chunk * 4  # bounded read-ahead keeps memory flat on huge archives
    with ProcessPoolExecutor(max_workers=workers, initializer=lower_priority) as pool:
        pending: list = []
        for item in items:
            pending.append(item if isinstance(item, DeadLetterRecord) else pool.submit(to_record, item))
            if len(pending) >= window:
                head = pending.pop(0)
                yield head if isinstance(head, DeadLetterRecord) else head.result()
        for head in pending:
            yield head if isinstance(head, DeadLetterRecord) else head.result()


def lower_priority() -> None:
    """Cleaning fills the pipeline; the worker and sink drain it. Give draining the CPU first, so a
    replay on a busy machine grows no backlog the consumers cannot keep up with (and their group
    heartbeats are never starved)."""
    os.nice(10)


def in_window(record: ArticleRecord, since: datetime | None, until: datetime | None) -> bool:
    """--since/--until on publication time; an article without one is kept only when no bound is set."""
    if since is None and until is None:
        return True
    if record.published_at is None:
        return False
    return (since is None or record.published_at >= since) and (until is None or record.published_at < until)


def _parse_date(value: object) -> datetime | None:
    """An archive's date in UTC (naive: UTC already); None when it is not an ISO date at all.

    A date UTC cannot hold (``9999-12-31T23:00:00-05:00``) is returned as stated: the record refuses
    it (``newswire.records``), and :func:`to_record` turns that into a ``bad_date`` dead letter.
    """
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    try:
        return as_utc(parsed)
    except ValueError:
        return parsed
