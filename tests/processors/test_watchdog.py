"""The worker's membership watchdog: a lost group membership ends the process, idleness does not."""

from __future__ import annotations

from newswire.processors.agents import MembershipWatchdog


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_worker_that_never_held_partitions_is_idle_not_stalled():
    clock = Clock()
    watchdog = MembershipWatchdog(limit_s=60, clock=clock)
    for _ in range(10):
        clock.now += 30
        assert not watchdog.stalled(holding=False)


def test_losing_partitions_for_longer_than_the_limit_is_a_stall():
    clock = Clock()
    watchdog = MembershipWatchdog(limit_s=60, clock=clock)
    assert not watchdog.stalled(holding=True)
    clock.now += 10
    assert not watchdog.stalled(holding=False)  # a rebalance: partitions gone for a moment
    clock.now += 40
    assert not watchdog.stalled(holding=False)
    clock.now += 5
    assert not watchdog.stalled(holding=True)  # got them back: the clock restarts
    clock.now += 5
    assert not watchdog.stalled(holding=False)
    clock.now += 61
    assert watchdog.stalled(holding=False)
    assert watchdog.lost_for() == 61
