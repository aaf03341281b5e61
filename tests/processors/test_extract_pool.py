"""Extraction in a child process under a deadline (``processors.pool``): an overrun is stopped, the
event loop runs meanwhile, and the next article is extracted by a fresh child."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal

import pytest

from newswire.app.bench.worst import CLASSES
from newswire.processors.extract import extract
from newswire.processors.pool import ExtractCrashed, ExtractPool, ExtractTimeout

PUB = dt.date(2025, 5, 12)
GOOD = "At least 12 people were killed in the storm on Sunday, police said."
# ~10 ms a KB (newswire bench, worst_case): seconds of work, far past a 0.3 s deadline on any machine
SLOW = CLASSES["number_table"](400_000)


@pytest.fixture(scope="module")
def pool():
    """One pool for the module: a child's start-up (spawn, imports, gazetteer) takes seconds on a busy
    machine, and each test starts from ``pool.run(GOOD, ...)``, which starts a child if none is alive."""
    pool = ExtractPool(deadline_s=0.3)
    yield pool
    pool.close()


@pytest.fixture(scope="module")
def roomy_pool():
    """A pool whose deadline no text here comes near, for the tests of what the child returns: at 0.3 s a
    2 KB table timed out while other work shared the two cores, which says nothing of the encoding."""
    pool = ExtractPool(deadline_s=60)
    yield pool
    pool.close()


@pytest.mark.timeout(120)
def test_the_child_gives_what_extract_gives(pool):
    assert pool.run(GOOD, PUB) == extract(GOOD, PUB)
    assert pool.run("", None) == extract("", None)


@pytest.mark.timeout(120)
def test_an_article_past_the_deadline_is_stopped_and_the_next_one_extracted(pool):
    pool.run(GOOD, PUB)
    first, restarts = pool.pid(), pool.restarts
    with pytest.raises(ExtractTimeout, match="longer than 0.3 s"):
        pool.run(SLOW, PUB)
    assert pool.restarts == restarts + 1
    assert pool.pid() != first
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)  # the overrunning child is gone, not left working in the background
    assert pool.run(GOOD, PUB) == extract(GOOD, PUB)


@pytest.mark.timeout(120)
def test_a_child_killed_from_outside_is_replaced(pool):
    pool.run(GOOD, PUB)
    os.kill(pool.pid(), signal.SIGKILL)
    with pytest.raises(ExtractCrashed):
        pool.run(GOOD, PUB)
    assert pool.run(GOOD, PUB) == extract(GOOD, PUB)


@pytest.mark.timeout(120)
def test_the_event_loop_runs_while_an_article_is_extracted(pool):
    pool.run(GOOD, PUB)  # started: the child's start-up is not what is measured

    async def main() -> tuple[int, bool]:
        ticks = 0
        stop = asyncio.Event()

        async def ticker() -> None:
            nonlocal ticks
            while not stop.is_set():
                ticks += 1
                await asyncio.sleep(0.01)

        task = asyncio.create_task(ticker())
        try:
            await pool.extract(SLOW, PUB)
            timed_out = False
        except ExtractTimeout:
            timed_out = True
        stop.set()
        await task
        return ticks, timed_out

    ticks, timed_out = asyncio.run(main())
    assert timed_out
    assert ticks >= 10  # the loop ticked through the 0.3 s the extraction was given


@pytest.mark.timeout(120)
def test_the_child_encodes_exactly_what_the_worker_encoded(roomy_pool):
    from newswire.processors.results import build_results
    from newswire.processors.pool import Unbuildable
    from newswire.processors.results import ArticleFacts
    from newswire.records import ArticleRecord, EventRecord, FigureRecord, encode

    texts = [GOOD, "", "Talks between Israel and Hamas resumed in Cairo on Monday; 3 were detained in Gaza.",
             CLASSES["number_table"](2_000)]
    for number, text in enumerate(texts):
        article = ArticleRecord(article_id=f"{number:064d}", version=number + 1, url="u", canonical_url="c",
                                text=text, content_hash="h", published_at=dt.datetime(2025, 5, 12, 9, 30))
        found = roomy_pool.run_results(article)
        figures, events = build_results(article, extract(article.text, article.published_at))
        # byte for byte, but for extracted_at: the moment each was built
        for values, records, record_type in ((found.figures, figures, FigureRecord), (found.events, events, EventRecord)):
            assert len(values) == len(records)
            for value, record in zip(values, records):
                built = record_type.model_validate_json(value)
                assert abs(built.extracted_at - record.extracted_at) < dt.timedelta(seconds=60)
                assert encode(built.model_copy(update={"extracted_at": record.extracted_at})) == encode(record)
                assert value == encode(built)
        assert found.failures == extract(article.text, article.published_at).failures
    unbuildable = ArticleFacts(None, 1, GOOD, PUB)  # no article id: its figure is no FigureRecord
    with pytest.raises(Unbuildable) as raised:
        roomy_pool.run_results(unbuildable)
    try:
        build_results(unbuildable, extract(GOOD, PUB))
    except Exception as exc:  # noqa: BLE001 - the error the worker dead-lettered when it built them itself
        assert str(raised.value) == f"{type(exc).__name__}: {exc}"
    else:
        raise AssertionError("an article without an id made records")
    assert roomy_pool.run(GOOD, PUB) == extract(GOOD, PUB)  # the child goes on
