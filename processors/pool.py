"""Extraction in a child process, under a deadline: one article can never stall the worker.

``extract`` is pure Python, so on the Faust worker's event loop one slow article stops heartbeats,
commits and every other partition until it is done (issue 18: a 20 KB text without sentence breaks
stalled the loop ~30 s, the worker was dropped from its group and nothing behind it was extracted).
A thread would free the loop but cannot be stopped, so an article past its deadline would hold the
thread, and the GIL, for as long as it takes. Here extraction runs in one child process; the loop
awaits it from a helper thread; past ``deadline_s`` the child is killed (SIGKILL) and a fresh one
started, and the caller gets :class:`ExtractTimeout`.

The child is started with ``spawn`` (not ``fork``: the worker has threads and open sockets) the first
time it is needed, and ends when the worker does: it reads until its pipe closes, and on Linux the
kernel kills it if the worker dies mid-article. Cost on the normal path, measured on 4.1 KB synthetic
articles: 0.18 ms for an empty round trip, ~0.6 ms to pickle the text in and the findings out (both
sides together), against ~5.5 ms of extraction that now runs on another core. The worker asks for
:meth:`ExtractPool.results`: the child also builds and encodes the records (``processors.results``),
and sends back bytes, cheaper to pickle than the findings, and off the worker's loop. A fresh child is ready
in ~1.3 s (spawn and imports) plus ~1 s to load the gazetteer, before it is given an article: start-up
never counts against a deadline.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import multiprocessing
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection

from newswire.processors.extract import Extraction
from newswire.processors.results import ArticleLike, EncodedResults

log = logging.getLogger(__name__)

START_TIMEOUT_S = 60.0  # a child imports the extractor before it takes an article (slow on a loaded machine)


class ExtractTimeout(Exception):
    """The article was not extracted within the deadline; the child that tried was killed."""


class ExtractCrashed(Exception):
    """The child died while extracting (killed from outside, out of memory): it has been replaced."""


class Unbuildable(Exception):
    """The article was extracted, but its findings did not make valid records; ``str()`` is the error."""


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _serve(conn: Connection) -> None:
    """The child: extract every (text, published, about) received, until the pipe closes; ``about``
    None: reply with the extraction, else (article_id, version): with its encoded results."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the worker's to handle; it ends this child
    _die_with_parent()
    from newswire.processors.extract import extract
    from newswire.processors.gazetteer import gazetteer
    from newswire.processors.results import ArticleFacts, encoded_results

    gazetteer()   # load and index the places (~1 s) before the first article's deadline starts
    conn.send(("ready", None))
    while True:
        try:
            text, published, about = conn.recv()
        except (EOFError, OSError):
            return
        try:
            extraction = extract(text, published)
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which dead-letters the article
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
            continue
        if about is None:
            conn.send(("ok", extraction))
            continue
        try:
            reply = ("ok", encoded_results(ArticleFacts(*about, text, published), extraction))
        except Exception as exc:  # noqa: BLE001 - as the worker's own error read when it built them
            reply = ("unbuildable", f"{type(exc).__name__}: {exc}")
        conn.send(reply)


class ExtractPool:
    """One extraction child, used one article at a time, replaced when it overruns or dies."""

    def __init__(self, deadline_s: float):
        self.deadline_s = deadline_s
        self._context = multiprocessing.get_context("spawn")
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._lock = threading.Lock()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
        self._closed = False
        self.restarts = 0

    # --- the child ---------------------------------------------------------------------------
    def _start(self) -> None:
        """A new child, ready to extract: its start-up (~0.3 s of imports) is not on an article's clock."""
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_serve, args=(child,), name="newswire-extract", daemon=True)
        process.start()
        child.close()
        self._process, self._conn = process, parent
        try:
            ready = parent.poll(START_TIMEOUT_S) and parent.recv()[0] == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self._kill()
            raise ExtractCrashed(f"the extraction process did not start within {START_TIMEOUT_S:g} s")

    def _kill(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(10)
        self._process, self._conn = None, None

    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    # --- calls -------------------------------------------------------------------------------
    def run(self, text: str, published: dt.date | dt.datetime | None) -> Extraction:
        """Extract in the child, blocking the calling thread at most ``deadline_s`` (plus a restart)."""
        return self._call(text, published, None)

    def run_results(self, article: ArticleLike) -> EncodedResults:
        """:meth:`run` for an article, answered with its results encoded by the child."""
        return self._call(article.text, article.published_at, (article.article_id, article.version))

    def _call(self, text: str, published: dt.date | dt.datetime | None, about: tuple[str, int] | None):
        with self._lock:
            if self._closed:
                raise ExtractCrashed("the extraction process was closed")
            if self._process is None or not self._process.is_alive():
                if self._process is not None:
                    self._kill()
                self._start()
            assert self._conn is not None and self._process is not None
            began = time.monotonic()
            try:
                self._conn.send((text, published, about))
                if not self._conn.poll(self.deadline_s):
                    elapsed = time.monotonic() - began
                    self._replace()
                    raise ExtractTimeout(f"extraction of {len(text)} characters took longer than "
                                         f"{self.deadline_s:g} s (stopped after {elapsed:.1f} s)")
                status, value = self._conn.recv()
            except (EOFError, OSError, BrokenPipeError) as exc:
                if self._closed:
                    raise ExtractCrashed("the extraction process was closed") from None
                code = self._process.exitcode if self._process is not None else None
                self._replace()
                raise ExtractCrashed(f"the extraction process died (exit code {code}): {exc!r}") from None
            if status == "unbuildable":
                raise Unbuildable(value)
            if status != "ok":
                raise RuntimeError(value)
            return value

    def _replace(self) -> None:
        self._kill()
        self.restarts += 1
        self._start()

    async def extract(self, text: str, published: dt.date | dt.datetime | None) -> Extraction:
        """:meth:`run` off the event loop: the loop goes on (heartbeats, commits) while the child works."""
        return await asyncio.get_running_loop().run_in_executor(self._thread, self.run, text, published)

    async def results(self, article: ArticleLike) -> EncodedResults:
        """:meth:`run_results` off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self._thread, self.run_results, article)

    def close(self) -> None:
        """Kill the child now, even mid-article (the worker is stopping; the article's offset is not committed,
        so it is redelivered). Not under the lock: a call in progress ends when its child dies."""
        self._closed = True
        process = self._process
        if process is not None and process.is_alive():
            process.kill()
        self._thread.shutdown(wait=False)
