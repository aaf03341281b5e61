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
import pytest
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


# PostgreSQL, whose URL has a password to mask; `run` below serves the SQLite default.
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
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


def test_run_serves_the_web_interface_with_the_pipeline_health(tmp_path):
    """``newswire run`` prints the web interface's address; within a minute its overview shows every
    stage up (from the status files of the run's own children)."""
    import json
    import signal

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATA_DIR=str(tmp_path / "data"), NEWSWIRE_WEB_PORT=str(port), NEWSWIRE_LOG_FORMAT="json",
               NEWSWIRE_FEEDS=f"http://127.0.0.1:{_free_port()}/feed.xml", NEWSWIRE_ALLOW_PRIVATE_NETWORKS="true")
    with subprocess.Popen(NEWSWIRE + ["run"], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, cwd=tmp_path) as process:
        try:
            address = None
            for line in process.stderr:
                message = json.loads(line)["msg"]
                if message.startswith("web interface: "):
                    address = message.removeprefix("web interface: ")
                    break
            assert address == f"http://127.0.0.1:{port}/"
            deadline, stages = time.monotonic() + 60, {}
            while time.monotonic() < deadline:
                stages = httpx.get(address + "api/v1/overview", timeout=30).json()["health"]["stages"]
                if all(stages.get(s, {}).get("up") for s in ("ingest", "process", "sink", "storify")):
                    break
                time.sleep(1)
            assert all(stages.get(s, {}).get("up") for s in ("ingest", "process", "sink", "storify")), stages
            assert stages["storify"]["caught_up"] is True  # nothing to place: its first batch found none
            page = httpx.get(address, timeout=30).text
            assert "Pipeline health" in page and "sink" in page and 'data-stage="storify"' in page
        finally:
            process.send_signal(signal.SIGINT)
            process.communicate(timeout=180)
        assert process.returncode == 0


def test_a_response_leaves_without_waiting_for_the_clients_delayed_ack(tmp_path):
    """Each response is two writes (headers, then body); the server's connections send them at once
    (TCP_NODELAY). Without it every body on a kept-alive connection waited for the client's delayed
    ACK: at least 40 ms a request on Linux, whatever the load, so the fastest of ten shows it."""
    from newswire.app.web.server import WebServer
    from newswire.settings import Settings

    url = f"sqlite:///{tmp_path / 'web.db'}"
    upgrade(url)
    with WebServer(Settings(database_url=url, data_dir=tmp_path, web_port=0)) as server, \
            httpx.Client(base_url=server.address, timeout=30) as http:
        http.get("/static/style.css").raise_for_status()
        times = []
        for _ in range(10):
            started = time.perf_counter()
            response = http.get("/static/style.css")
            times.append(time.perf_counter() - started)
            assert response.status_code == 200 and len(response.content) > 1000
    assert min(times) < 0.030, times
