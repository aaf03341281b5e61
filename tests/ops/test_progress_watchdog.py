"""The supervisor's progress watchdog (issue 18): a worker is judged by what it gets done, not by whether it
still lists partitions. Unit tests on a fake clock; the end-to-end test is tests/faults/test_stuck_worker.py."""

from __future__ import annotations

from newswire.app.supervisor import ProgressWatchdog


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def status(clock: Clock, articles: int = 0, dead_letters: int = 0, partitions=(0, 1, 2), lag=None) -> dict:
    return {"articles": articles, "dead_letters": dead_letters, "partitions": list(partitions),
            "lag": {"0": 0} if lag is None else lag, "updated_at": clock.now}


def watchdog(clock: Clock) -> ProgressWatchdog:
    return ProgressWatchdog(limit_s=45, clock=clock, wall=clock)


def test_a_worker_with_lag_that_handles_nothing_is_stuck():
    clock = Clock()
    dog = watchdog(clock)
    assert dog.judge(7, status(clock, articles=3, lag={"0": 12})) is None
    clock.now += 40
    assert dog.judge(7, status(clock, articles=3, lag={"0": 12})) is None
    clock.now += 6
    assert dog.judge(7, status(clock, articles=3, lag={"0": 10, "1": 2})) == "no progress for 46 s with lag 12"


def test_progress_restarts_the_clock():
    clock = Clock()
    dog = watchdog(clock)
    dog.judge(7, status(clock, articles=3, lag={"0": 12}))
    for handled in range(4, 10):
        clock.now += 30
        # one article every 30 s is slow, but it is progress (a dead letter counts too)
        assert dog.judge(7, status(clock, articles=3, dead_letters=handled, lag={"0": 12})) is None


def test_an_idle_worker_is_not_stuck():
    clock = Clock()
    dog = watchdog(clock)
    for _ in range(10):
        clock.now += 30
        assert dog.judge(7, status(clock, articles=5, lag={"0": 0, "1": 0})) is None
        assert dog.judge(7, status(clock, articles=5, lag={})) is None  # partition ends not known yet


def test_a_worker_without_partitions_is_left_to_its_membership_watchdog():
    clock = Clock()
    dog = watchdog(clock)
    for _ in range(10):
        clock.now += 30
        assert dog.judge(7, status(clock, partitions=(), lag={})) is None


def test_a_worker_that_stops_writing_its_status_is_stuck():
    clock = Clock()
    dog = watchdog(clock)
    last = status(clock, articles=5)
    assert dog.judge(7, last) is None
    clock.now += 30
    assert dog.judge(7, last) is None
    clock.now += 20
    assert dog.judge(7, last) == "no status for 50 s (event loop stuck) with lag 0"


def test_a_new_process_starts_with_a_fresh_clock():
    clock = Clock()
    dog = watchdog(clock)
    dog.judge(7, status(clock, articles=3, lag={"0": 12}))
    clock.now += 50
    assert dog.judge(7, status(clock, articles=3, lag={"0": 12})) is not None
    assert dog.judge(8, None) is None  # the restarted worker, before its first status
    clock.now += 30
    assert dog.judge(8, status(clock, articles=0, lag={"0": 12})) is None
    clock.now += 20
    assert dog.judge(8, status(clock, articles=0, lag={"0": 12})) == "no progress for 50 s with lag 12"


def test_newswire_status_says_why_the_worker_was_restarted(tmp_path):
    import time

    from rich.console import Console

    from newswire.app.dashboard import Snapshot, render
    from newswire.status import read_status, write_status

    reason = "process restarted: no progress for 46 s with lag 12"
    write_status(tmp_path, "supervisor", {"restarts": {"process": 1, "sink": 0}, "last_restart": reason})
    write_status(tmp_path, "process", {"articles": 3, "partitions": [0, 1], "lag": {"0": 10, "1": 2}})
    console = Console(width=250, record=True)
    console.print(render(Snapshot(time.time(), read_status(tmp_path)), tmp_path))
    text = console.export_text()
    assert f"restarts 1  last: {reason}" in text
    assert "partitions 0,1  lag 12" in text


def test_a_new_worker_gets_its_start_up_grace_before_its_clock_runs():
    clock = Clock()
    dog = ProgressWatchdog(limit_s=8, clock=clock, wall=clock, startup_s=30)
    assert dog.judge(7, status(clock, articles=0, lag={"0": 5})) is None
    clock.now += 30  # joining its group and starting its extraction child
    assert dog.judge(7, status(clock, articles=0, lag={"0": 5})) is None
    clock.now += 9
    assert dog.judge(7, status(clock, articles=0, lag={"0": 5})) == "no progress for 9 s with lag 5"
    assert dog.judge(8, status(clock, articles=0, lag={"0": 5})) is None  # the next one has its grace too
