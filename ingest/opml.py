"""OPML as people's feed readers export it: read leniently, and say what could not be used.

Most OPML files in the wild are not well-formed XML (a bare ``&`` in a feed URL, HTML entities such
as ``&nbsp;``, stray ``<br>`` markup, an encoding declaration the bytes do not follow). Readers
import them anyway, and so does :func:`read_opml`:

1. the bytes are decoded as UTF-8 when they are valid UTF-8 (whatever the declaration says: a
   Latin-1 file is almost never valid UTF-8, a mislabelled UTF-8 file always is), else in the declared
   encoding, else as Windows-1252;
2. ``&`` that starts no entity becomes ``&amp;``, HTML's named entities become their characters
   (lxml's recovering parser would otherwise drop them, and with them half a URL);
3. lxml's recovering parser reads the rest; every ``<outline>`` at any depth counts (groups are
   flattened), its attributes in any case (``xmlUrl``, ``xmlurl``, ``XMLURL``);
4. the ``<outline>`` start tags are also counted by a plain scan of the text: when the parser gave
   up early (markup broken beyond repair) the scan's reading is used, so no outline is lost silently.

Every outline that is no group becomes a feed or a :class:`Skipped` line saying why: no feed URL, not
an http(s) URL, a duplicate of an earlier outline. ``feed://`` URLs are read as ``http://``.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass, field
from html.entities import html5
from urllib.parse import urlsplit

from lxml import etree

from newswire.ingest.feedspec import FeedSpec

_DECLARATION = re.compile(r"""\A\s*<\?xml[^>]*?\?>""")
_DECLARED = re.compile(rb"""\A\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:\-]+)""")
_AMPERSAND = re.compile(r"&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)?")
_XML_ENTITIES = {"amp;", "lt;", "gt;", "quot;", "apos;"}
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)", re.S)
# A start tag ends before the next "<" (a raw "<" is no attribute text): linear however broken the file.
_OUTLINE_TAG = re.compile(r"<outline\b([^<]{0,65536})", re.I)
# Possessive and anchored after a non-name character: linear on a 64 KiB run of letters too.
_ATTRIBUTE = re.compile(r"""(?<![\w:.\-])([A-Za-z_][\w:.\-]*+)\s*+=\s*+(?:"([^"]*)"|'([^']*)'|([^\s"'>/]++))""")


@dataclass(frozen=True)
class Skipped:
    line: int | None  # in the file, when known
    text: str | None  # the outline's title or text
    reason: str  # e.g. "no feed URL", "not an http(s) URL: 'ftp://...'", "duplicate of line 12"
    kind: str = "no_url"  # no_url | not_http | duplicate

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "an outline"
        name = f" {self.text[:80]!r}" if self.text else ""
        return f"{where}{name}: {self.reason}"


@dataclass
class OpmlReport:
    """What one OPML file gave: its feeds, the outlines skipped and why, and what was repaired."""

    feeds: list[FeedSpec] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)  # what was wrong with the file and was worked around
    fatal: str | None = None  # set when the file is no OPML at all (nothing was read)

    @property
    def outlines(self) -> int:
        """Outlines that are not groups: each is a feed or a skipped line."""
        return len(self.feeds) + len(self.skipped)


def read_opml(data: bytes, source: str = "OPML") -> OpmlReport:
    report = OpmlReport()
    text = _decode(data, report)
    text = _DECLARATION.sub("", text, count=1)
    text = _repair_entities(text, report)
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:  # recover=True raises only when nothing at all was read
        root = None
        report.repairs.append(f"not XML: {exc}")
    errors = [f"line {error.line}: {error.message}" for error in parser.error_log][:3]
    if errors:
        report.repairs.append("malformed XML, read leniently (" + "; ".join(errors) + ")")
    scanned = _scan_outlines(text)
    parsed: list[tuple[int | None, dict[str, str], bool]] = []
    if root is not None and isinstance(root.tag, str) and root.tag.lower() != "opml" and not scanned:
        report.fatal = f"{source}: root element is <{root.tag}>, expected <opml>"
        return report
    if root is not None:
        for outline in root.iter():
            if isinstance(outline.tag, str) and outline.tag.lower() == "outline":
                has_children = any(isinstance(child.tag, str) and child.tag.lower() == "outline" for child in outline)
                parsed.append((outline.sourceline, {k.lower(): v for k, v in outline.attrib.items()}, has_children))
    if len(scanned) > len(parsed):
        report.repairs.append(f"the XML parser read {len(parsed)} of the {len(scanned)} <outline> tags: "
                              "all were read by a scan of the tags instead")
        parsed = scanned
    if not parsed and root is None:
        report.fatal = f"{source}: not valid OPML/XML ({errors[0] if errors else 'no element found'})"
        return report
    _classify(parsed, report)
    return report


