"""A pytest plugin that finds what leaks: ``PYTHONPATH=. LEAKHUNT_OUT=report.txt pytest -p tests.leakhunt ...``.

After every test it runs the garbage collector with ResourceWarning as an error and writes each
unclosed resource it finds to the report, with the test that just ran and, where tracemalloc can say,
where the object was allocated (tracemalloc runs from the start, 20 frames: the suite runs slower).
Without it a leaked socket is reported inside whichever later test the collector happens to run in.
"""

from __future__ import annotations

import gc
import os
import sys
import tracemalloc
import warnings

import pytest

REPORT = os.environ.get("LEAKHUNT_OUT", "leakhunt.txt")


def pytest_configure(config):
    tracemalloc.start(20)


def _report(test: str, unraisable) -> None:
    where = tracemalloc.get_object_traceback(unraisable.object)
    with open(REPORT, "a", encoding="utf-8") as out:
        out.write(f"=== after {test} (pid {os.getpid()}): {unraisable.err_msg or ''} {unraisable.object!r} "
                  f"{unraisable.exc_value!r}\n")
        if where is not None:
            out.write("\n".join(where.format()) + "\n")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    result = yield
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: _report(item.nodeid, unraisable)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", ResourceWarning)
            gc.collect()
            gc.collect()
    finally:
        sys.unraisablehook = hook
    return result
