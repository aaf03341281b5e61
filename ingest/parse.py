"""Feed bytes -> entries and schedule hints, with feedparser (JSON Feed: :mod:`ingest.jsonfeed`).

Feeds in the wild are often broken XML; feedparser falls back to a lenient parser and we keep what
it recovers, recording the error (``ParsedFeed.error``) so ``feeds status`` can show it. What is not
a feed at all (an HTML page, an empty body) is a :class:`PermanentFetchError`.

At most :data:`MAX_ENTRIES` entries, the newest, are returned, and feedparser never reads many more:
:func:`bound_entries` cuts the entry list out of the bytes first, keeping the first and the last
``max_entries`` ``<item>``/``<entry>`` elements (feeds list newest first, a few oldest first), so a
feed of 50,000 entries costs what one of 1,000 does. Entries beyond the cap are old news a live
monitor does not need; how many there were is still counted (``ParsedFeed.total_entries``).
"""

from __future__ import annotations

import calendar
import codecs
import html
import io
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import TypeVar

import feedparser
from feedparser.datetimes import _parse_date as parse_any_date

from newswire.errors import PermanentFetchError
from newswire.ingest import jsonfeed
from newswire.ingest.links import absolute_link, header_links

MAX_ENTRIES = 500
SUMMARY_MAX_CHARS = 2000

# sy:updatePeriod in seconds (RSS 1.0 syndication module).
UPDATE_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400, "yearly": 365 * 86400}
DAY_NAMES = {name: number for number, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
# feedparser keeps only the last <hour>/<day> of skipHours/skipDays, so those are read directly.
_SKIP_HOURS = re.compile(rb"<skipHours\b[^>]*>(.*?)</skipHours>", re.S | re.I)
_SKIP_DAYS = re.compile(rb"<skipDays\b[^>]*>(.*?)</skipDays>", re.S | re.I)
_HOUR = re.compile(rb"<hour>\s*(\d{1,2})\s*</hour>", re.I)
_DAY = re.compile(rb"<day>\s*([A-Za-z]+)\s*</day>", re.I)
_TAG = re.compile(r"<[^>]+>")
# Dates in another language: a weekday name to drop, month names (by their first 3-4 letters; it, es, pt,
# fr, de, nl) to read as English. Used only when feedparser found no date.
_WEEKDAY_PREFIX = re.compile(r"^[^\W\d_]{2,12}\.?,\s*")
_MONTH_WORD = re.compile(r"[^\W\d_]{3,12}\.?")
_MONTHS = {key: month for month, keys in {
    "Jan": "gen ene jan", "Feb": "feb fev fév", "Mar": "mar mär mrz mrt", "Apr": "apr abr avr",
    "May": "mag mai may mei", "Jun": "giu jun juin", "Jul": "lug jul juil", "Aug": "ago aug aoû",
    "Sep": "set sep", "Oct": "ott okt oct out", "Nov": "nov", "Dec": "dic dez dec déc"}.items()
    for key in keys.split()}
_TWELVE_HOUR = re.compile(r"\b(\d{1,2})(:\d\d(?::\d\d)?)\s*([AaPp])\.?[Mm]\b")
_LEADING_SPACE = re.compile(rb"(\xef\xbb\xbf)?[ \t\r\n]+<")
_LABEL_COMPLAINTS = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)

