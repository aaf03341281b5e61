"""The cleaning pools' workers (replay's, bench's) end with the process that made the pool, even
when it is SIGKILLed: a worker holds both ends of its call queue, so nothing else would end it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

OWNER = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
from newswire.ingest.replay import {init}
pool = ProcessPoolExecutor(2, initializer={init}, initargs={args})
print(*sorted({{pool.submit(os.getpid).result() for _ in range(8)}}), flush=True)
time.sleep(120)
"""


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as listed:
            found += [int(child) for child in listed.read().split()]
    return found


def workers_left_after_sigkill(init: str, args: str) -> list[int]:
    with subprocess.Popen([sys.executable, "-c", OWNER.format(init=init, args=args)], stdout=subprocess.PIPE,
                          text=True) as owner:
        workers = [int(pid) for pid in owner.stdout.readline().split()]
        assert workers, "the pool started no worker"
        # and any worker the pool started that ran no task (it printed only those that did): left alive by
        # the control test, such a worker waited on its queue for ever
        workers = sorted(set(workers) | set(children(owner.pid)))
        owner.send_signal(signal.SIGKILL)
        owner.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.1)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


def test_pool_workers_end_with_their_sigkilled_owner():
    assert workers_left_after_sigkill("start_pool_worker", "(os.getpid(),)") == []


@pytest.mark.parametrize("init", ["lower_priority"])
def test_without_the_watch_they_would_not(init):
    """The control: the same pool with the bare initializer leaves its workers waiting (why the watch exists)."""
    assert workers_left_after_sigkill(init, "()") != []
