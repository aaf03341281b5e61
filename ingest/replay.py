"""History in, through the same path as live news: archives -> cleaned ArticleRecords.

Sources, recognised by their name:

- ``*.warc`` / ``*.warc.gz`` (read by ``ingest.warc``, whatever tool wrote them): every 2xx HTML
  ``response`` and every HTML ``resource`` record is a page; it is cleaned like a fetched one. Other
  records are :class:`Skipped` with a reason (redirect, http_4xx, revisit, not_html...); damaged
  ones are dead letters (``bad_record``, ``truncated_record``) naming the file and byte offset.
- ``*.xml`` / ``*.rss`` / ``*.atom``: an archived feed; each entry's full content (content:encoded,
  atom:content) is cleaned, since the linked pages may be long gone.
- ``*.jsonl``: one article a line, either cleaned (``url`` + ``text``, optional ``title``,
  ``published_at``/``published``, ...) or raw (``url`` + ``html``).

Records are marked ``replayed``; ``fetched_at`` is the capture time (WARC-Date, else the stated
publication time), and ``published_at`` the original publication time, never after the capture,
with ``date_source`` saying where it came from (see :func:`choose_date`). Ids depend only on the canonical URL, so replaying a source
twice yields the same records; the caller skips those the database already holds unchanged.
Cleaning is the expensive step (~30 ms a page), so it runs in a process pool across all cores.
"""

from __future__ import annotations

import json
import logging
import os
import select
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

from pydantic import ValidationError

from newswire.ingest.clean import CleanedArticle, clean_article
from newswire.ingest.parse import parse_feed
from newswire.ingest.archived_http import BadEncoding, decode_body, parse_http
from newswire.ingest.warc import Damage, Oversized, WarcRecord, read_records
from newswire.errors import NewswireError, PermanentFetchError
from newswire.ids import article_id, canonical_url, content_hash
from newswire.records import ArticleRecord, DeadLetterRecord, as_utc, utc_now, valid_text
from newswire.settings import Settings

log = logging.getLogger(__name__)

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
    charset: str | None = None  # the HTTP Content-Type's, if any


@dataclass(frozen=True)
class Skipped:
    """A record read and deliberately not replayed (not a failure): counted by reason."""

    source: str
    reason: str  # redirect, http_4xx, http_5xx, revisit, not_html, request, warcinfo, too_large...
    url: str | None = None


Item = ArchivedItem | Skipped | DeadLetterRecord


def read_sources(paths: Iterable[str | Path], max_feed_bytes: int = MAX_FEED_BYTES) -> Iterator[tuple[str, Item]]:
    """(file, item) for everything read from each file, in order; a feed archive over ``max_feed_bytes``
    (``NEWSWIRE_MAX_RESPONSE_BYTES``, the cap of a live fetch) is one ``too_large`` dead letter.

    A file that cannot be read at all, or stops being readable midway, is one ``unreadable_file``
    dead letter (and one log line): what was read from it before stands, and the next file is read.
    """
    for path in map(Path, paths):
        name = path.name.lower()
        if name.endswith((".warc", ".warc.gz")):
            reader = read_warc
        elif name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
            reader = read_jsonl
        elif name.endswith((".xml", ".rss", ".atom")):
            reader = read_feed_archive
        else:
            yield str(path), DeadLetterRecord.for_failure(stage="replay", reason="unknown_source", url=str(path),
                                                          error=f"{path}: not a .warc(.gz), .jsonl or feed .xml file")
            continue
        try:
            items = read_feed_archive(path, max_feed_bytes) if reader is read_feed_archive else reader(path)
            for item in items:
                yield str(path), item
        except Exception as exc:  # noqa: BLE001 - one unreadable file must not end the replay of the others
            log.error("cannot read %s: %s: %s", path, type(exc).__name__, exc)
            yield str(path), DeadLetterRecord.for_failure(stage="replay", reason="unreadable_file", url=str(path),
                                                          error=f"{path}: {type(exc).__name__}: {exc}")


def read_warc(path: Path) -> Iterator[ArchivedItem | Skipped | DeadLetterRecord]:
    """Pages of a WARC file (see ``ingest.warc`` for how damage and truncation are found)."""
    with open(path, "rb") as stream:
        for got in read_records(stream):
            if isinstance(got, Damage):
                where = f"{path.name}@{got.offset}"
                about = f" (WARC-Target-URI {got.url})" if got.url else ""
                yield DeadLetterRecord.for_failure(stage="replay", reason=got.reason, url=where,
                                                   error=f"{path}, {got.where or f'byte {got.offset}'}: {got.error}{about}")
            elif isinstance(got, Oversized):
                yield Skipped(str(path), "too_large", got.headers.get("warc-target-uri"))
            else:
                yield warc_page(path, got)


