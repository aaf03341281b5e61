"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) -> the entries RSS and Atom give.

feedparser reads XML only, so a JSON Feed is mapped here into :class:`~ingest.parse.FeedEntry`
fields: ``id`` -> guid, ``url`` (else ``external_url``) -> link, ``title``, ``date_published`` /
``date_modified`` (RFC 3339, else any date feedparser knows) -> UTC, ``summary`` (else
``content_text``, else the text of ``content_html``) -> summary, ``content_html`` (else
``content_text``) -> content. Items of the wrong type, and fields of the wrong type, are skipped
rather than trusted. What is not JSON, or JSON that is not a feed, is a :class:`PermanentFetchError`
(``malformed_feed`` / ``not_a_feed``), which the poller turns into a counted dead letter.
"""

from __future__ import annotations

import calendar
import json
from datetime import datetime, timezone

from feedparser.datetimes import _parse_date as parse_any_date

from newswire.errors import PermanentFetchError

JSON_FEED_TYPES = ("application/feed+json", "application/json")
VERSION_PREFIX = "https://jsonfeed.org/version/"
_LEADING = b"\xef\xbb\xbf \t\r\n"


def looks_like_json(body: bytes, content_type: str | None = None) -> bool:
    """True for a body that starts like JSON, or that is labelled JSON and does not start like XML."""
    head = body.lstrip(_LEADING)[:1]
    if head in (b"{", b"["):
        return True
    if head == b"<":
        return False  # XML whatever the label says (servers mislabel feeds both ways)
    return bool(content_type) and content_type.split(";")[0].strip().lower() in JSON_FEED_TYPES


def read_json_feed(body: bytes, url: str) -> tuple[str | None, list[dict], tuple[list[str], str | None]]:
    """(feed title, items as dicts of FeedEntry's fields in the feed's order, (WebSub hub URLs, the
    feed's ``feed_url``)); raises on non-feeds."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise PermanentFetchError("malformed_feed", f"not valid JSON: {str(exc)[:300]}", url=url) from exc
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise PermanentFetchError("not_a_feed", "JSON without an \"items\" list is not a JSON Feed", url=url)
    version = document.get("version")
    if not (isinstance(version, str) and version.startswith(VERSION_PREFIX)):
        raise PermanentFetchError("not_a_feed", f"JSON with version {str(version)[:100]!r} is not a JSON Feed",
                                  url=url)
    items = [_item(item) for item in document["items"] if isinstance(item, dict)]
    hubs = [_string(hub.get("url")) for hub in document.get("hubs") or [] if isinstance(hub, dict)
            and str(hub.get("type") or "").lower() == "websub"] if isinstance(document.get("hubs"), list) else []
    return _string(document.get("title")), items, ([hub for hub in hubs if hub], _string(document.get("feed_url")))


def _item(item: dict) -> dict:
    guid = item.get("id")
    if isinstance(guid, (int, float)) and not isinstance(guid, bool):
        guid = str(guid)  # the spec says string; numbers are common enough in the wild
    content_html = _string(item.get("content_html"))
    content_text = _string(item.get("content_text"))
    return {
        "guid": _string(guid),
        "link": _string(item.get("url")) or _string(item.get("external_url")),
        "title": _string(item.get("title")),
        "published_at": _date(item.get("date_published")),
        "updated_at": _date(item.get("date_modified")),
        "summary": _string(item.get("summary")) or content_text or content_html,
        "content_html": content_html or content_text,
    }


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(value: object) -> datetime | None:
    text = _string(value)
    if text is None:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        try:
            return parsed.astimezone(timezone.utc)
        except OverflowError:  # e.g. 0001-01-01T00:00:00+05:00
            return None
    struct = parse_any_date(text[:200])
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(struct), tz=timezone.utc)
    except (OverflowError, ValueError, OSError):
        return None
