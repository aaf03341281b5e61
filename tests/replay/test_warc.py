"""Reading WARC files record by record: every writer's compression, damage, truncation, digests.

No broker or database here: ``ingest.warc`` and ``ingest.replay.read_warc`` on files written with
warcio's own writer, then damaged the ways real files are (cut, a corrupt gzip member, garbage,
a wrong Content-Length, a block that does not match its digest).
"""

from __future__ import annotations

import base64
import gzip
import io
import zlib

import brotli
import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.warcwriter import WARCWriter

from newswire.ingest.replay import ArchivedItem, Skipped, read_sources, read_warc
from newswire.ingest.warc import Damage, Oversized, WarcRecord, read_records
from newswire.records import DeadLetterRecord
from tests.replay.warcs import page, request, resource, response, revisit, write_pages


def records(data: bytes) -> list:
    return list(read_records(io.BytesIO(data)))


def whole(found: list) -> list[WarcRecord]:
    return [r for r in found if isinstance(r, WarcRecord)]


def damage(found: list) -> list[tuple[str, int]]:
    return [(d.reason, d.offset) for d in found if isinstance(d, Damage)]


@pytest.fixture
def five(tmp_path):
    """The same five pages as per-record gzip, uncompressed, and one gzip of the whole file."""
    gz, plain = tmp_path / "five.warc.gz", tmp_path / "five.warc"
    gz_offsets = write_pages(gz, range(5))
    plain_offsets = write_pages(plain, range(5), gzip_records=False)
    whole_gz = tmp_path / "whole.warc.gz"
    whole_gz.write_bytes(gzip.compress(plain.read_bytes()))
    return {"gz": (gz.read_bytes(), gz_offsets), "plain": (plain.read_bytes(), plain_offsets),
            "whole": (whole_gz.read_bytes(), None)}


def test_every_compression_gives_the_same_records(five):
    blocks = {name: [r.block for r in records(data)] for name, (data, _) in five.items()}
    assert len(blocks["plain"]) == 5
    assert blocks["gz"] == blocks["plain"] == blocks["whole"]
    for name, (data, offsets) in five.items():
        if offsets is not None:
            assert [r.offset for r in records(data)] == offsets


def test_a_corrupt_gzip_member_costs_that_record_only(five):
    data, offsets = five["gz"]
    broken = bytearray(data)
    for at in range(offsets[2] + 40, offsets[2] + 80):  # inside the deflate stream of the third record
        broken[at] ^= 0xA5
    found = records(bytes(broken))
    assert [r.offset for r in whole(found)] == [offsets[0], offsets[1], offsets[3], offsets[4]]
    assert damage(found) == [("bad_record", offsets[2])]


def test_garbage_between_records_is_skipped_to_the_next_warc_line(five):
    data, offsets = five["plain"]
    broken = data[:offsets[2]] + b"garbage that is no record\x00\r\n" * 3 + data[offsets[2]:]
    found = records(broken)
    assert len(whole(found)) == 5
    assert damage(found) == [("bad_record", offsets[2])]


def test_an_unreadable_content_length_is_one_bad_record_between_good_ones(five):
    data, offsets = five["plain"]
    third = data[offsets[2]:offsets[3]]
    length = third.split(b"Content-Length: ")[1].split(b"\r\n")[0]
    broken = data[:offsets[2]] + third.replace(b"Content-Length: " + length, b"Content-Length: notanumber") + \
        data[offsets[3]:]
    found = records(broken)
    assert [r.offset for r in whole(found)] == offsets[:2] + [o + len(b"notanumber") - len(length) for o in offsets[3:]]
    assert damage(found) == [("bad_record", offsets[2])]


@pytest.mark.parametrize("name", ["gz", "plain"])
@pytest.mark.parametrize("where", [1, 40, 300, -40, -2])  # into a record: its header, its block, its end
def test_a_file_cut_keeps_the_records_before_and_reports_the_cut_one(five, name, where):
    data, offsets = five[name]
    cut = offsets[3] + where if where > 0 else offsets[4] + where
    found = records(data[:cut])
    # Cut 2 bytes before the next record, only the closing blank line (or gzip trailer) is lost: it is whole.
    assert [r.offset for r in whole(found)] == offsets[:3] + ([offsets[3]] if where == -2 else [])
    assert damage(found) == ([] if where == -2 else [("truncated_record", offsets[3])])