def warc_page(path: Path, record: WarcRecord) -> ArchivedItem | Skipped | DeadLetterRecord:
    """One whole WARC record -> a page to clean, or why it is not one.

    ``response`` records (HTTP) and ``resource`` records (the bytes themselves, typed by the WARC
    Content-Type) are pages when they hold HTML; a response must have a 2xx status.
    """
    kind, url = record.type, record.url
    if kind not in ("response", "resource"):
        return Skipped(str(path), kind or "untyped_record", url or None)
    if kind == "resource" or not record.is_http:
        if kind == "response":
            return Skipped(str(path), "not_http", url or None)  # dns:, ftp: and the like
        content_type, body = record.headers.get("content-type", ""), record.block
        charset = _charset(content_type)
    else:
        message = parse_http(record.block)
        if message is None or message.status is None:
            return DeadLetterRecord.for_failure(stage="replay", reason="bad_record", url=f"{path.name}@{record.offset}",
                                                error=f"{path}, byte {record.offset}: HTTP response header unreadable "
                                                      f"(WARC-Target-URI {url})")
        if not 200 <= message.status < 300:
            return Skipped(str(path), _status_reason(message.status), url)
        content_type = message.headers.get("content-type", "")
        try:
            body = decode_body(message, MAX_PAGE_BYTES)
        except BadEncoding as exc:
            return DeadLetterRecord.for_failure(stage="replay", reason="bad_encoding", url=url,
                                                error=f"{path}, byte {record.offset}: {exc}")
        charset = _charset(content_type)
    if not _is_html(content_type, body):
        return Skipped(str(path), "not_html", url or None)
    if len(body) > MAX_PAGE_BYTES:
        return DeadLetterRecord.for_failure(stage="replay", reason="too_large", url=url,
                                            error=f"{path.name}: page larger than {MAX_PAGE_BYTES} bytes")
    return ArchivedItem(source=str(path), url=url, html=body, charset=charset,
                        captured_at=_parse_date(record.headers.get("warc-date")))


def _status_reason(status: int) -> str:
    if 300 <= status < 400:
        return "redirect"
    if 400 <= status < 500:
        return "http_4xx"
    if 500 <= status < 600:
        return "http_5xx"
    return "http_other"


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def _is_html(content_type: str, body: bytes) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    if kind:
        return kind in HTML_TYPES
    start = body[:512].lstrip().lower()  # no type stated: sniff, as browsers do
    return start.startswith((b"<!doctype html", b"<html")) or b"<html" in start


