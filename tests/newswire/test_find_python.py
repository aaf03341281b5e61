"""The Makefile's choice of Python: the newest python3.N >= 3.11 on PATH, python3 if new enough,
one clear line and a stop if there is none, PYTHON=... overriding.

Fake interpreters are small shell scripts that answer ``--version`` like Python does; PATH holds
nothing else, as on a machine that has only them. ``make -n`` prints the venv command with the
chosen interpreter without running it; the venv goes to a scratch directory, so make always has
to build it (and so to choose).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

MAKE = shutil.which("make")


def fake(directory: Path, name: str, answer: str, code: int = 0) -> Path:
    """An executable ``name`` that prints ``answer`` and exits with ``code``, whatever it is asked."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(f'#!/bin/sh\necho "{answer}"\nexit {code}\n')
    path.chmod(0o755)
    return path


def make(tmp_path: Path, path: str, *args: str, python: str | None = None) -> subprocess.CompletedProcess:
    assert MAKE, "make is needed: it is the README's entry point"
    env = {"PATH": path, "HOME": str(tmp_path)}
    if python is not None:
        env["PYTHON"] = python
    return subprocess.run([MAKE, "--no-print-directory", "-C", str(REPO), f"VENV={tmp_path / 'venv'}", *args],
                          env=env, capture_output=True, text=True, timeout=60)


def test_only_python_3_10_stops_with_one_clear_line(tmp_path):
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "python3", "Python 3.10.12")
    fake(bin_dir, "python3.10", "Python 3.10.12")
    result = make(tmp_path, str(bin_dir), "install")
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "newswire needs Python 3.11 or newer" in lines[0] and "PYTHON=" in lines[0]
    assert not (tmp_path / "venv").exists()


def test_the_newest_working_python_3_11_or_later_is_chosen(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    fake(first, "python3", "Python 3.10.12")
    fake(first, "python3.13", "pyenv: python3.13: command not found", code=127)  # a shim of an inactive version
    fake(first, "python3.12-config", "Python 3.99.0")  # not an interpreter
    fake(second, "python3.11", "Python 3.11.9")
    chosen = fake(second, "python3.12", "Python 3.12.3")
    fake(second, "python3.9", "Python 3.9.18")
    result = make(tmp_path, f"{first}:{second}", "-n", "install")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"{chosen} -m venv {tmp_path / 'venv'}"


def test_python3_is_used_when_it_is_new_enough_and_the_only_one(tmp_path):
    bin_dir = tmp_path / "bin"
    chosen = fake(bin_dir, "python3", "Python 3.13.1")
    result = make(tmp_path, str(bin_dir), "-n", "install")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"{chosen} -m venv {tmp_path / 'venv'}"


def test_python_variable_overrides_the_choice(tmp_path):
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "python3", "Python 3.10.12")
    result = make(tmp_path, str(bin_dir), "-n", "install", python="/opt/python3.14/bin/python3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"/opt/python3.14/bin/python3 -m venv {tmp_path / 'venv'}"


def test_on_this_machine_a_real_python_of_at_least_3_11_is_found():
    found = subprocess.run(["/bin/sh", str(REPO / ".ci" / "find-python.sh")], capture_output=True, text=True,
                           env={"PATH": os.environ["PATH"]}, timeout=60).stdout.strip()
    assert found, "no Python 3.11+ on PATH, yet this test runs on one"
    version = subprocess.run([found, "-c", "import sys; print(sys.version_info[:2] >= (3, 11))"],
                             capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == "True"
    assert sys.version_info >= (3, 11)
