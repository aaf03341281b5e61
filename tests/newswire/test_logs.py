"""Logs: short text lines on a terminal, JSON lines otherwise, third-party chatter kept down.

The terminal is a real pseudo-terminal (``os.openpty``): the command sees a TTY on stdin, stdout and
stderr, as in a person's shell. The piped case captures stderr through a pipe.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newswire import logs
from tests.history.test_replay import write_feed_archive

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
TEXT_LINE = re.compile(r"^\d\d:\d\d:\d\d (DEBUG|INFO|WARNING|ERROR|CRITICAL) +\S+  ")


def clean_env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(TERM="xterm-256color", COLUMNS="160", **settings)
    return env


def on_terminal(args: list[str], env: dict[str, str], *, until: str | None = None, timeout: float = 240,
                cwd: Path | None = None) -> tuple[int, str]:
    """Run ``newswire args`` with a pseudo-terminal as stdin, stdout and stderr; with ``until``, send
    Ctrl-C's SIGINT once that text has appeared. Returns the exit code and the screen's text, without
    colour codes, one line per line or carriage-return-separated redraw."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "newswire", *args], stdin=slave, stdout=slave, stderr=slave,
                               env=env, cwd=cwd, close_fds=True)
    os.close(slave)
    raw, interrupted, deadline = b"", False, time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if until is not None and not interrupted and until in ANSI.sub("", raw.decode(errors="replace")):
                process.send_signal(signal.SIGINT)
                interrupted = True
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: every writer of the terminal has gone
                    break
                if not chunk:
                    break
                raw += chunk
            elif process.poll() is not None:
                break
        else:
            process.kill()
            pytest.fail(f"newswire {' '.join(args)} did not finish within {timeout} s:\n{raw.decode()[-3000:]}")
        code = process.wait(timeout=60)
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
    text = ANSI.sub("", raw.decode(errors="replace"))
    return code, "\n".join(line for line in re.split(r"[\r\n]+", text) if line.strip())


def piped(args: list[str], env: dict[str, str], *, until: str | None = None, timeout: float = 240,
          cwd: Path | None = None) -> tuple[int, str, str]:
    """Run ``newswire args`` with stdout and stderr to pipes; with ``until``, SIGINT once a stderr line
    contains it. Returns the exit code, stdout and stderr."""
    process = subprocess.Popen([sys.executable, "-m", "newswire", *args], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd, text=True)
    if until is None:
        out, err = process.communicate(timeout=timeout)
        return process.returncode, out, err
    lines, deadline = [], time.monotonic() + timeout
    assert process.stderr is not None
    for line in process.stderr:
        lines.append(line)
        if until in line:
            process.send_signal(signal.SIGINT)
            break
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"no {until!r} within {timeout} s:\n{''.join(lines)[-3000:]}")
    out, err = process.communicate(timeout=180)
    return process.returncode, out, "".join(lines) + err


def json_lines(stderr: str) -> list[dict]:
    records = [json.loads(line) for line in stderr.splitlines()]  # fails on any line that is not JSON
    assert records and all(isinstance(r, dict) and {"at", "level", "logger", "msg"} <= set(r) for r in records)
    return records


def assert_for_people(screen: str) -> None:
    assert '{"at"' not in screen and '"level":' not in screen, screen[-3000:]
    assert "alembic" not in screen and "Context impl" not in screen, screen[-3000:]


# --- the formats, in this process --------------------------------------------------------------
class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_auto_means_text_on_a_terminal_and_json_elsewhere():
    assert logs.text_on_terminal("auto", TTY())
    assert not logs.text_on_terminal("auto", io.StringIO())
    assert logs.text_on_terminal("text", io.StringIO())
    assert not logs.text_on_terminal("json", TTY())


def test_a_text_line_has_time_level_where_message_and_fields():
    from rich.console import Console

    out = io.StringIO()
    handler = logs.ConsoleHandler(Console(file=out, width=200, color_system=None))
    record = logging.LogRecord("newswire.app.supervisor", logging.WARNING, __file__, 1, "ingest exited (code %s)", (1,),
                               None)
    record.feed_url = "https://example.org/feed.xml"
    handler.emit(record)
    line = out.getvalue().rstrip("\n")
    assert TEXT_LINE.match(line), line
    assert line[9:] == "WARNING supervisor  ingest exited (code 1) feed_url=https://example.org/feed.xml"


def test_a_json_line_carries_the_fields():
    record = logging.LogRecord("newswire.ingest.poller", logging.INFO, __file__, 1, "feed polled", (), None)
    record.feed_url = "https://example.org/feed.xml"
    entry = json.loads(logs.JsonFormatter().format(record))
    assert entry["level"] == "info" and entry["logger"] == "newswire.ingest.poller" and entry["msg"] == "feed polled"
    assert entry["feed_url"] == "https://example.org/feed.xml"


