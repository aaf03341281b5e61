"""A few seconds' memory for the costly aggregates (row counts, counts per hour, articles per feed):
a desk of twenty open overviews, each polling every few seconds, costs the database one count a
few seconds, not twenty. One computation at a time per key; the others wait for its result."""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Hashable


class TTLCache:
    def __init__(self, ttl_s: float):
        self.ttl_s = ttl_s
        self._values: dict[Hashable, tuple[float, Any]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        if self.ttl_s <= 0:
            return compute()
        found = self._values.get(key)
        if found is not None and time.monotonic() - found[0] < self.ttl_s:
            return found[1]
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            found = self._values.get(key)  # another request may have just computed it
            if found is not None and time.monotonic() - found[0] < self.ttl_s:
                return found[1]
            value = compute()
            self._values[key] = (time.monotonic(), value)
            return value
