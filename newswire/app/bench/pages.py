"""The benchmark's input and its cleaning pool: pages in, records out, in order, on every core.

Input is synthetic news-site pages (``newswire.app.bench.synthetic``, each a full site page around an article)
or the HTML files of a directory, cycled to reach N; each copy gets a distinct URL, so it is a
distinct article.
"""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context, util
from pathlib import Path
from typing import Callable, Iterable, Iterator

from newswire.ingest.replay import ArchivedItem, start_pool_worker, to_record
from newswire.records import ArticleRecord, DeadLetterRecord, _Record
from newswire.app.bench.synthetic import make_page

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
READ_AHEAD_PER_WORKER = 32  # pages in flight a cleaning process: bounded memory, busy cores
# Distinct synthetic pages, written to disk before anything is timed and then cycled like a corpus:
# making a page costs ~2 ms, which is not what the benchmark measures.
SYNTHETIC_PAGES = 500


def write_synthetic_corpus(directory: Path, count: int = SYNTHETIC_PAGES) -> Path:
    """``count`` synthetic news-site pages as HTML files in ``directory``; returns it."""
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (directory / f"story-{i}.html").write_text(make_page(i, site_chrome=True).html, encoding="utf-8")
    return directory


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted(p for p in Path(corpus).rglob("*") if p.is_file() and p.suffix.lower() in HTML_SUFFIXES)
    if not files:
        raise ValueError(f"no .html files under {corpus}")
    return files


def bench_items(count: int, corpus: Path, tag: str) -> Iterator[ArchivedItem]:
    """``count`` pages of ``corpus``, cycled and read lazily; ``tag`` keeps the URLs (so the ids) of two
    runs apart."""
    # No real site: a page's absolute rel=canonical is ignored, and a relative one resolves to the
    # copy's own host (one a cycle through the corpus), so every copy is a distinct article.
    files = corpus_files(corpus)
    for i in range(count):
        path = files[i % len(files)]
        copy_host = f"https://c{i // len(files)}.{tag}.bench.newswire.invalid"
        yield ArchivedItem(source=str(path), url=f"{copy_host}/{path.relative_to(corpus).as_posix()}",
                           html=path.read_bytes())


def clean_page(item: ArchivedItem) -> tuple[int, ArticleRecord | DeadLetterRecord]:
    return os.getpid(), to_record(item)


def clean_and_extract(item: ArchivedItem) -> tuple[int, list[_Record]]:
    from newswire.records import ExtractionRecord
    from newswire.processors.results import build_results
    from newswire.processors.extract import EXTRACTOR_VERSION, extract

    record = to_record(item)
    if isinstance(record, DeadLetterRecord):
        return os.getpid(), [record]
    figures, events = build_results(record, extract(record.text, record.published_at))
    done = ExtractionRecord(article_id=record.article_id, article_version=record.version,
                            extractor_version=EXTRACTOR_VERSION, figures=len(figures), events=len(events))
    return os.getpid(), [record, *figures, *events, done]


def in_order(pool: ProcessPoolExecutor, function: Callable, items: Iterable, window: int,
             on_worker: Callable[[int], None]) -> Iterator:
    """``function(item)`` on the pool, results in input order, at most ``window`` in flight."""
    pending: list = []
    seen: set[int] = set()

    def result(future):
        pid, value = future.result()
        if pid not in seen:
            seen.add(pid)
            on_worker(pid)
        return value

    for item in items:
        pending.append(pool.submit(function, item))
        if len(pending) >= window:
            yield result(pending.pop(0))
    for future in pending:
        yield result(future)


# An AF_UNIX socket path holds at most 107 bytes; multiprocessing's adds 28 to its base directory.
_SOCKET_DIR_MAX = 107 - 28


def make_pool(workers: int) -> ProcessPoolExecutor:
    # forkserver: workers start from a clean process, not a fork of one running producer threads
    _short_socket_dir()
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("forkserver"),
                               initializer=start_pool_worker, initargs=(os.getpid(),))


def _short_socket_dir() -> None:
    """Put multiprocessing's directory in /tmp when TMPDIR is too long for the forkserver's socket.

    The forkserver listens on a socket in that directory, and under a long TMPDIR (a CI runner's, a
    pytest ``tmp_path``) binding it failed with "AF_UNIX path too long". Python 3.13 falls back to /tmp
    the same way (cpython issue 132124); the directory is chosen once a process, on first use."""
    if len(tempfile.gettempdir()) <= _SOCKET_DIR_MAX:
        return
    saved, tempfile.tempdir = tempfile.tempdir, "/tmp"
    try:
        util.get_temp_dir()
    finally:
        tempfile.tempdir = saved