def test_the_whole_file_gzip_cut_short_keeps_what_inflates(five):
    data, _ = five["whole"]
    found = records(data[:len(data) // 2])
    assert 1 <= len(whole(found)) < 5
    assert [reason for reason, _ in damage(found)] == ["truncated_record"]
    plain = [r.block for r in records(five["plain"][0])]
    assert [r.block for r in whole(found)] == plain[:len(whole(found))]
    # The one member is the whole file: the damage says where in its inflated bytes the cut record began.
    cut_record = five["plain"][1][len(whole(found))]
    assert [d.where for d in found if isinstance(d, Damage)] == [f"byte 0 (gzip member; byte {cut_record} once inflated)"]


def test_a_block_that_does_not_match_its_digest_is_truncated(five):
    data, offsets = five["plain"]
    third = data[offsets[2]:offsets[3]]
    tampered = third.replace(b"<p>", b"<P>", 1)  # same length, other bytes
    assert tampered != third
    found = records(data[:offsets[2]] + tampered + data[offsets[3]:])
    assert len(whole(found)) == 4
    assert damage(found) == [("truncated_record", offsets[2])]
    assert "Digest" in [d for d in found if isinstance(d, Damage)][0].error


def test_a_content_length_too_short_or_too_long_is_never_a_partial_record(tmp_path):
    path = tmp_path / "plain.warc"
    offsets = write_pages(path, range(3), gzip_records=False)
    data = path.read_bytes()
    second = data[offsets[1]:offsets[2]]
    length = int(second.split(b"Content-Length: ")[1].split(b"\r\n")[0])
    for wrong in (length - 100, length + 100):
        changed = second.replace(f"Content-Length: {length}\r\n".encode(), f"Content-Length: {wrong}\r\n".encode())
        found = records(data[:offsets[1]] + changed + data[offsets[2]:])
        good = [r.block for r in whole(found)]
        assert all(block in data for block in good)
        assert len(good) >= 1 and ("truncated_record", offsets[1]) in damage(found)


def _archive(path, gzip_records=True) -> None:
    url, body, _ = page(1)
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip_records)
        request(writer, url)
        response(writer, url, body)
        response(writer, "https://news.example.org/moved", b"", status="301 Moved Permanently",
                 extra=[("Location", url)])
        response(writer, "https://news.example.org/gone", b"<html>Page not found</html>", status="404 Not Found")
        response(writer, "https://news.example.org/oops", b"<html>Server error</html>", status="500 Internal Error")
        revisit(writer, url)
        response(writer, "https://news.example.org/logo.png", b"\x89PNG....", content_type="image/png")
        resource(writer, "https://news.example.org/resource.html", page(2)[1])
        for encoding, encoded in (("br", brotli.compress(page(3)[1])),
                                  ("zstd", zstandard.ZstdCompressor().compress(page(4)[1])),
                                  ("gzip", gzip.compress(page(5)[1])),
                                  ("deflate", zlib.compress(page(6)[1]))):
            response(writer, page(3 + ["br", "zstd", "gzip", "deflate"].index(encoding))[0], encoded,
                     extra=[("Content-Encoding", encoding)])
        chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (page(7)[1][:500], page(7)[1][500:]))
        response(writer, page(7)[0], chunked + b"0\r\n\r\n", extra=[("Transfer-Encoding", "chunked")])


@pytest.mark.parametrize("gzip_records", [True, False])
def test_only_2xx_html_becomes_a_page_and_the_rest_is_counted_by_reason(tmp_path, gzip_records):
    path = tmp_path / "mixed.warc.gz"
    _archive(path, gzip_records)
    items = list(read_warc(path))
    pages = {item.url: item for item in items if isinstance(item, ArchivedItem)}
    skipped = sorted(item.reason for item in items if isinstance(item, Skipped))
    assert not [item for item in items if isinstance(item, DeadLetterRecord)]
    assert skipped == ["http_4xx", "http_5xx", "not_html", "redirect", "request", "revisit"]
    expected = {page(i)[0]: page(i)[1] for i in (1, 3, 4, 5, 6, 7)}
    expected["https://news.example.org/resource.html"] = page(2)[1]
    assert {url: item.html for url, item in pages.items()} == expected  # every encoding undone
    assert pages[page(1)[0]].charset == "utf-8"
    assert all(item.captured_at.year == 2026 for item in pages.values())


