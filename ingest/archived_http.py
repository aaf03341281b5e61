"""The HTTP message a WARC ``response`` record holds: status, headers, and the body as the server
meant it (de-chunked, its ``Content-Encoding`` of gzip, deflate, br or zstd undone, bounded).

Writers differ: wget and warcprox store chunked bodies already de-chunked, Common Crawl stores bodies
decoded and renames the header (``X-Crawler-Content-Encoding``), some keep ``Content-Encoding`` on a
body they stored decoded. Each is read as it is.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

MAX_HEADER_BYTES = 256 * 1024  # a WARC or HTTP header block longer than this is not one


def header_end(data: bytearray) -> tuple[int, int]:
    """(index of the blank line ending a header block, its length), or (-1, 0) if none yet."""
    crlf = data.find(b"\r\n\r\n", 0, MAX_HEADER_BYTES + 4)
    lf = data.find(b"\n\n", 0, crlf if crlf >= 0 else MAX_HEADER_BYTES + 2)  # bare LF: some old writers
    if lf >= 0 and (crlf < 0 or lf < crlf):
        return lf, 2
    return crlf, (4 if crlf >= 0 else 0)


def parse_headers(text: str) -> dict[str, str]:
    """Header lines (the first, the version or status line, skipped) -> lower-cased name: value."""
    headers: dict[str, str] = {}
    last = None
    for line in text.replace("\r\n", "\n").split("\n")[1:]:
        if line[:1] in (" ", "\t") and last:
            headers[last] += " " + line.strip()
            continue
        name, colon, value = line.partition(":")
        if colon:
            last = name.strip().lower()
            headers[last] = value.strip() if last not in headers else headers[last] + ", " + value.strip()
    return headers


@dataclass(frozen=True)
class HttpMessage:
    status: int | None  # None when the status line cannot be read
    headers: dict[str, str]  # names lower-cased
    body: bytes  # as recorded (still chunked / content-encoded)


def split_http(block: bytes) -> tuple[bytes, bytes] | None:
    end, sep = header_end(bytearray(block[:MAX_HEADER_BYTES + 4]))
    if end < 0:
        return None
    return block[:end], block[end + sep:]


def parse_http(block: bytes) -> HttpMessage | None:
    split = split_http(block)
    if split is None:
        return None
    head, body = split
    text = head.decode("iso-8859-1")
    status_line = text.split("\n", 1)[0].strip()
    match = re.match(r"HTTP/\d(?:\.\d)?\s+(\d{3})", status_line)
    return HttpMessage(int(match.group(1)) if match else None, parse_headers(text), body)


def dechunk(body: bytes) -> bytes | None:
    """The body of a chunked transfer, or None if it is not one."""
    out = bytearray()
    at = 0
    while True:
        line_end = body.find(b"\n", at)
        if line_end < 0:
            return None
        size_text = body[at:line_end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return None
        if size == 0:
            return bytes(out)
        start = line_end + 1
        if start + size > len(body):
            return None
        out.extend(body[start:start + size])
        at = start + size
        if body[at:at + 2] == b"\r\n":
            at += 2
        elif body[at:at + 1] == b"\n":
            at += 1
        else:
            return None


class BadEncoding(Exception):
    pass


def decode_body(message: HttpMessage, limit: int) -> bytes:
    """The entity as the server meant it: de-chunked and its Content-Encoding undone, at most ``limit``
    bytes plus one. :class:`BadEncoding` when it cannot be undone."""
    body = message.body
    if "chunked" in message.headers.get("transfer-encoding", "").lower():
        dechunked = dechunk(body)
        if dechunked is not None:
            body = dechunked  # else the writer stored it de-chunked already (wget, warcprox do)
    encodings = [e.strip().lower() for e in message.headers.get("content-encoding", "").split(",") if e.strip()]
    for encoding in reversed(encodings):
        if encoding in ("identity", "none", "utf-8", "text/html"):
            continue
        try:
            body = _undo(encoding, body, limit)
        except BadEncoding:
            if body.lstrip()[:1] == b"<":
                break  # stored decoded with the header kept (wget does this)
            raise
    return body


def _undo(encoding: str, body: bytes, limit: int) -> bytes:
    """One Content-Encoding undone; at most ``limit`` + 1 bytes out (more is too large anyway). A stream
    that ends before its end marker is refused: a cut body must not become a partial article."""
    try:
        if encoding in ("gzip", "x-gzip", "deflate"):
            raw = encoding == "deflate" and body[:1] != b"\x78"  # raw deflate, not zlib-wrapped
            inflater = zlib.decompressobj(-15 if raw else 47)
            out = inflater.decompress(body, limit + 1)
            finished = inflater.eof
        elif encoding == "br":
            import brotli

            decoder = brotli.Decompressor()
            out = decoder.process(body, output_buffer_limit=limit + 1)
            finished = decoder.is_finished()
        elif encoding == "zstd":
            import zstandard

            with zstandard.ZstdDecompressor().stream_reader(body) as reader:
                out = reader.read(limit + 1)
            # A frame cut short reads as a shorter output: check the frame's stated size when it has one.
            params = zstandard.get_frame_parameters(body)
            finished = params.content_size in (zstandard.CONTENTSIZE_UNKNOWN, len(out)) or len(out) > limit
        else:
            raise BadEncoding(f"unknown Content-Encoding {encoding!r}")
    except BadEncoding:
        raise
    except Exception as exc:  # noqa: BLE001 - each codec raises its own error type
        raise BadEncoding(f"Content-Encoding {encoding} does not decode: {type(exc).__name__}: {exc}") from exc
    if not finished and len(out) <= limit:
        raise BadEncoding(f"Content-Encoding {encoding}: the body ends early")
    return out
