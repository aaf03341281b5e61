"""What a response body is: its declared type, its first bytes, its decoded size. No I/O here.

``fetch.py`` feeds raw (still compressed) chunks into :class:`CappedDecoder` and turns its
exceptions into fetch errors. Decoding is ours rather than httpx's because httpx inflates a whole
network chunk at once, and 64 KiB of gzip can inflate to 64 MiB: here zlib is asked for at most
what is left under the cap, so a gzip bomb costs ``max_bytes`` of memory and no more.
"""

from __future__ import annotations

import zlib
from typing import Literal

Kind = Literal["feed", "page", "robots"]

# Feeds are served as every kind of XML, as JSON (JSON Feed), as text/*, and by misconfigured servers
# as octet-stream: parse.py decides whether the bytes are a feed.
FEED_TYPE_MARKERS = ("xml", "rss", "atom", "json", "text/", "application/octet-stream")
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Magic numbers of things that are never a page or a feed, whatever the Content-Type says.
BINARY_MAGIC = {
    b"%PDF-": "PDF", b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG", b"GIF8": "GIF",
    b"PK\x03\x04": "ZIP", b"\x1f\x8b": "gzip data", b"RIFF": "RIFF media",
}


class TooLarge(Exception):
    pass


class BadEncoding(Exception):
    pass


def content_type(header: str | None) -> tuple[str | None, str | None]:
    """(media type in lower case, charset) from a Content-Type header; Nones when absent."""
    if not header:
        return None, None
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower() or None, charset


def declared_type_fits(kind: Kind, media_type: str | None) -> bool:
    if media_type is None or kind == "robots":
        return True  # no header: the first bytes decide (binary_kind)
    if kind == "page":
        return media_type in PAGE_TYPES
    return any(marker in media_type for marker in FEED_TYPE_MARKERS)


def binary_kind(data: bytes) -> str | None:
    """The name of the binary format ``data`` starts with, or None."""
    head = data[:16]
    for magic, name in BINARY_MAGIC.items():
        if head.startswith(magic):
            return name
    return None


class CappedDecoder:
    """Content-Encoding (identity, gzip, deflate) decoding that stops past ``max_bytes`` decoded."""

    def __init__(self, encoding: str, max_bytes: int):
        encoding = encoding.strip().lower()
        self._max = max_bytes
        self._chunks: list[bytes] = []
        self._size = 0
        self._raw_deflate_tried = False
        self._deflate = encoding == "deflate"
        if encoding in ("identity", ""):
            self._zlib = None
        elif encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self._deflate:
            self._zlib = zlib.decompressobj()
        else:
            raise BadEncoding(f"Content-Encoding {encoding!r} was not asked for")

    def feed(self, data: bytes) -> None:
        if self._zlib is None:
            self._add(data)
            return
        while data:
            limit = self._max - self._size + 1  # one byte over the cap is enough to know
            try:
                piece = self._zlib.decompress(data, limit)
            except zlib.error as exc:
                if not (self._deflate and self._size == 0 and not self._raw_deflate_tried):
                    raise BadEncoding(f"cannot decode the body: {exc}") from exc
                # "deflate" is zlib-wrapped by the RFC but raw by some servers: try raw once.
                self._raw_deflate_tried = True
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._add(piece)
            data = self._zlib.unconsumed_tail

    def finish(self) -> bytes:
        if self._zlib is not None:
            try:
                self._add(self._zlib.flush())
            except zlib.error as exc:
                raise BadEncoding(f"cannot decode the body: {exc}") from exc
        return b"".join(self._chunks)

    def _add(self, piece: bytes) -> None:
        self._size += len(piece)
        if self._size > self._max:
            raise TooLarge(f"body larger than {self._max} bytes (decoded)")
        self._chunks.append(piece)