def read_feed_archive(path: Path, max_bytes: int = MAX_FEED_BYTES) -> Iterator[ArchivedItem | DeadLetterRecord]:
    """Every entry of an archived feed with content to clean; a file over ``max_bytes`` (the cap of a
    live fetch) or one that cannot be read is one dead letter, never read into memory whole."""
    try:
        with open(path, "rb") as stream:
            body = stream.read(max_bytes + 1)  # not stat(): a file may grow, or be a pipe
    except OSError as exc:
        yield DeadLetterRecord.for_failure(stage="replay", reason="unreadable", url=str(path), error=f"{path}: {exc}")
        return
    if len(body) > max_bytes:
        yield DeadLetterRecord.for_failure(stage="replay", reason="too_large", url=str(path),
                                           error=f"{path.name}: feed archive larger than {max_bytes} bytes "
                                                 "(NEWSWIRE_MAX_RESPONSE_BYTES, the cap of a live fetch)")
        return
    try:
        parsed = parse_feed(body, path.resolve().as_uri(), max_entries=1_000_000)
    except NewswireError as exc:
        yield DeadLetterRecord.for_failure(stage="replay", reason=getattr(exc, "reason", "bad_feed"), url=str(path), error=str(exc))
        return
    for entry in parsed.entries:
        if not entry.link:
            continue
        content = entry.content_html or (f"<p>{entry.summary}</p>" if entry.summary else None)
        if content is None:
            yield DeadLetterRecord.for_failure(stage="replay", reason="no_article_text", url=entry.link,
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
                yield DeadLetterRecord.for_failure(stage="replay", reason="bad_record", url=f"{path}:{number}",
                                                   error=f"line {number}: {exc}", payload=line)
                continue
            published = _parse_date(raw.get("published_at") or raw.get("published"))
            if raw.get("html"):
                yield ArchivedItem(source=str(path), url=url, html=raw["html"], published_at=published,
                                   guid=raw.get("guid"), feed_url=raw.get("feed_url"))
            elif raw.get("text"):
                yield ArchivedItem(source=str(path), url=url, article=raw, published_at=published,
                                   guid=raw.get("guid"), feed_url=raw.get("feed_url"))
            else:
                yield DeadLetterRecord.for_failure(stage="replay", reason="no_article_text", url=url,
                                                   error=f"{path.name}:{number}: neither text nor html", payload=line)


def to_record(item: ArchivedItem) -> ArticleRecord | DeadLetterRecord:
    """Clean one archived item into a version-1 article record (the caller sets the version)."""
    try:
        if item.article is not None:  # JSON's "\ud800" escapes give lone surrogates: hashed as the record holds them
            raw = {key: valid_text(value) if isinstance(value, str) else value for key, value in item.article.items()}
            url = valid_text(item.url)
            canonical = canonical_url(str(raw.get("canonical_url") or url))
            text = str(raw["text"])
            published, source = choose_date(item.published_at, None, item.captured_at)
            return ArticleRecord(
                article_id=article_id(canonical), url=url, canonical_url=canonical, feed_url=item.feed_url,
                guid=item.guid, title=raw.get("title"), author=raw.get("author"), site=raw.get("site"),
                language=raw.get("language"), text=text, content_hash=content_hash(text),
                published_at=published, date_source=source, fetched_at=_captured(item, published), replayed=True)
        cleaned = clean_article(item.html or b"", item.url, charset=item.charset)
        canonical = canonical_url(cleaned.canonical_url or item.url)
        published, source = choose_date(item.published_at, cleaned, item.captured_at)
        return ArticleRecord(
            article_id=article_id(canonical), url=item.url, canonical_url=canonical, feed_url=item.feed_url,
            guid=item.guid, title=cleaned.title, author=cleaned.author, site=cleaned.site,
            language=cleaned.language, text=cleaned.text, content_hash=content_hash(cleaned.text),
            published_at=published, date_source=source, fetched_at=_captured(item, published), replayed=True)
    except PermanentFetchError as exc:
        return DeadLetterRecord.for_failure(stage="replay", reason=exc.reason, url=item.url, error=f"{item.source}: {exc}")
    except ValidationError as exc:  # the record refused a field: a date UTC cannot hold, a title that is a list...
        reason = "bad_date" if any(e["type"] == "bad_date" for e in exc.errors()) else "bad_record"
        return DeadLetterRecord.for_failure(stage="replay", reason=reason, url=item.url,
                                            error=f"{item.source}: {_first_error(exc)}")
    except Exception as exc:  # one bad archived page must not end a month-long replay
        return DeadLetterRecord.for_failure(stage="replay", reason="clean_failed", url=item.url,
                                            error=f"{item.source}: {type(exc).__name__}: {exc}")


def _first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    return f"{'.'.join(map(str, first['loc']))}: {first['msg']}"


def choose_date(stated: datetime | None, cleaned: CleanedArticle | None, captured: datetime | None
                ) -> tuple[datetime | None, str | None]:
    """The publication time and where it came from: ``feed`` (the feed entry's or JSONL line's own
    date), ``metadata`` (the page's meta tags, JSON-LD, <time>, URL), ``capture`` (WARC-Date), ``text``
    (found only in running text: used only when there is no capture time). Never after the capture."""
    if stated is not None:
        published, source = stated, "feed"
    elif cleaned is not None and cleaned.published_at is not None and cleaned.date_source == "metadata":
        published, source = cleaned.published_at, "metadata"
    elif captured is not None:
        published, source = captured, "capture"
    elif cleaned is not None and cleaned.published_at is not None:
        published, source = cleaned.published_at, cleaned.date_source or "text"
    else:
        return None, None
    if captured is not None and published > captured:
        return captured, "capture"
    return published, source


def _captured(item: ArchivedItem, published: datetime | None) -> datetime:
    """When the archive captured the item: what orders an article's versions (see newswire.app.history)."""
    return item.captured_at or published or utc_now()


def clean_all(items: Iterable[tuple[str, Item]], workers: int | None = None,
              chunk: int = 8) -> Iterator[tuple[str, ArticleRecord | DeadLetterRecord | Skipped]]:
    """Clean items on all cores, in order, holding a bounded number in flight; (file, outcome) out."""
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        for source, item in items:
            yield source, (to_record(item) if isinstance(item, ArchivedItem) else item)
        return
    window = workers * chunk * 4  # bounded read-ahead keeps memory flat on huge archives
    with ProcessPoolExecutor(max_workers=workers, initializer=start_pool_worker, initargs=(os.getpid(),)) as pool:
        pending: list = []
        for source, item in items:
            pending.append((source, pool.submit(to_record, item) if isinstance(item, ArchivedItem) else item))
            if len(pending) >= window:
                head, outcome = pending.pop(0)
                yield head, (outcome.result() if isinstance(outcome, Future) else outcome)
        for head, outcome in pending:
            yield head, (outcome.result() if isinstance(outcome, Future) else outcome)


def lower_priority() -> None:
    """Cleaning fills the pipeline; the worker and sink drain it. Give draining the CPU first, so a
    replay on a busy machine grows no backlog the consumers cannot keep up with (and their group
    heartbeats are never starved)."""
    os.nice(10)


def start_pool_worker(owner: int) -> None:
    """Initializer of the cleaning pools (replay's, bench's): lower priority, and gone with ``owner``."""
    lower_priority()
    threading.Thread(target=_exit_with, args=(owner,), daemon=True, name="owner-watch").start()


def _exit_with(owner: int) -> None:
    # A pool worker holds its call queue's writing end as well as its reading end: after its owner is
    # SIGKILLed (or stopped before handing it its sentinel) it would wait on that queue for ever, and,
    # through the forkserver's alive pipe it inherits, keep a forkserver and a resource tracker alive.
    try:
        watch = os.pidfd_open(owner)
    except ProcessLookupError:
        os._exit(1)
    select.select([watch], [], [])
    os._exit(1)


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
