"""Hostile article pages through the real ingest stage: each is a counted dead letter with a clear reason.

A local server serves one feed whose entries point at pages built to hurt a fetcher: a 200 MB body
streamed without a length, a gzip bomb, a PDF and a JPEG labelled text/html, a page of 100,000
nested tags, an empty 200, a page that never finishes, and pages with invalid or mixed encodings;
plus one normal article. The ingest and sink stages run as processes on the embedded broker.

Every hostile page must end in the database's ``dead_letters`` table (through the dead-letter topic
and the sink) with the reason below and be counted in ingest's status; the huge body must not be
read to its end; ingest's peak memory (VmHWM) stays bounded; the normal page is stored.

Encodings: a page declaring UTF-8 but holding invalid bytes, or mixing UTF-8 and cp1252, is still
a readable article. newswire stores it, with U+FFFD for the bytes that are not UTF-8 and the rest
decoded as UTF-8 (``ingest.clean.decode_html``): rejecting a whole article for one bad byte would
lose real news, and decoding it all as a guessed legacy codec would garble its correct characters.
The test asserts exactly that: stored, no dead letter, "Café" intact, the broken bytes replaced.
"""

from __future__ import annotations

import gzip
import io
import time
import zlib

import pytest
from sqlalchemy import select
from sqlmodel import Session

from newswire.ids import article_id
from newswire.app.bench.synthetic import make_page
from newswire.storage.db import make_engine, upgrade
from newswire.storage.models import Article, DeadLetter
from tests.faults.conftest import Stage, peak_rss_kib, rss, stage_env, wait_for

pytestmark = pytest.mark.slow

HUGE_BYTES = 200 * 1024 * 1024
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
PEAK_RSS_LIMIT_KIB = 300 * 1024  # an ingest process is ~110 MB; one buffered hostile body would pass this

# path -> reasons accepted for its dead letter
EXPECTED = {
    "/huge": {"too_large"},
    "/bomb": {"too_large"},
    "/pdf": {"not_html"},
    "/jpeg": {"not_html"},
    "/nested": {"bad_html", "no_article_text"},
    "/empty": {"empty_body"},
    "/never": {"timeout"},
}


def streamed_forever_handler(site, total: int):
    """200, text/html, no Content-Length: sends ``total`` bytes of markup unless the client hangs up."""
    chunk = b"<p>" + b"all work and no play " * 3000 + b"</p>\n"

    def handle(request) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Connection", "close")
        request.end_headers()
        request.close_connection = True
        sent = 0
        try:
            request.wfile.write(b"<html><body>")
            while sent < total:
                request.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the client aborted: what we want
        finally:
            with site.lock:
                site.bytes_sent["/huge"] = sent
    return handle