# What bound_entries looks for: CDATA sections and comments (skipped whole: an <item> inside one is
# text) and entry start/end tags, with any namespace prefix and in any case (the lenient parser folds it).
_ENTRY_MARK = (rb"<(?:(!\[CDATA\[)|(!--)|(/?)(?:[A-Za-z_][\w.\-]*:)?(?:item|entry)(?=[\s/>]))")
_MARK_BYTES = re.compile(_ENTRY_MARK, re.I)
_MARK_TEXT = re.compile(_ENTRY_MARK.decode(), re.I)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:\-]+)""")
# Encodings in which the byte "<" can be part of another character: never cut as bytes.
_NOT_ASCII_SAFE = ("utf-16", "utf16", "utf-32", "utf32", "ucs-2", "ucs2", "ucs-4", "ucs4", "utf-7", "utf7",
                   "iso-2022", "iso2022", "csiso2022", "hz", "cp037", "cp500", "cp1026", "cp1140", "ebcdic", "ibm0")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# "<" as the first character of a UTF-16/32 document without a byte order mark (XML 1.0, appendix F).
_WIDE_STARTS = ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
                (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be"))
_EBCDIC_XML = b"\x4c\x6f\xa7\x94"
_Markup = TypeVar("_Markup", bytes, str)


@dataclass(frozen=True)
class FeedEntry:
    guid: str | None
    link: str | None  # absolute URL
    title: str | None
    published_at: datetime | None  # UTC
    updated_at: datetime | None  # UTC
    summary: str | None  # plain text
    content_html: str | None = None  # full content (content:encoded / atom:content), if the feed carries it
    bad_link: str | None = None  # the link as written when it is no usable URL (``link`` is then None)

    @property
    def date(self) -> datetime | None:
        return self.published_at or self.updated_at


@dataclass(frozen=True)
class ScheduleHints:
    """What the feed says about how often to poll it (all optional)."""

    ttl_s: float | None = None  # RSS <ttl>, given in minutes
    update_period_s: float | None = None  # sy:updatePeriod / sy:updateFrequency
    skip_hours: frozenset[int] = frozenset()  # UTC hours 0-23
    skip_days: frozenset[int] = frozenset()  # 0 = Monday, as datetime.weekday()

    def to_dict(self) -> dict:
        return {"ttl_s": self.ttl_s, "update_period_s": self.update_period_s,
                "skip_hours": sorted(self.skip_hours), "skip_days": sorted(self.skip_days)}

    @classmethod
    def from_dict(cls, raw: dict | None) -> "ScheduleHints":
        raw = raw or {}
        return cls(ttl_s=raw.get("ttl_s"), update_period_s=raw.get("update_period_s"),
                   skip_hours=frozenset(raw.get("skip_hours") or ()), skip_days=frozenset(raw.get("skip_days") or ()))


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]  # newest first, at most MAX_ENTRIES
    total_entries: int  # before the cap
    hints: ScheduleHints = field(default_factory=ScheduleHints)
    error: str | None = None  # feedparser's complaint about malformed input, if any
    # WebSub discovery (W3C WebSub, 4): the HTTP Link header's first, then the document's (rel="hub";
    # JSON Feed "hubs"), absolute, in that order; the feed's own URL likewise (rel="self"; "feed_url")
    hubs: tuple[str, ...] = ()
    self_url: str | None = None


def parse_feed(body: bytes, url: str, *, content_type: str | None = None, max_entries: int = MAX_ENTRIES,
               link_header: str | None = None) -> ParsedFeed:
    """``link_header``: the response's HTTP ``Link`` header (several joined by commas), for WebSub discovery."""
    parsed = _parse_feed(body, url, content_type, max_entries)
    hubs, self_urls = header_links(link_header, url, "hub"), header_links(link_header, url, "self")
    if not hubs and not self_urls:
        return parsed
    return replace(parsed, hubs=tuple(dict.fromkeys(hubs + parsed.hubs)),
                   self_url=self_urls[0] if self_urls else parsed.self_url)


def _parse_feed(body: bytes, url: str, content_type: str | None, max_entries: int) -> ParsedFeed:
    if not body.strip():
        raise PermanentFetchError("empty_body", "the feed is empty", url=url)
    if jsonfeed.looks_like_json(body, content_type):
        return _parse_json_feed(body, url, max_entries)
    # Blank lines before "<?xml" (a PHP template's) make the document malformed to expat; the lenient
    # fallback would then read it, but as a broken feed. A UTF-16/32 body never matches (NULs).
    if leading := _LEADING_SPACE.match(body):
        body = (leading.group(1) or b"") + body[leading.end() - 1:]
    # No content-location: feedparser would then also "resolve" non-URL guids against the feed URL.
    # Relative links are joined with the feed URL in _entry instead.
    headers: dict[str, str] = {}
    if content_type:
        headers["content-type"] = content_type  # its charset helps decoding
    bounded, dropped = bound_entries(body, max_entries)
    try:
        # A stream, never bytes: feedparser would treat a body that looks like a path as a file to open.
        parsed = feedparser.parse(io.BytesIO(bounded), response_headers=headers, sanitize_html=False,
                                  resolve_relative_uris=False)
    except Exception as exc:  # feedparser is lenient; anything it raises means "not a feed"
        raise PermanentFetchError("not_a_feed", f"feedparser failed: {type(exc).__name__}: {exc}", url=url) from exc
    if not parsed.get("version") and not parsed.entries:
        raise PermanentFetchError("not_a_feed", "the document is not RSS or Atom (an HTML page?)", url=url)

    entries = [_entry(raw, url) for raw in parsed.entries]
    total = len(entries) + dropped
    if total > max_entries:
        # Newest first; undated entries keep their place relative to each other (feeds list newest first).
        oldest = datetime.min.replace(tzinfo=timezone.utc)
        entries = sorted(entries, key=lambda entry: entry.date or oldest, reverse=True)[:max_entries]
    error = None
    # A missing or odd Content-Type is the server's label, not a fault of the feed: not recorded.
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), _LABEL_COMPLAINTS):
        error = f"{type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}"
    feed = parsed.feed
    return ParsedFeed(
        title=_text(feed.get("title")),
        entries=entries,
        total_entries=total,
        hints=_hints(feed, body),
        error=error,
        hubs=_links(feed.get("links"), "hub", url),
        self_url=next(iter(_links(feed.get("links"), "self", url)), None),
    )


