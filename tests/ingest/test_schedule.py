import random
from datetime import datetime, timedelta, timezone

import pytest

from newswire.ingest import schedule
from newswire.ingest.parse import ScheduleHints
from newswire.settings import Settings

NOW = datetime(2025, 3, 5, 12, 0, tzinfo=timezone.utc)  # a Wednesday


@pytest.fixture
def settings():
    return Settings(poll_interval_s=900, min_poll_interval_s=60, max_poll_interval_s=6 * 3600)


def test_default_interval_without_hints_or_history(settings):
    assert schedule.poll_interval(settings, ScheduleHints(), None) == 900


def test_ttl_and_update_period_are_floors(settings):
    assert schedule.poll_interval(settings, ScheduleHints(ttl_s=3600), None) == 3600
    assert schedule.poll_interval(settings, ScheduleHints(update_period_s=7200), 500.0) == 7200
    assert schedule.poll_interval(settings, ScheduleHints(ttl_s=10 * 86400), None) == 6 * 3600  # capped


def test_adaptive_interval_follows_entries_per_day(settings):
    assert schedule.poll_interval(settings, ScheduleHints(), 96.0) == 900  # one entry per 15 min
    assert schedule.poll_interval(settings, ScheduleHints(), 10_000.0) == 60  # busy wire: the floor
    assert schedule.poll_interval(settings, ScheduleHints(), 1.0) == 6 * 3600  # daily blog: the cap
    assert schedule.poll_interval(settings, ScheduleHints(), 0.0) == 6 * 3600


def test_success_is_jittered_within_ten_percent(settings):
    rng = random.Random(7)
    delays = [(schedule.next_poll_after_success(NOW, settings, ScheduleHints(), None, rng)[0] - NOW).total_seconds()
              for _ in range(200)]
    assert 810 <= min(delays) < max(delays) <= 990


def test_skip_hours_and_days_move_the_next_poll(settings):
    hints = ScheduleHints(skip_hours=frozenset({12, 13}), skip_days=frozenset())
    assert schedule.skip_forward(NOW, hints) == NOW.replace(hour=14)
    weekend = ScheduleHints(skip_days=frozenset({5, 6}))
    saturday = datetime(2025, 3, 8, 9, 30, tzinfo=timezone.utc)
    assert schedule.skip_forward(saturday, weekend) == datetime(2025, 3, 10, 0, 0, tzinfo=timezone.utc)
    when, _ = schedule.next_poll_after_success(NOW.replace(hour=11, minute=50), settings, hints, None, random.Random(1))
    assert when.hour == 14


def test_backoff_doubles_with_jitter_and_caps(settings):
    rng = random.Random(3)
    for errors in range(1, 12):
        delay = schedule.backoff_delay(errors, settings, rng=rng)
        full = min(6 * 3600, 60 * 2 ** (errors - 1))
        assert full / 2 <= delay <= full
    assert schedule.backoff_delay(1000, settings, rng=rng) <= 6 * 3600


def test_backoff_honours_retry_after_up_to_the_cap(settings):
    assert schedule.backoff_delay(1, settings, retry_after=1800, rng=random.Random(1)) == 1800
    assert schedule.backoff_delay(1, settings, retry_after=10 * 86400, rng=random.Random(1)) == 6 * 3600


def test_never_gives_up_but_reports_unhealthy(settings):
    assert schedule.is_healthy(schedule.UNHEALTHY_AFTER - 1)
    assert not schedule.is_healthy(schedule.UNHEALTHY_AFTER)
    later = schedule.next_poll_after_error(NOW, settings, ScheduleHints(), 50, rng=random.Random(1))
    assert NOW < later <= NOW + timedelta(hours=6)


def test_entries_per_day_estimate():
    dates = [NOW - timedelta(hours=hours) for hours in range(0, 48, 2)]  # 24 entries over 2 days
    rate = schedule.estimate_entries_per_day(dates, NOW, None)
    assert 11 < rate < 13
    # A feed that went quiet a week ago slows down, smoothed with what was known.
    stale = [NOW - timedelta(days=7, hours=hours) for hours in range(24)]
    assert schedule.estimate_entries_per_day(stale, NOW, 12.0) < 8
    assert schedule.estimate_entries_per_day([None, None], NOW, 5.0) == 5.0