def gzip_bomb(decoded: int = 1024 * 1024 * 1024) -> bytes:
    """About 1 MB of gzip that inflates to ``decoded`` bytes of spaces inside an HTML page."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as packed:
        packed.write(b"<html><body><p>")
        block = b" " * (16 * 1024 * 1024)
        for _ in range(decoded // len(block)):
            packed.write(block)
    return out.getvalue()


def never_finishing_handler(request) -> None:
    request.send_response(200)
    request.send_header("Content-Type", "text/html")
    request.send_header("Content-Length", "100000")
    request.end_headers()
    try:
        request.wfile.write(b"<html><head><title>Wait")
        request.wfile.flush()
        for _ in range(600):  # a byte a second for ten minutes, unless the client gives up
            time.sleep(1.0)
            request.wfile.write(b".")
            request.wfile.flush()
    except OSError:
        pass


def article_html(title: str, body: bytes, charset: str = "utf-8") -> bytes:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1>").encode() + body + b"</article></body></html>"


LEAD = ("At least 14 people were killed when a bridge collapsed in Port Ellis on Monday, the regional "
        "governor said. Rescue teams searched the river through the night and 6 people remain missing.")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # fetching is the point, not the database
def test_hostile_pages_become_dead_letters_and_ingest_keeps_going(broker, settings, site, tmp_path):
    normal = make_page(1, base_url=site.url(""))
    normal_path = normal.url.removeprefix(site.url(""))
    site.add_bytes(normal_path, normal.html.encode())
    site.routes["/huge"] = streamed_forever_handler(site, HUGE_BYTES)
    site.add_bytes("/bomb", gzip_bomb(), headers={"Content-Encoding": "gzip"})
    site.add_bytes("/pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\n" + b"0" * 5000)
    site.add_bytes("/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(range(256)) * 40)
    site.add_bytes("/nested", b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000 + b"</body></html>")
    site.add_bytes("/empty", b"")
    site.routes["/never"] = never_finishing_handler
    # Declared UTF-8, with bytes that are not: the readable words must survive.
    site.add_bytes("/invalid-utf8", article_html("Bridge collapse", b"<p>" + LEAD.encode() + b" \xff\xfe\xc3(</p>"
                                                 + b"<p>" + LEAD.replace("14", "15").encode() + b"</p>"))
    # Half UTF-8, half cp1252 (a CMS that pasted old text into a new template).
    site.add_bytes("/mixed", article_html("Caf\u00e9 fire", ("<p>Caf\u00e9 owners said " + LEAD + "</p>").encode("utf-8")
                                          + ("<p>Na\u00efve estimates \u2013 " + LEAD + "</p>").encode("cp1252")))
    paths = [*EXPECTED, "/invalid-utf8", "/mixed", normal_path]
    site.add_bytes("/feed.xml", rss([(f"entry{p}", site.url(p), f"Entry {p}") for p in paths]),
                   content_type="application/rss+xml")

    upgrade(settings.db_url)
    env = stage_env(settings, feeds=site.url("/feed.xml"), max_response_bytes=MAX_RESPONSE_BYTES,
                    total_timeout_s=6, read_timeout_s=3, connect_timeout_s=3, per_host_concurrency=4,
                    poll_interval_s=600, min_poll_interval_s=600)
    ingest = Stage("ingest", ["ingest"], env, tmp_path / "ingest.log").start()
    sink = Stage("sink", ["sink"], env, tmp_path / "sink.log").start()
    engine = make_engine(settings.db_url)
    peak = 0
    try:
        def dead_letters() -> dict[str, list[DeadLetter]]:
            found: dict[str, list[DeadLetter]] = {}
            with Session(engine) as session:
                for row in session.execute(select(DeadLetter)).scalars():
                    found.setdefault(row.url, []).append(row)
            return found

        def done() -> bool:
            nonlocal peak
            peak = max(peak, peak_rss_kib(ingest.pid) or 0)
            with Session(engine) as session:
                stored = {row.url for row in session.execute(select(Article)).scalars()}
            letters = dead_letters()
            return all(site.url(p) in letters for p in EXPECTED) and len(stored) >= 3

        wait_for(done, 90, "a dead letter for every hostile page and the good pages stored", ingest, sink)
        time.sleep(1.0)
        peak = max(peak, peak_rss_kib(ingest.pid) or 0)
        status = ingest.status(settings.data_dir)
    finally:
        ingest.stop()
        sink.stop()

    letters = dead_letters()
    with Session(engine) as session:
        stored = {row.article_id: row for row in session.execute(select(Article)).scalars()}
    engine.dispose()
    report = {}
    for path, reasons in EXPECTED.items():
        rows = letters[site.url(path)]
        assert {row.reason for row in rows} <= reasons, (path, [(r.reason, r.error) for r in rows])
        assert all(row.stage == "ingest" and row.error for row in rows)
        report[path] = rows[0].reason
    counted = status.get("errors_by_reason", {})
    for reason in set(report.values()):
        assert counted.get(reason, 0) >= list(report.values()).count(reason), (reason, counted)

    # The 200 MB body was abandoned right after the cap, not read to its end.
    sent = site.bytes_sent.get("/huge", HUGE_BYTES)
    assert sent < 64 * 1024 * 1024, f"the server sent {sent} bytes of the huge page"
    assert peak < PEAK_RSS_LIMIT_KIB, f"ingest peak RSS {peak} KiB"

    # The pipeline kept going: the normal page and the two badly encoded ones are stored.
    assert article_id(normal.url) in stored
    for path in ("/invalid-utf8", "/mixed"):
        row = stored[article_id(site.url(path))]
        assert "people were killed when a bridge collapsed" in row.text
        assert site.url(path) not in letters
    # Only the broken bytes are replaced: the UTF-8 around them is kept as it was.
    invalid = stored[article_id(site.url("/invalid-utf8"))].text
    assert "\ufffd" in invalid and "At least 15 people" in invalid
    mixed = stored[article_id(site.url("/mixed"))].text
    assert "Caf\u00e9 owners said" in mixed and "Na\ufffdve estimates" in mixed
    print(f"hostile pages: {report}; huge page bytes sent {sent}; ingest peak RSS {peak / 1024:.0f} MiB; "
          f"counted {counted}", flush=True)