def _decode(data: bytes, report: OpmlReport) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    declared_match = _DECLARED.match(data[:512])
    declared = declared_match.group(1).decode("ascii").lower() if declared_match else None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if declared and _codec(declared) not in ("utf-8", "ascii", None) and not text.isascii():
            report.repairs.append(f"declared {declared} but is UTF-8: read as UTF-8")
        return text
    if declared and _codec(declared) not in ("utf-8", None):
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    report.repairs.append(f"declared {declared or 'no encoding'} but is not UTF-8: read as Windows-1252")
    return data.decode("cp1252", errors="replace")


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _repair_entities(text: str, report: OpmlReport) -> str:
    fixes = {"bare &": 0, "HTML entities": 0}

    def fix(match: re.Match) -> str:
        entity = match.group(1)
        if entity is None:
            fixes["bare &"] += 1
            return "&amp;"
        if entity.startswith("#") or entity in _XML_ENTITIES:
            return match.group(0)
        character = html5.get(entity)
        if character is None:
            fixes["bare &"] += 1  # "&unknown;" is text, as a browser would show it
            return "&amp;" + entity
        fixes["HTML entities"] += 1
        return html.escape(character)

    repaired = _AMPERSAND.sub(fix, text)
    for what, count in fixes.items():
        if count:
            report.repairs.append(f"{count} {what} replaced")
    return repaired


def _scan_outlines(text: str) -> list[tuple[int | None, dict[str, str], bool]]:
    """Every <outline> start tag of the text (comments and CDATA left out), with its attributes."""
    blanked = _COMMENT.sub(lambda match: "\n" * match.group(0).count("\n"), text)
    found = []
    line, counted_to = 1, 0
    for tag in _OUTLINE_TAG.finditer(blanked):
        attributes = {}
        for name, double, single, bare in _ATTRIBUTE.findall(tag.group(1)):
            attributes.setdefault(name.lower(), html.unescape(double or single or bare))
        line += blanked.count("\n", counted_to, tag.start())
        counted_to = tag.start()
        is_open = not tag.group(1).rstrip().endswith("/>")
        has_children = is_open and bool(re.match(r"\s*<outline\b", blanked[tag.end():tag.end() + 2000], re.I))
        found.append((line, attributes, has_children))
    return found


def _classify(outlines: list[tuple[int | None, dict[str, str], bool]], report: OpmlReport) -> None:
    seen: dict[str, int | None] = {}
    for line, attributes, has_children in outlines:
        name = (attributes.get("title") or attributes.get("text") or "").strip() or None
        raw = " ".join((attributes.get("xmlurl") or "").split())
        if not raw:
            if has_children:
                continue  # a group: its outlines are read on their own
            other = (attributes.get("htmlurl") or attributes.get("url") or "").strip()
            why = f"no feed URL (xmlUrl), only the page {other[:200]!r}" if other else "no feed URL (xmlUrl)"
            report.skipped.append(Skipped(line, name, why))
            continue
        url = feed_url(raw)
        if url is None:
            report.skipped.append(Skipped(line, name, f"not an http(s) URL: {raw[:200]!r}", "not_http"))
            continue
        if url in seen:
            earlier = seen[url]
            why = f"duplicate of line {earlier}" if earlier else "duplicate"
            report.skipped.append(Skipped(line, name, why, "duplicate"))
            continue
        seen[url] = line
        report.feeds.append(FeedSpec(url=url, title=name))


def feed_url(value: str) -> str | None:
    """``value`` as an http(s) URL (``feed://`` and ``feed:http...`` read as readers do), or None."""
    value = value.strip()
    lowered = value.lower()
    if lowered.startswith("feed:http"):
        value = value[5:]
    elif lowered.startswith("feed://"):
        value = "http://" + value[7:]
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises on a port past 65535)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in value:
        return None
    return value
