"""A few seconds' memory for the costly aggregates (row counts, counts per hour, articles per feed):
a desk of twenty open overviews, each polling every few seconds, costs the database one count every
few seconds, not twenty.

Stale while revalidating: once a value is older than ``ttl_s``, the next request starts one
recomputation in the background and is answered with the value it has; only the very first request
for a key waits (one computation at a time per key; the others wait for its result). So no request
pays for a million-row count after the first, and every value is at most a few seconds behind.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Hashable

log = logging.getLogger(__name__)


class TTLCache:
    def __init__(self, ttl_s: float):
        self.ttl_s = ttl_s
        self._values: dict[Hashable, tuple[float, Any]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def _lock(self, key: Hashable) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        if self.ttl_s <= 0:
            return compute()
        found = self._values.get(key)
        if found is None:
            with self._lock(key):
                found = self._values.get(key)  # another request may have just computed it
                if found is None:
                    value = compute()
                    self._values[key] = (time.monotonic(), value)
                    return value
        if time.monotonic() - found[0] >= self.ttl_s and self._lock(key).acquire(blocking=False):
            threading.Thread(target=self._refresh, args=(key, compute), daemon=True, name="newswire-web-cache").start()
        return found[1]

    def _refresh(self, key: Hashable, compute: Callable[[], Any]) -> None:
        try:
            self._values[key] = (time.monotonic(), compute())
        except Exception:  # noqa: BLE001 - the database is away: keep the last value, retry on the next request
            log.warning("refreshing %s failed", key, exc_info=True)
        finally:
            self._locks[key].release()
