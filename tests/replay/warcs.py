"""Archives for the replay tests, written with warcio's own writer (as real crawlers' files are)."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newswire.app.bench.synthetic import make_page


def response(writer: WARCWriter, url: str, body: bytes, *, status: str = "200 OK", date: str = "2026-01-01T00:00:00Z",
             content_type: str = "text/html; charset=utf-8", extra: list[tuple[str, str]] = ()) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                       http_headers=headers, warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def page(i: int, date: str = "2026-01-01T00:00:00Z") -> tuple[str, bytes, str]:
    made = make_page(i)
    return made.url, made.html.encode(), date


def write_pages(path: Path, indices, *, gzip_records: bool = True, date: str = "2026-01-01T00:00:00Z") -> list[int]:
    """A WARC of synthetic pages; returns the byte offset where each record starts."""
    offsets = []
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip_records)
        for i in indices:
            offsets.append(out.tell())
            url, body, _ = page(i)
            response(writer, url, body, date=date)
    return offsets


def gzip_whole(source: Path, target: Path) -> None:
    target.write_bytes(gzip.compress(source.read_bytes()))


def resource(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html",
             date: str = "2026-01-01T00:00:00Z") -> None:
    record = writer.create_warc_record(url, "resource", payload=io.BytesIO(body), length=len(body),
                                       warc_content_type=content_type, warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def revisit(writer: WARCWriter, url: str, digest: str = "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_revisit_record(url, digest, "https://news.example.org/", "2025-12-01T00:00:00Z",
                                                     http_headers=headers))


def request(writer: WARCWriter, url: str) -> None:
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", http_headers=headers))