def _parse_json_feed(body: bytes, url: str, max_entries: int) -> ParsedFeed:
    """A JSON Feed, with the same entry fields, link checks and cap as RSS and Atom."""
    title, items, (hubs, self_url) = jsonfeed.read_json_feed(body, url)
    entries = []
    for item in items:
        link, bad_link = absolute_link(item["link"], url)
        summary = _text(item["summary"])
        entries.append(FeedEntry(
            guid=item["guid"], link=link, bad_link=bad_link, title=_text(item["title"]),
            published_at=item["published_at"], updated_at=item["updated_at"],
            summary=summary[:SUMMARY_MAX_CHARS] if summary else None, content_html=item["content_html"]))
    total = len(entries)
    if total > max_entries:
        oldest = datetime.min.replace(tzinfo=timezone.utc)
        entries = sorted(entries, key=lambda entry: entry.date or oldest, reverse=True)[:max_entries]
    return ParsedFeed(title=_text(title), entries=entries, total_entries=total,
                      hubs=tuple(link for hub in hubs if (link := absolute_link(hub, url)[0])),
                      self_url=absolute_link(self_url, url)[0])


def _links(links: object, rel: str, feed_url: str) -> tuple[str, ...]:
    """The absolute http(s) hrefs of the feed-level links with this ``rel``, in document order."""
    found = [absolute_link(str(dict.get(link, "href") or "").strip() or None, feed_url)[0]
             for link in links or [] if isinstance(link, dict) and dict.get(link, "rel") == rel]
    return tuple(dict.fromkeys(href for href in found if href))


def bound_entries(body: bytes, keep: int) -> tuple[bytes, int]:
    """``body`` with only the first and the last ``keep`` entry elements, and how many were cut out.

    A scan, no parse: CDATA sections and comments are skipped, entries do not nest (an unclosed
    ``<item>`` ends where the next begins), whatever lies between the cut entries (a channel element
    among the items) stays, and the scan ends at an unclosed CDATA section, comment or tag (the rest
    is text to any parser). UTF-16/32 (by byte order mark or by the first "<") and declared encodings
    in which the byte "<" can be part of another character (ISO-2022, UTF-7, EBCDIC) are decoded,
    cut as text and re-encoded; a body that does not decode as declared is cut as bytes, as the
    lenient parser then reads it in an ASCII-compatible fallback.
    """
    for encoding in _encodings_to_cut_as_text(body):
        try:
            text = body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        bounded, dropped = _cut(text, keep)
        if dropped:
            try:
                return bounded.encode(encoding), dropped
            except UnicodeEncodeError:
                continue
    return _cut(body, keep)


def _encodings_to_cut_as_text(body: bytes) -> list[str]:
    for bom, name in _BOMS:
        if body.startswith(bom):
            return [name]
    for start, name in _WIDE_STARTS:
        if body.startswith(start):
            return [name]
    if body.startswith(_EBCDIC_XML):  # "<?xm" in EBCDIC: the declaration names which EBCDIC
        declared = _XML_ENCODING.match(body[:512].decode("cp037").encode("ascii", "replace"))
        return [declared.group(1).decode("ascii"), "cp037"] if declared else ["cp037"]
    declared = _XML_ENCODING.match(body[:512])
    if declared and declared.group(1).decode("ascii").lower().startswith(_NOT_ASCII_SAFE):
        return [declared.group(1).decode("ascii")]
    return []


def _cut(text: _Markup, keep: int) -> tuple[_Markup, int]:
    spans = _entry_spans(text)
    if len(spans) <= 2 * keep:
        return text, 0
    cut = spans[keep:len(spans) - keep]
    pieces = [text[:cut[0][0]], *(text[end:start] for (_, end), (start, _) in zip(cut, cut[1:])), text[cut[-1][1]:]]
    return text[:0].join(pieces), len(cut)


