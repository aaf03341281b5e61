"""WARC files -> records, read so that damage costs the damaged record and nothing else.

warcio stops at the first record it cannot read and does not notice a record cut short, so this
module reads the format itself (WARC 1.0/1.1, as wget, wpull, Heritrix, Nutch, pywb, warcprox and
jwat write it):

- **Compression.** Per-record gzip (one member a record, the usual ``.warc.gz``), a whole file
  gzipped as one member (``gzip x.warc``), or none; recognised by the first bytes, not the name.
- **Damage.** A gzip member that does not inflate, or a record whose header cannot be parsed, is a
  :class:`Damage` (``bad_record``) naming its byte offset: the offset of its gzip member in a
  compressed file, of its ``WARC/1.x`` line otherwise. Reading resumes at the next gzip member, or
  at the next ``WARC/1.x`` line of an uncompressed file. Records before the damage stand.
- **Truncation.** A record is whole only if its block has ``Content-Length`` bytes, the record
  ends there (blank line, then the next record, the end of its gzip member, or the end of the
  file), and its ``WARC-Block-Digest`` / ``WARC-Payload-Digest`` match where present (sha1, sha256,
  md5...; base32, hex or base64). Anything else is a :class:`Damage` (``truncated_record``).
- **Bounded memory.** A block larger than ``MAX_BLOCK_BYTES`` is passed over, not held, and
  reported as :class:`Oversized`.

The HTTP message inside a ``response`` record is read by ``ingest.archived_http``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from newswire.ingest.archived_http import MAX_HEADER_BYTES, dechunk, header_end, parse_headers, split_http
from newswire.ingest.warc_stream import GZIP_MAGIC, Boundary, Broken, Data, gzip_events, plain_events

MAX_BLOCK_BYTES = 32 * 1024 * 1024  # larger records (video, archives) are skipped, never buffered
READ_BYTES = 1024 * 1024
_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:")
_BLANK = re.compile(rb"[\r\n\t \x00]*")
_WARC_LINE = re.compile(rb"(WARC/[0-9]\.[0-9]{1,2})\r?\n")  # 1.0, 1.1; 0.17, 0.18 (ClueWeb09)


@dataclass(frozen=True)
class WarcRecord:
    offset: int  # of the record (of its gzip member, in a compressed file)
    headers: dict[str, str]  # WARC header names lower-cased
    block: bytes

    @property
    def type(self) -> str:
        return self.headers.get("warc-type", "").strip().lower()

    @property
    def url(self) -> str:
        return self.headers.get("warc-target-uri", "").strip().strip("<>")

    @property
    def is_http(self) -> bool:
        """The block is an HTTP message (a response record of an http(s) capture)."""
        return "application/http" in self.headers.get("content-type", "").lower() or self.block[:5] == b"HTTP/"


@dataclass(frozen=True)
class Damage:
    offset: int
    reason: str  # bad_record | truncated_record
    error: str
    url: str | None = None
    where: str | None = None  # for a person: "byte N", and inside a whole-file gzip, where once inflated


@dataclass(frozen=True)
class Oversized:
    offset: int
    headers: dict[str, str]
    length: int


# --- events -> records ---------------------------------------------------------------------------

class _Buffer:
    """Uncompressed bytes not parsed yet, with the file offset each came from."""

    def __init__(self, gzipped: bool):
        self.data = bytearray()
        self.marks: list[tuple[int, int, int]] = []  # (index in data, offset of the piece / member, inner)
        self.gzipped = gzipped

    def add(self, piece: Data) -> None:
        self.marks.append((len(self.data), piece.offset, piece.inner))
        self.data.extend(piece.data)

    def _mark(self, index: int) -> tuple[int, int, int]:
        found = (0, 0, 0)
        for mark in self.marks:
            if mark[0] > index:
                break
            found = mark
        return found

    def offset(self, index: int = 0) -> int:
        at, offset, _ = self._mark(index)
        return offset if self.gzipped else offset + index - at

    def where(self, index: int = 0) -> str:
        """Where ``index`` is, for a person: the byte offset, and in a gzip member that holds more than
        one record (a whole-file gzip), the offset in its inflated bytes too."""
        at, offset, inner = self._mark(index)
        if not self.gzipped:
            return f"byte {offset + index - at}"
        inner += index - at
        return f"byte {offset}" + (f" (gzip member; byte {inner} once inflated)" if inner else "")

    def drop(self, count: int) -> None:
        count = min(count, len(self.data))
        del self.data[:count]
        marks = [(at - count, value, inner) for at, value, inner in self.marks]
        keep = [m for m in marks if m[0] > 0]
        before = [m for m in marks if m[0] <= 0]
        if before and (not keep or keep[0][0] > 0):
            at, value, inner = before[-1]
            keep.insert(0, (0, value, inner - at) if self.gzipped else (0, value - at, 0))
        self.marks = keep

    def clear(self) -> None:
        self.drop(len(self.data))


def read_records(stream: BinaryIO) -> Iterator[WarcRecord | Damage | Oversized]:
    """Every record of a WARC stream, or the damage where one cannot be read."""
    head = stream.read(64 * 1024)
    stream.seek(-len(head), 1)
    gzipped = _looks_gzipped(head)
    parser = _Parser(gzipped)
    events = gzip_events(stream, READ_BYTES, MAX_BLOCK_BYTES) if gzipped else plain_events(stream, READ_BYTES)
    for event in events:
        yield from parser.feed(event)
    yield from parser.finish()


def _looks_gzipped(head: bytes) -> bool:
    """Gzip or not, from the first bytes, even when they are damaged: a WARC header in plain text (a
    WARC line, then Content-Length) means an uncompressed file; else the gzip magic (or the start of
    it, in a file cut that short), or whichever of a gzip header and a WARC line comes first."""
    line = _WARC_LINE.search(head)
    if line is not None and _CONTENT_LENGTH.search(head, line.end()):
        return False
    if head[:3] == GZIP_MAGIC or (head and len(head) < 3 and GZIP_MAGIC.startswith(head)):
        return True
    member = head.find(GZIP_MAGIC)
    return member >= 0 and (line is None or member < line.start())


class _Parser:
    def __init__(self, gzipped: bool):
        self.buffer = _Buffer(gzipped)
        self.gzipped = gzipped
        self.skip = 0  # bytes of an oversized block still to pass over
        self.at_boundary = False  # the buffer ends where a gzip member ended
        self.seeking = False  # plain file: looking for the next WARC/1.x line after unreadable bytes
        self.skip_member = False  # gzip: the rest of this member is unreadable (reported already)
        self.last_member = -1  # gzip: offset of the member the last data came from

    def feed(self, event) -> Iterator[WarcRecord | Damage | Oversized]:
        if isinstance(event, Boundary):
            self.at_boundary = True
            self.skip_member = False
            yield from self._parse(boundary=True)
            return
        if isinstance(event, Broken):
            if event.reason == "truncated_record":  # cut inside a member: whole records in it stand
                yield from self._parse(boundary=True)
                if _has_data(self.buffer.data):
                    yield self._damage(event.reason, event.error, self._pending_url())
                elif self.last_member != event.offset:  # the cut member gave nothing at all
                    yield Damage(event.offset, event.reason, event.error)
            else:  # corrupt: nothing of this member since the last whole record can be trusted
                yield Damage(event.offset, event.reason, event.error, self._pending_url())
            self.buffer.clear()
            self.skip = 0
            self.skip_member = False
            self.at_boundary = True
            return
        data = event.data
        self.last_member = event.offset
        if self.skip:
            used = min(self.skip, len(data))
            self.skip -= used
            data = data[used:]
            if not data:
                return
            event = (Data(event.offset, data, event.inner + used) if self.gzipped
                     else Data(event.offset + used, data))
        if self.skip_member:
            return
        if self.at_boundary and _has_data(self.buffer.data) and data.lstrip(b"\r\n").startswith(b"WARC/"):
            # The record in hand ended with its member, short of its Content-Length.
            yield self._damage("truncated_record", "record ends before its Content-Length",
                         self._pending_url())
            self.buffer.clear()
        self.at_boundary = False
        self.buffer.add(event)
        yield from self._parse(boundary=False)

    def finish(self) -> Iterator[WarcRecord | Damage | Oversized]:
        yield from self._parse(boundary=True)
        if _has_data(self.buffer.data) and not self.seeking:
            yield self._damage("truncated_record", "file ends inside the record",
                         self._pending_url())
        self.buffer.clear()

    def _damage(self, reason: str, error: str, url: str | None = None) -> Damage:
        """Damage at the start of the buffer."""
        return Damage(self.buffer.offset(), reason, error, url, self.buffer.where())

    def _pending_url(self) -> str | None:
        end = self.buffer.data.find(b"\r\n\r\n")
        head = bytes(self.buffer.data[:end if end >= 0 else MAX_HEADER_BYTES])
        match = re.search(rb"(?im)^WARC-Target-URI:[ \t]*<?([^\r\n>]*)", head)
        return match.group(1).strip().decode("utf-8", "replace") if match else None

    def _resync(self, reason: str, error: str, url: str | None = None) -> Iterator[Damage]:
        """Report the bytes at the buffer's start as unreadable, and pass over them."""
        self.buffer.drop(_BLANK.match(self.buffer.data).end())
        yield self._damage(reason, error, url)
        self._pass_over()

    def _pass_over(self) -> None:
        """Skip to the next ``WARC/1.x`` line (plain file), or past the rest of this gzip member."""
        if self.gzipped:
            self.buffer.clear()
            self.skip_member = not self.at_boundary
            return
        match = _WARC_LINE.search(self.buffer.data, 1)
        if match is not None:
            self.buffer.drop(match.start(1))
        else:
            self.buffer.drop(max(0, len(self.buffer.data) - 16))  # a WARC line may straddle the next read
            self.seeking = True

    def _parse(self, boundary: bool) -> Iterator[WarcRecord | Damage | Oversized]:
        buf = self.buffer
        while True:
            data = buf.data
            lead = _BLANK.match(data).end()  # (lstrip would copy the whole buffer for every record)
            if lead:
                buf.drop(lead)
                data = buf.data
            if not data or self.skip_member:
                return
            if self.seeking:  # after unreadable bytes: look for the next record
                match = _WARC_LINE.search(data)
                if match is None:
                    buf.drop(max(0, len(data) - 16))
                    return
                buf.drop(match.start(1))
                self.seeking = False
                continue
            if not data.startswith(b"WARC/"):
                if len(data) < 5 and b"WARC/".startswith(bytes(data)):
                    return  # the start of a record: more to come, or finish() reports the cut
                yield from self._resync("bad_record", "bytes that are not a WARC record")
                continue
            end, sep = header_end(data)
            if end < 0:
                if len(data) > MAX_HEADER_BYTES:
                    yield from self._resync("bad_record", "WARC header has no end")
                    continue
                return  # need more (or, at the end, finish() reports the cut)
            headers = parse_headers(bytes(data[:end]).decode("utf-8", "replace"))
            url = headers.get("warc-target-uri", "").strip().strip("<>") or None
            try:
                length = int(headers["content-length"].strip())
                if length < 0:
                    raise ValueError(length)
            except (KeyError, ValueError) as exc:
                yield from self._resync("bad_record", f"no valid Content-Length ({exc})", url)
                continue
            body_at = end + sep
            if length > MAX_BLOCK_BYTES:
                yield Oversized(buf.offset(), headers, length)
                have = len(data) - body_at
                if have >= length:
                    buf.drop(body_at + length)
                    continue
                self.skip = length - have
                buf.clear()
                return
            record_end = body_at + length
            if len(data) < record_end:
                return  # need more; finish() or a new member reports the cut
            # The record must end here: blank line, then the next record or the end of the member.
            after = bytes(data[record_end:record_end + 4096]).lstrip(b"\r\n\t \x00")
            if not after or (len(after) < 5 and b"WARC/".startswith(after)):
                if not boundary:
                    return  # wait for what follows (or the member's end) to know it is whole
            elif not after.startswith(b"WARC/"):
                # Bytes that are no record follow the block. Its digest says whether the block is whole
                # (garbage after it) or Content-Length was short; without a digest, it cannot be trusted.
                offset = buf.offset()
                record = WarcRecord(offset, headers, bytes(data[body_at:record_end]))
                if "warc-block-digest" in headers and check_digests(record) is None:
                    buf.drop(record_end)
                    yield record
                    yield from self._resync("bad_record", "bytes that are not a WARC record")
                else:  # the next record may start inside what Content-Length claimed: resync from here
                    yield self._damage("truncated_record", "record does not end at its Content-Length", url)
                    self._pass_over()
                continue
            offset, where = buf.offset(), buf.where()
            record = WarcRecord(offset, headers, bytes(data[body_at:record_end]))
            buf.drop(record_end)
            problem = check_digests(record)
            if problem:
                yield Damage(offset, "truncated_record", problem, url, where)
            else:
                yield record


