"""When the embedded broker is due for renewal (the thresholds of newswire.app.renewal), and its epoch file."""

from __future__ import annotations

import json
import os

from newswire.app.broker import EmbeddedBroker
from newswire.app.renewal import Renewal, broker_rss_mb, read_epoch, stamp_epoch


def statuses(**published: int) -> dict[str, list[dict]]:
    return {stage: [{"articles_published": count, "pid": 1}] for stage, count in published.items()}


def test_due_after_the_articles_published_to_this_broker_whichever_stage_published_them():
    renewal = Renewal(renew_articles=100, renew_rss_mb=0)
    assert renewal.due(os.getpid(), statuses(ingest=60, recover=39)) is None
    reason = renewal.due(os.getpid(), statuses(ingest=60, recover=39, replay=1))
    assert reason is not None and "100 articles" in reason


def test_due_on_the_broker_resident_memory_read_from_proc():
    own = broker_rss_mb(os.getpid())
    assert own is not None and own > 1
    assert Renewal(renew_articles=0, renew_rss_mb=own * 10).due(os.getpid(), {}) is None
    reason = Renewal(renew_articles=0, renew_rss_mb=own / 2).due(os.getpid(), {})
    assert reason is not None and "resident memory" in reason


def test_zero_thresholds_never_renew_and_a_gone_broker_is_not_measured():
    never = Renewal(renew_articles=0, renew_rss_mb=0)
    assert never.due(os.getpid(), statuses(ingest=10**9)) is None
    assert broker_rss_mb(None) is None and broker_rss_mb(2**22 + 12345) is None
    assert Renewal(renew_articles=0, renew_rss_mb=1).due(None, {}) is None


def test_the_epoch_is_stamped_into_broker_json_for_subscribers(tmp_path):
    assert read_epoch(tmp_path) is None
    (tmp_path / "broker.json").write_text(json.dumps({"bootstrap": "127.0.0.1:1", "pid": 7}))
    assert read_epoch(tmp_path) is None  # written by an older newswire: no epoch
    stamp_epoch(tmp_path, 3)
    found = json.loads((tmp_path / "broker.json").read_text())
    assert found["bootstrap"] == "127.0.0.1:1" and found["epoch"] == 3 and found["started_at"] > 0
    assert read_epoch(tmp_path) == 3
    stamp_epoch(tmp_path, 4, EmbeddedBroker(port=4321))  # a new broker: its address replaces the old one's
    found = json.loads((tmp_path / "broker.json").read_text())
    assert found["bootstrap"] == "127.0.0.1:4321" and found["epoch"] == 4 and read_epoch(tmp_path) == 4
    renewal = Renewal(10, 0, epoch=3, renewals=2)
    assert renewal.status() == {"broker_epoch": 3, "broker_renewals": 2, "last_renewal": None}


def test_an_rss_threshold_a_fresh_broker_already_passes_is_a_usage_error(monkeypatch):
    import pydantic
    import pytest

    from newswire.settings import Settings

    for bad in ("8", "63.9"):
        monkeypatch.setenv("NEWSWIRE_BROKER_RENEW_RSS_MB", bad)
        with pytest.raises(pydantic.ValidationError, match="at least 64 MiB"):
            Settings()
    for good in ("0", "64", "256"):
        monkeypatch.setenv("NEWSWIRE_BROKER_RENEW_RSS_MB", good)
        assert Settings().broker_renew_rss_mb == float(good)
