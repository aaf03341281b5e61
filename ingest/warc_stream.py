"""A WARC file's bytes as events for ``ingest.warc``'s parser: pieces of data, gzip member boundaries, damage.

An uncompressed file is read in pieces. A gzipped one is inflated member after member (per-record
gzip, or one member for the whole file); a member that does not inflate, or is cut by the end of the
file, is a :class:`Broken` event, and reading resumes at the next gzip header. The sizes come from
the caller (``warc.READ_BYTES``, ``warc.MAX_BLOCK_BYTES``), so one place bounds the memory.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import BinaryIO, Iterator

FEED_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b\x08"
RESYNC_WINDOW = 16 * 1024 * 1024  # compressed bytes kept to find the member after a corrupt one


@dataclass(frozen=True)
class Data:
    offset: int  # plain file: offset of the piece's first byte; gzip: offset of its member
    data: bytes
    inner: int = 0  # gzip: where the piece starts in its member's inflated bytes


@dataclass(frozen=True)
class Boundary:  # a gzip member ended cleanly
    pass


@dataclass(frozen=True)
class Broken:  # a gzip member is corrupt or cut; what came from it since the last whole record is void
    offset: int
    reason: str
    error: str


def plain_events(stream: BinaryIO, read_bytes: int) -> Iterator[Data]:
    offset = 0
    while chunk := stream.read(read_bytes):
        yield Data(offset, chunk)
        offset += len(chunk)


def gzip_events(stream: BinaryIO, read_bytes: int, max_block_bytes: int) -> Iterator[Data | Boundary | Broken]:
    """Inflate member after member; after a corrupt member, resume at the next gzip header.

    A corrupt member does not always fail: its deflate stream may run on through the members after
    it to the end of the file. So after a member that ends with the file, the bytes after its start
    are searched for later members too, quietly: one counts only if it inflates whole (CRC checked).
    """
    window = bytearray()  # compressed bytes from window_at on, for resynchronising
    window_at = 0
    member_at = 0
    eof = False
    quiet = False  # looking for members after one that ran to the end of the file

    def fill() -> bool:
        nonlocal eof
        if eof:
            return False
        chunk = stream.read(read_bytes)
        if not chunk:
            eof = True
            return False
        window.extend(chunk)
        return True

    fill()
    while True:
        start = member_at - window_at
        if start >= len(window) and not fill():
            return
        if len(window) - start < 3 and fill():
            continue
        if bytes(window[start:start + 3]) != GZIP_MAGIC:
            if not quiet:
                if window[start:].strip(b"\x00\r\n \t") == b"" and not fill():
                    return  # padding at the end of the file
                if eof and GZIP_MAGIC.startswith(bytes(window[start:])):
                    yield Broken(member_at, "truncated_record", "file ends inside a gzip header")
                    return
                yield Broken(member_at, "bad_record", "not a gzip member")
            found = _find_magic(window, start + 1, fill)
            if found is None:
                return
            member_at = window_at + found
            continue
        inflater = zlib.decompressobj(31)
        fed = start
        held: list[bytes] | None = [] if quiet else None  # a quiet candidate's output, until it proves whole
        held_bytes = produced = 0
        try:
            while not inflater.eof:
                if fed >= len(window) and not fill():
                    break
                piece = bytes(window[fed:fed + FEED_BYTES])  # bounded: members are often a few KB
                fed += len(piece)
                out = inflater.decompress(piece, read_bytes)
                while True:
                    if out and held is None:
                        yield Data(member_at, out, produced)
                        produced += len(out)
                    elif out:
                        held.append(out)
                        held_bytes += len(out)
                        if held_bytes > max_block_bytes:
                            raise zlib.error("too large for a member found by searching")
                    if not inflater.unconsumed_tail or inflater.eof:
                        break
                    out = inflater.decompress(inflater.unconsumed_tail, read_bytes)
                # Keep only the last RESYNC_WINDOW bytes: a whole-file gzip is one member of any size.
                keep_from = len(window) - RESYNC_WINDOW
                if keep_from > 0:
                    del window[:keep_from]
                    window_at += keep_from
                    start -= keep_from
                    fed -= keep_from
        except zlib.error as exc:
            if not quiet:
                yield Broken(member_at, "bad_record", f"gzip member does not inflate: {exc}")
            found = _find_magic(window, max(start + 1, 0), fill)
            if found is None:
                return
            member_at = window_at + found
            continue
        if not inflater.eof:
            if not quiet:
                yield Broken(member_at, "truncated_record", "file ends inside a gzip member")
            quiet = True
            found = _find_magic(window, max(start + 1, 0), lambda: False)
            if found is None:
                return
            member_at = window_at + found
            continue
        for out in held or ():
            yield Data(member_at, out, produced)
            produced += len(out)
        quiet = False
        yield Boundary()
        member_at = window_at + fed - len(inflater.unused_data)


def _find_magic(window: bytearray, start: int, fill) -> int | None:
    while True:
        found = window.find(GZIP_MAGIC, start)
        if found >= 0:
            return found
        start = max(start, len(window) - 2)
        if not fill():
            return None