def test_damage_names_the_file_and_offset(five, tmp_path):
    data, offsets = five["gz"]
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(data[:offsets[2] + 50])
    items = list(read_warc(path))
    letters = [item for item in items if isinstance(item, DeadLetterRecord)]
    assert [letter.reason for letter in letters] == ["truncated_record"]
    assert letters[0].url == f"broken.warc.gz@{offsets[2]}"
    assert str(path) in letters[0].error and f"byte {offsets[2]}" in letters[0].error


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(1, 6), gzip_records=st.booleans(), data=st.data())
def test_a_cut_anywhere_keeps_every_record_before_it_and_nothing_partial(count, gzip_records, data):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    ends, blocks = [], []
    for i in range(count):
        url, body, _ = page(i)
        response(writer, url, body)
        ends.append(buffer.tell())
    full = buffer.getvalue()
    blocks = [r.block for r in records(full)]
    assert len(blocks) == count
    cut = data.draw(st.integers(0, 10**6), label="cut per million") * len(full) // 10**6
    found = records(full[:cut])
    got = [r.block for r in whole(found)]
    complete = sum(1 for end in ends if end <= cut)
    assert got[:complete] == blocks[:complete]  # every record before the cut
    assert got == blocks[:len(got)] and len(got) <= complete + 1  # nothing partial (a record cut only in
    # its closing blank line or gzip trailer is whole)
    if len(got) < count and cut > (ends[len(got) - 1] if got else 0):
        assert [reason for reason, _ in damage(found)] == ["truncated_record"]


@settings(max_examples=150, deadline=None)
@given(count=st.integers(2, 6), gzip_records=st.booleans(), where=st.integers(0, 10**6),
       junk=st.binary(min_size=1, max_size=40), mode=st.sampled_from(["overwrite", "delete", "insert"]))
def test_damage_anywhere_costs_only_the_records_it_touches(count, gzip_records, where, junk, mode):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    starts = []
    for i in range(count):
        starts.append(buffer.tell())
        response(writer, *page(i)[:2])
    starts.append(buffer.tell())
    full = buffer.getvalue()
    blocks = [r.block for r in records(full)]
    at = where * len(full) // 10**6
    damaged = {"overwrite": full[:at] + junk + full[at + len(junk):],
               "delete": full[:at] + full[at + len(junk):],
               "insert": full[:at] + junk + full[at:]}[mode]
    got = [r.block for r in whole(records(damaged))]
    assert all(block in blocks for block in got)  # nothing partial, nothing made up
    assert all(blocks[i] in got for i in range(count) if starts[i + 1] <= at)  # everything before the damage
    if mode == "overwrite":  # and everything after it
        assert all(blocks[i] in got for i in range(count) if starts[i] >= at + len(junk))


def test_a_file_that_cannot_be_opened_is_one_dead_letter_and_the_next_file_is_read(five, tmp_path):
    good = tmp_path / "good.warc.gz"
    good.write_bytes(five["gz"][0])
    missing = tmp_path / "gone.warc"
    found = list(read_sources([missing, good]))
    assert [source for source, _ in found] == [str(missing)] + [str(good)] * 5
    letter = found[0][1]
    assert isinstance(letter, DeadLetterRecord) and letter.reason == "unreadable_file"
    assert str(missing) in letter.error
    assert all(isinstance(item, ArchivedItem) for _, item in found[1:])


def test_payload_digest_is_checked_without_a_block_digest_in_any_encoding(tmp_path):
    path = tmp_path / "one.warc"
    write_pages(path, range(1), gzip_records=False)
    data = path.read_bytes()
    block_line = next(line for line in data.split(b"\r\n") if line.startswith(b"WARC-Block-Digest"))
    no_block = data.replace(block_line + b"\r\n", b"")
    assert len(whole(records(no_block))) == 1
    tampered = no_block.replace(b"<p>", b"<P>", 1)
    assert [reason for reason, _ in damage(records(tampered))] == ["truncated_record"]
    # The same digest written in hex instead of base32 still matches.
    payload_line = next(line for line in data.split(b"\r\n") if line.startswith(b"WARC-Payload-Digest"))
    value = base64.b32decode(payload_line.split(b"sha1:")[1]).hex().encode()
    hexed = no_block.replace(payload_line, b"WARC-Payload-Digest: sha1:" + value)
    assert len(whole(records(hexed))) == 1
    assert damage(records(hexed.replace(b"<p>", b"<P>", 1))) != []


@pytest.mark.parametrize("name", ["gz", "plain"])
def test_a_record_too_large_to_hold_is_passed_over_not_buffered(five, name, monkeypatch):
    data, offsets = five[name]
    sizes = [len(r.block) for r in records(data)]
    limit = sorted(sizes)[2] - 1  # at least the three largest are "too large"
    monkeypatch.setattr("newswire.ingest.warc.MAX_BLOCK_BYTES", limit)
    monkeypatch.setattr("newswire.ingest.warc.READ_BYTES", 256)  # and arrive in pieces, to be skipped across reads
    found = records(data)
    big = [r for r in found if isinstance(r, Oversized)]
    assert len(big) == sum(1 for size in sizes if size > limit) >= 3
    assert len(whole(found)) + len(big) == 5 and not damage(found)
    assert [r.offset for r in sorted([*whole(found), *big], key=lambda r: r.offset)] == offsets
