"""The aggregates' cache: the first request computes, later ones are answered at once, a stale value
is recomputed in the background, a failed recomputation keeps the last value."""

from __future__ import annotations

import threading
import time

from newswire.app.web.cache import TTLCache


def test_stale_values_are_served_while_one_recomputation_runs():
    cache, calls, release = TTLCache(ttl_s=0.05), [], threading.Event()

    def compute():
        calls.append(time.monotonic())
        if len(calls) > 1:
            release.wait(5)
        return len(calls)

    assert cache.get("k", compute) == 1
    time.sleep(0.06)
    started = time.monotonic()
    assert [cache.get("k", compute) for _ in range(20)] == [1] * 20  # stale, answered at once
    assert time.monotonic() - started < 1 and len(calls) == 2  # one recomputation, in the background
    release.set()
    deadline = time.monotonic() + 5
    while cache.get("k", compute) != 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.get("k", compute) == 2


def test_a_failed_recomputation_keeps_the_last_value(caplog):
    cache = TTLCache(ttl_s=0.01)
    assert cache.get("k", lambda: "first") == "first"
    time.sleep(0.02)

    def broken():
        raise RuntimeError("database away")

    assert cache.get("k", broken) == "first"
    time.sleep(0.1)
    assert cache.get("k", lambda: "second") == "first"  # the stale value; its refresh starts now
    time.sleep(0.1)
    assert cache.get("k", lambda: "third") == "second"
    assert "refreshing" in caplog.text


def test_no_ttl_means_no_cache():
    cache, n = TTLCache(ttl_s=0), iter(range(10))
    assert [cache.get("k", lambda: next(n)) for _ in range(3)] == [0, 1, 2]
