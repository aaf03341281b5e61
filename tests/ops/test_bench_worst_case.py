"""The benchmark's worst-case section (issue 18): extraction cost per KB of hostile texts at two sizes.

Only the shape and sanity of the section are tested, at small sizes; whether the ratio meets its target
is the benchmark's to report on a quiet machine, not a test's to assert.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newswire.app.bench.worst import CLASSES, measure_worst_cases
from newswire.processors.sentences import split_sentences


def check_section(worst: dict, sizes: list[float]) -> None:
    assert worst["sizes_kb"] == sizes
    assert worst["target_ratio"] == 2.0
    assert set(worst["classes"]) == set(CLASSES) == {"unpunctuated", "said_repeated", "number_table", "claims_repeated",
                                                    "prose"}
    for name, row in worst["classes"].items():
        assert [size["kb"] for size in row["sizes"]] == sizes
        for size in row["sizes"]:
            assert size["seconds"] > 0
            assert size["ms_per_kb"] == pytest.approx(1000 * size["seconds"] / size["kb"], rel=0.01, abs=1e-3)
        assert row["ratio"] == pytest.approx(row["sizes"][-1]["ms_per_kb"] / row["sizes"][0]["ms_per_kb"],
                                             rel=0.01, abs=1e-3)  # the ratio is rounded to 3 decimals
    assert worst["worst_ratio"] == max(row["ratio"] for row in worst["classes"].values())
    assert worst["within_target"] == (worst["worst_ratio"] <= 2.0)


def test_the_section_has_every_class_at_every_size():
    check_section(measure_worst_cases((0.5, 4), min_runs=1), [0.5, 4.0])


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_each_class_generates_the_size_asked(name):
    for size in (10, 1000, 5000):
        assert len(CLASSES[name](size)) == size
    if name != "prose":  # no sentence break anywhere
        assert len(split_sentences(CLASSES[name](900))) == 1


def test_newswire_bench_worst_case_only_writes_the_section(tmp_path):
    out = tmp_path / "worst.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-m", "newswire", "bench", "--worst-case-only", "--worst-case-kb", "1,8",
                             "--json", str(out)], env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "said_repeated" in result.stdout
    check_section(json.loads(out.read_text())["worst_case"], [1.0, 8.0])


def test_bad_sizes_are_a_usage_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    result = subprocess.run([sys.executable, "-m", "newswire", "bench", "--worst-case-only", "--worst-case-kb", "2"],
                            env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
