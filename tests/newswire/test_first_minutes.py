"""What a new user meets first: `newswire --version`, the run status line, docs that live in the
repository (nothing a user follows points outside it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata

from newswire.app.cli_pipeline import status_line
from newswire.ingest.stage import FailingFeeds
from newswire.app.versions import describe, versions
from newswire.processors.extract import EXTRACTOR_VERSION
from newswire.storage.db import head_revision
from tests.conftest import REPO


def newswire(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newswire", *args], capture_output=True, text=True, timeout=120,
                          env=env or {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")})


# --- versions --------------------------------------------------------------------------------------
def test_version_names_distribution_extractor_and_schema():
    result = newswire("--version")
    assert result.returncode == 0, result.stderr
    expected = f"newswire {metadata.version('newswire')} (extractor {EXTRACTOR_VERSION}, schema {head_revision()})"
    assert result.stdout.strip() == expected == describe()
    assert versions() == {"newswire": metadata.version("newswire"), "extractor": EXTRACTOR_VERSION,
                          "schema": head_revision()}


def test_status_shows_the_versions(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATA_DIR=str(tmp_path / "data"), COLUMNS="200")
    result = newswire("status", "--once", env=env)
    assert result.returncode == 0, result.stderr
    assert describe() in result.stdout


# --- the run status line ----------------------------------------------------------------------------
def statuses(polled: int, assigned: int, failing: int) -> dict[str, list[dict]]:
    return {"ingest": [{"feeds_polled": polled, "feeds_assigned": assigned, "feeds_failing": failing, "errors": 3}],
            "sink": [{"articles_stored": 2, "events_stored": 5, "figures_stored": 7}],
            "process": [{"dead_letters": 1}]}


def test_status_line_says_when_every_feed_fails_and_how_to_see_why():
    assert status_line(statuses(30, 30, 30)) == (
        "feeds polled 30 | articles 2 | events 5 | figures 7 | errors 4 | "
        "all 30 feeds are failing: `newswire feeds status --unhealthy` shows why")
    assert status_line(statuses(30, 30, 29)) == "feeds polled 30 | articles 2 | events 5 | figures 7 | errors 4"
    assert status_line({}) == "feeds polled 0 | articles 0 | events 0 | figures 0 | errors 0"  # not started yet


def test_a_feed_counts_as_failing_until_its_next_poll_succeeds():
    from newswire.feeds import FeedState

    saved = []

    class Store:
        def list_feeds(self):
            return [FeedState(url="c", consecutive_errors=3), FeedState(url="d")]

        def save(self, state):
            saved.append(state.url)

        def get(self, url):
            return url

    polled = FailingFeeds(Store())
    assert polled.failing == {"c"}  # failing when this process started
    polled.save(FeedState(url="a", consecutive_errors=2))
    polled.save(FeedState(url="b", consecutive_errors=1))
    polled.save(FeedState(url="a", consecutive_errors=0))
    polled.save(FeedState(url="c", consecutive_errors=0))
    assert polled.failing == {"b"} and saved == ["a", "b", "a", "c"]
    assert polled.get("x") == "x"  # everything else goes to the store


# --- docs in the repository -------------------------------------------------------------------------
def test_nothing_outside_the_tests_points_to_the_shared_folder():
    found = subprocess.run(["git", "grep", "-n", "shared/", "--", ":!tests"], cwd=REPO, capture_output=True,
                           text=True, timeout=60)
    assert found.returncode == 1 and found.stdout == "", found.stdout  # 1: no match


def test_eval_help_points_into_the_repository():
    result = newswire("eval", "--help")
    assert result.returncode == 0
    assert "docs/gold-format.md" in result.stdout and "shared" not in result.stdout
    assert (REPO / "docs" / "gold-format.md").is_file() and (REPO / "docs" / "broker.md").is_file()


def test_the_documented_gold_example_is_valid_and_scores():
    path = REPO / "docs" / "gold-example.jsonl"
    records = [json.loads(line) for line in path.read_text().splitlines()]
    for record in records:
        for item in record["figures"] + record["events"]:
            span = item["text"] if "text" in item else item["trigger"]
            assert record["text"][item["start"]:item["end"]] == span
    result = newswire("eval", str(path), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == len(records) == 2
    assert report["counts"]["gold_scored"] == 3 and report["counts"]["events_gold"] == 3