def _has_data(data: bytearray) -> bool:
    return _BLANK.match(data).end() < len(data)


# --- digests ---------------------------------------------------------------------------------------

def check_digests(record: WarcRecord) -> str | None:
    """Why the record's digests do not match its bytes, or None (also when it states none).

    The block digest covers every byte, so when it is there and matches, the record is whole; the
    payload digest is checked only without one, as writers disagree on what it covers (before or
    after de-chunking: both are accepted; non-HTTP responses have no defined payload).
    """
    block_digest = record.headers.get("warc-block-digest")
    if block_digest:
        return None if _matches(block_digest, [record.block]) else f"WARC-Block-Digest does not match ({block_digest})"
    payload_digest = record.headers.get("warc-payload-digest")
    if not payload_digest or record.type not in ("response", "resource"):
        return None
    payload = record.block
    if record.type == "response":
        if not record.is_http:
            return None
        split = split_http(record.block)
        if split is None:
            return None
        payload = split[1]
    candidates = [payload]
    dechunked = dechunk(payload)
    if dechunked is not None:
        candidates.append(dechunked)
    if not _matches(payload_digest, candidates):
        return f"WARC-Payload-Digest does not match ({payload_digest})"
    return None


def _matches(digest: str, candidates: list[bytes]) -> bool:
    algorithm, _, encoded = digest.strip().partition(":")
    try:
        hasher = hashlib.new(algorithm.strip().lower().replace("-", ""))
    except (ValueError, TypeError):
        return True  # an algorithm we do not know: nothing to check
    expected = _digest_bytes(encoded.strip(), hasher.digest_size)
    if expected is None:
        return True
    for data in candidates:
        copy = hasher.copy()
        copy.update(data)
        if copy.digest() == expected:
            return True
    return False


def _digest_bytes(encoded: str, size: int) -> bytes | None:
    """The digest in base32 (the usual), base16 or base64: whichever decodes to the right length."""
    for decode in (lambda s: base64.b32decode(s.upper() + "=" * (-len(s) % 8)),
                   lambda s: bytes.fromhex(s),
                   lambda s: base64.b64decode(s + "=" * (-len(s) % 4), validate=True)):
        try:
            value = decode(encoded)
        except (binascii.Error, ValueError):
            continue
        if len(value) == size:
            return value
    return None
