"""Query parameters of the web pages and the API: one definition each, validated before any SQL runs.

A bad value (an unparsable or out-of-range date, an unknown category, a control character in a
search, a forged cursor) is a 4xx with a message that names the parameter, never a 500. Cursors are
opaque to clients: URL-safe base64 of the last row's ordering key, as JSON with its types tagged.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import datetime, timezone
from typing import Any, Sequence, get_args

from fastapi import HTTPException

from newswire.records import FigureCategory

CATEGORIES: tuple[str, ...] = get_args(FigureCategory)
MAX_LIMIT = 500  # rows a page, at most, in the API and the downloads' pages
DEFAULT_LIMIT = 50
MAX_TEXT = 200  # characters of a search term
MIN_YEAR, MAX_YEAR = 1970, 2200

# No control characters (C0, DEL, C1): PostgreSQL refuses NUL, and none of them is worth searching for.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
EVENT_TYPE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
ARTICLE_ID = re.compile(r"^[0-9a-f]{8,64}$")


def bad(name: str, message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=f"query parameter {name!r}: {message}")


def search_text(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if len(value) > MAX_TEXT:
        raise bad(name, f"at most {MAX_TEXT} characters")
    if _CONTROL.search(value):
        raise bad(name, "control characters are not allowed")
    return value


def when(value: str | None, name: str) -> datetime | None:
    """An ISO 8601 date or date-time; naive values are UTC."""
    if value is None or value == "":
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except (ValueError, TypeError):
        raise bad(name, f"not an ISO 8601 date or date-time (e.g. 2026-03-01 or 2026-03-01T12:00Z): {value[:40]!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise bad(name, f"year must be between {MIN_YEAR} and {MAX_YEAR}")
    return parsed.astimezone(timezone.utc)


def category(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if value not in CATEGORIES:
        raise bad("category", f"unknown category {value[:40]!r}; one of: {', '.join(CATEGORIES)}")
    return value


def event_type(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not EVENT_TYPE.match(value):
        raise bad("type", "an event type is lower-case letters, digits and _ (e.g. attack), at most 40")
    return value


def limit(value: int | None, default: int = DEFAULT_LIMIT) -> int:
    if value is None:
        return default
    if not 1 <= value <= MAX_LIMIT:
        raise bad("limit", f"between 1 and {MAX_LIMIT}")
    return value


def encode_cursor(key: Sequence[Any] | None) -> str | None:
    if key is None:
        return None
    tagged = [["t", v.astimezone(timezone.utc).isoformat()] if isinstance(v, datetime) else
              ["n", None] if v is None else ["b", v] if isinstance(v, bool) else
              ["i", v] if isinstance(v, int) else ["s", str(v)] for v in key]
    return base64.urlsafe_b64encode(json.dumps(tagged, separators=(",", ":")).encode()).decode().rstrip("=")


_CURSOR_TYPES = {"t": str, "n": type(None), "b": bool, "i": int, "s": str}


def decode_cursor(value: str | None, kinds: str) -> list[Any] | None:
    """The key in ``value``; ``kinds`` lists the tag each position may carry (e.g. ``"tn s"``: a
    time or null, then a string)."""
    if value is None or value == "":
        return None
    problem = bad("cursor", "not a cursor this API handed out (take it from a response's next_cursor)")
    if len(value) > 1000:
        raise problem
    try:
        tagged = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise problem
    allowed = kinds.split()
    if not isinstance(tagged, list) or len(tagged) != len(allowed):
        raise problem
    key: list[Any] = []
    for item, tags in zip(tagged, allowed):
        if (not isinstance(item, list) or len(item) != 2 or item[0] not in tags
                or type(item[1]) is not _CURSOR_TYPES.get(item[0])):
            raise problem
        tag, raw = item
        if tag == "t":
            try:
                raw = datetime.fromisoformat(raw)
            except ValueError:
                raise problem
            if raw.tzinfo is None:
                raise problem
        elif tag == "s" and (len(raw) > 2000 or _CONTROL.search(raw)):
            raise problem
        elif tag == "i" and abs(raw) > 2 ** 62:
            raise problem
        key.append(raw)
    return key
