"""CPU time and peak memory of processes, read from Linux's ``/proc`` (for ``newswire bench``).

- CPU: user + system time, fields 14 and 15 of ``/proc/PID/stat``, in clock ticks.
- Peak memory: ``VmHWM`` of ``/proc/PID/status`` (the resident-set high-water mark); writing ``5``
  to ``/proc/PID/clear_refs`` resets it, so one process can measure two phases.

A :class:`ProcSampler` samples named processes in a thread, so the last numbers of a process that
has already exited (a pool worker) are still known.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class ProcSample:
    cpu_s: float  # user + system, seconds
    hwm_mb: float  # VmHWM, MiB
    rss_mb: float  # VmRSS, MiB


def sample(pid: int) -> ProcSample | None:
    """None when the process is gone (or is a zombie with no memory left to read)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # the command name may contain spaces and ')'
    cpu = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime: fields 14, 15 of the line
    memory = {}
    for line in status.splitlines():
        if line.startswith(("VmHWM:", "VmRSS:")):
            name, value = line.split(":", 1)
            memory[name] = int(value.split()[0]) / 1024  # kB -> MiB
    if "VmHWM" not in memory:
        return None
    return ProcSample(cpu, memory["VmHWM"], memory.get("VmRSS", 0.0))


def reset_peak(pid: int | None = None) -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0); False where that is not allowed."""
    try:
        Path(f"/proc/{pid or os.getpid()}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


class ProcSampler:
    """``sampler.watch("sink", pid)``; ``sampler.last()`` -> name -> newest sample, every ``interval_s``."""

    def __init__(self, interval_s: float = 0.25):
        self.interval_s = interval_s
        self._pids: dict[str, int] = {}
        self._last: dict[str, ProcSample] = {}
        self._peak: dict[str, float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="procstat", daemon=True)

    def watch(self, name: str, pid: int) -> None:
        with self._lock:
            self._pids[name] = pid
        self.poll()

    def poll(self) -> dict[str, ProcSample]:
        with self._lock:
            for name, pid in self._pids.items():
                found = sample(pid)
                if found is not None:
                    self._last[name] = found
                    self._peak[name] = max(self._peak.get(name, 0.0), found.hwm_mb)
            return dict(self._last)

    def last(self) -> dict[str, ProcSample]:
        return self.poll()

    def peaks(self) -> dict[str, float]:
        """Largest VmHWM seen of each name (kept across a process's restart or exit)."""
        self.poll()
        with self._lock:
            return dict(self._peak)

    def forget_peaks(self) -> None:
        with self._lock:
            self._peak.clear()

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.poll()

    def start(self) -> "ProcSampler":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)


def cpu_between(before: dict[str, ProcSample], after: dict[str, ProcSample]) -> dict[str, float]:
    """CPU seconds each process used between two ``last()`` snapshots (0 for one not seen before)."""
    return {name: round(now.cpu_s - (before[name].cpu_s if name in before else 0.0), 3)
            for name, now in after.items()}