def _entry_spans(text: _Markup) -> list[tuple[int, int]]:
    """(start, end) of every complete entry element, up to where the markup can be followed."""
    binary = isinstance(text, bytes)
    mark = _MARK_BYTES if binary else _MARK_TEXT
    cdata_end, comment_end, gt, slash = (b"]]>", b"-->", b">", b"/") if binary else ("]]>", "-->", ">", "/")
    spans: list[tuple[int, int]] = []
    start: int | None = None  # of the entry being read
    pos = 0
    while (found := mark.search(text, pos)) is not None:
        if found.group(1) or found.group(2):
            end = text.find(cdata_end if found.group(1) else comment_end, found.end())
            if end < 0:
                break
            pos = end + 3
            continue
        close = text.find(gt, found.end())
        if close < 0:
            break
        pos = close + 1
        if found.group(3):  # an end tag
            if start is not None:
                spans.append((start, pos))
                start = None
        elif text[close - 1:close] == slash:  # <item/>
            if start is not None:
                spans.append((start, found.start()))
            spans.append((found.start(), pos))
            start = None
        else:
            if start is not None:  # entries do not nest: the unclosed one ends here
                spans.append((start, found.start()))
            start = found.start()
    return spans


def _entry(raw: dict, feed_url: str) -> FeedEntry:
    # dict.get, not FeedParserDict.get: its key aliases (updated_parsed -> published_parsed) warn and blur.
    def get(key: str):
        return dict.get(raw, key)

    link = (get("link") or "").strip() or None
    if link is None and get("guidislink"):  # an RSS guid that is a permalink
        link = (get("id") or "").strip() or None
    link, bad_link = absolute_link(link, feed_url)
    summary = _text(get("summary"))
    return FeedEntry(
        guid=(get("id") or "").strip() or None,
        link=link,
        bad_link=bad_link,
        title=_text(get("title")),
        published_at=_date(get("published_parsed"), get("published")),
        updated_at=_date(get("updated_parsed"), get("updated")),
        summary=summary[:SUMMARY_MAX_CHARS] if summary else None,
        content_html=_content(get("content")),
    )


def _date(parsed_time, raw: object) -> datetime | None:
    """feedparser's reading of a date, else :func:`_foreign_date`'s; a 12-hour clock read as 24-hour
    first (feedparser drops "PM", and the zone after it)."""
    if isinstance(raw, str) and _TWELVE_HOUR.search(raw[:100]):
        raw = _TWELVE_HOUR.sub(_as_24_hour, raw[:100], count=1)
        return _utc(parse_any_date(raw)) or _foreign_date(raw)
    return _utc(parsed_time) or _foreign_date(raw)


def _as_24_hour(clock: re.Match) -> str:
    hour, afternoon = int(clock.group(1)), clock.group(3).lower() == "p"
    if not 1 <= hour <= 12:
        return clock.group(0)
    hour = hour % 12 + (12 if afternoon else 0)
    return f"{hour:02d}{clock.group(2)}"


def _foreign_date(raw: object) -> datetime | None:
    """A date feedparser could not read because its day or month is not English ("mer, 16 nov 2022")."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = _WEEKDAY_PREFIX.sub("", raw.strip()[:100], count=1)
    text = _MONTH_WORD.sub(lambda word: _MONTHS.get(word.group(0)[:4].lower()) or _MONTHS.get(
        word.group(0)[:3].lower()) or word.group(0), text, count=1)
    return _utc(parse_any_date(text))


def _content(contents) -> str | None:
    """The longest HTML/text content block of an entry (archives replay from it: the page may be gone)."""
    values = [str(dict.get(block, "value") or "") for block in contents or [] if isinstance(block, dict)]
    longest = max(values, key=len, default="")
    return longest or None


def _hints(feed: dict, body: bytes) -> ScheduleHints:
    ttl_s = _number(feed.get("ttl"))
    period = UPDATE_PERIODS.get(str(feed.get("sy_updateperiod", "")).strip().lower())
    frequency = _number(feed.get("sy_updatefrequency")) or 1.0
    skip_hours: set[int] = set()
    skip_days: set[int] = set()
    if match := _SKIP_HOURS.search(body):
        skip_hours = {int(hour) % 24 for hour in _HOUR.findall(match.group(1)) if int(hour) <= 24}
    if match := _SKIP_DAYS.search(body):
        skip_days = {DAY_NAMES[day.decode().lower()] for day in _DAY.findall(match.group(1))
                     if day.decode().lower() in DAY_NAMES}
    if len(skip_hours) >= 24 or len(skip_days) >= 7:
        skip_hours, skip_days = set(), set()  # "never poll" is a broken feed, not an instruction
    return ScheduleHints(
        ttl_s=ttl_s * 60 if ttl_s else None,
        update_period_s=period / max(frequency, 1.0) if period else None,
        skip_hours=frozenset(skip_hours),
        skip_days=frozenset(skip_days),
    )


def _utc(parsed_time) -> datetime | None:
    # feedparser normalises dates to UTC struct_time; timegm keeps it UTC.
    if not parsed_time:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed_time), tz=timezone.utc)
    except (OverflowError, ValueError, OSError):
        return None


def _number(value: object) -> float | None:
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _text(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(html.unescape(_TAG.sub(" ", value)).split())
    return text or None
