"""``newswire serve`` as a user runs it: a real process on NEWSWIRE_WEB_HOST/PORT that prints its
address, serves the pages against the configured database with the URL masked, and refuses a
database without newswire's schema with a clear message."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time

import httpx
from sqlalchemy.engine import make_url

from newswire.storage.db import upgrade

NEWSWIRE = [sys.executable, "-m", "newswire"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(tmp_path, database_url: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATABASE_URL=database_url, NEWSWIRE_DATA_DIR=str(tmp_path), NEWSWIRE_WEB_PORT=str(port),
               NEWSWIRE_LOG_FORMAT="text")
    return env


def test_serve_prints_its_address_and_masks_the_database(database_url, tmp_path):
    upgrade(database_url)
    port = _free_port()
    with subprocess.Popen(NEWSWIRE + ["serve"], env=_env(tmp_path, database_url, port),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as process:
        _check_serving(process, database_url, port)


def _check_serving(process, database_url: str, port: int) -> None:
    try:
        line = process.stdout.readline()
        deadline = time.monotonic() + 60
        while "web interface on" not in line and time.monotonic() < deadline and line:
            line = process.stdout.readline()
        assert f"web interface on http://127.0.0.1:{port}/" in line, line
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=30)
        assert page.status_code == 200 and "Overview" in page.text
        password = make_url(database_url).password
        if password:
            assert f":{password}@" not in page.text and f":{password}@" not in line and ":***@" in page.text
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/overview", timeout=30).json()["rows"]["articles"] == 0
    finally:
        process.terminate()
        assert process.wait(timeout=30) == 0


def test_serve_refuses_a_database_without_the_schema(tmp_path):
    result = subprocess.run(NEWSWIRE + ["serve"], env=_env(tmp_path, f"sqlite:///{tmp_path / 'empty.db'}", _free_port()),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert re.search(r"no newswire schema .*newswire db upgrade", result.stdout + result.stderr), result.stderr[-2000:]