@pytest.mark.parametrize("level, third_party", [("INFO", logging.WARNING), ("debug", logging.NOTSET)])
def test_third_party_loggers_are_quiet_unless_debug(level, third_party):
    root = logging.getLogger()
    saved = root.handlers[:], root.level, {name: logging.getLogger(name).level
                                           for name in logs.THIRD_PARTY + logs.GROUP_LOGGERS}
    try:
        logs.setup_logging(level, "json")
        for name in ("alembic", "aiokafka", "faust", "kafka", "mode"):
            assert logging.getLogger(name).level == third_party
        assert logging.getLogger("alembic.runtime.migration").isEnabledFor(logging.INFO) == (level == "debug")
        assert logging.getLogger("kafka.conn").isEnabledFor(logging.INFO) == (level == "debug")
        # Group joins and assignments are what explain a stage that consumes nothing: always at INFO.
        for name in ("kafka.coordinator", "kafka.coordinator.consumer", "aiokafka.consumer.group_coordinator"):
            assert logging.getLogger(name).isEnabledFor(logging.INFO)
            assert logging.getLogger(name).isEnabledFor(logging.DEBUG) == (level == "debug")
        assert logging.getLogger("newswire.app.supervisor").isEnabledFor(logging.INFO)
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
        for name, value in saved[2].items():
            logging.getLogger(name).setLevel(value)


# --- the settings, through the command ------------------------------------------------------------
def test_log_format_and_level_settings_override_the_terminal(tmp_path):
    data = str(tmp_path / "data")
    code, screen = on_terminal(["db", "upgrade"], clean_env(NEWSWIRE_DATA_DIR=data, NEWSWIRE_LOG_FORMAT="json"))
    assert code == 0, screen
    assert json_lines(screen)  # forced JSON, on a terminal too
    code, out, err = piped(["db", "upgrade"], clean_env(NEWSWIRE_DATA_DIR=data, NEWSWIRE_LOG_FORMAT="text"))
    assert code == 0, err
    assert err.strip() and '"level":' not in err
    assert "database schema is up to date" in err
    assert all(TEXT_LINE.match(line) for line in err.splitlines() if line != "database schema is up to date"), err
    code, out, err = piped(["db", "upgrade"], clean_env(NEWSWIRE_DATA_DIR=str(tmp_path / "fresh"),
                                                        NEWSWIRE_LOG_LEVEL="debug"))
    assert code == 0, err
    assert any(r["logger"].startswith("alembic") and r["level"] == "info" for r in json_lines(err))


# --- replay and run, end to end ------------------------------------------------------------------
@pytest.mark.slow
def test_replay_on_a_terminal_shows_text_and_piped_prints_json_lines(tmp_path):
    archive = tmp_path / "feed.xml"
    write_feed_archive(archive, range(6))
    code, screen = on_terminal(["replay", str(archive)], clean_env(NEWSWIRE_DATA_DIR=str(tmp_path / "tty")))
    assert code == 0, screen
    assert_for_people(screen)
    assert re.search(r"^\d\d:\d\d:\d\d INFO +supervisor  pipeline started", screen, re.M), screen
    assert re.search(r"^stored .* 6/6", screen, re.M), screen  # the progress bar, intact
    assert "summary" in screen

    code, out, err = piped(["replay", str(archive)], clean_env(NEWSWIRE_DATA_DIR=str(tmp_path / "pipe")))
    assert code == 0, err
    records = json_lines(err)
    assert any(r["logger"] == "newswire.app.supervisor" and r["msg"].startswith("pipeline started") for r in records)
    assert not any(r["logger"].startswith("alembic") for r in records)
    assert "summary" in out


def closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens: a feed here fails at once


@pytest.mark.slow
def test_run_on_a_terminal_names_the_database_and_says_all_feeds_fail(tmp_path, pg_database_url):
    from sqlalchemy import create_engine, make_url, text

    schema = f"t_run_{os.getpid()}"
    engine = create_engine(pg_database_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    url = f"{pg_database_url}?options=-csearch_path%3D{schema}"
    password = make_url(url).password
    feed = f"http://127.0.0.1:{closed_port()}/feed.xml"
    env = clean_env(NEWSWIRE_DATA_DIR=str(tmp_path / "data"), NEWSWIRE_DATABASE_URL=url, NEWSWIRE_FEEDS=feed,
                    NEWSWIRE_ALLOW_PRIVATE_NETWORKS="true")
    code, screen = on_terminal(["run"], env, until="`newswire feeds status --unhealthy` shows why", cwd=tmp_path)
    assert code == 0, screen
    assert_for_people(screen)
    shown = make_url(url).render_as_string(hide_password=True)
    assert f"newswire running; database {shown};" in screen, screen
    assert f":{password}@" not in screen and "data in" not in screen
    assert re.search(r"errors [1-9]\d* \| the one feed is failing: `newswire feeds status --unhealthy` shows why",
                     screen), screen
    assert "stopped." in screen
    # The command the line names shows the failing feed and why.
    code, out, err = piped(["feeds", "status", "--unhealthy"], env)
    assert code == 0, err
    assert "127.0.0.1" in out and "Connect" in out, out


@pytest.mark.slow
def test_run_piped_prints_json_lines_with_the_status_counters(tmp_path):
    feed = f"http://127.0.0.1:{closed_port()}/feed.xml"
    env = clean_env(NEWSWIRE_DATA_DIR=str(tmp_path / "data"), NEWSWIRE_FEEDS=feed,
                    NEWSWIRE_ALLOW_PRIVATE_NETWORKS="true")
    code, out, err = piped(["run"], env, until="shows why", cwd=tmp_path)
    assert code == 0, err
    records = json_lines(err)
    assert any(r["msg"].startswith(f"newswire running; data in {tmp_path / 'data'};") for r in records)
    failing = [r for r in records if "the one feed is failing" in r["msg"]]
    assert failing and failing[0]["feeds_failing"] == failing[0]["feeds_assigned"] == 1
    assert not any(r["logger"].startswith("alembic") for r in records)
    assert records[-1]["msg"] == "stopped."
