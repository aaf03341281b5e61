"""Live counters of each running stage, shared through small JSON files in ``<data_dir>/status``.

Each stage process writes its counters about once a second; ``newswire run`` reads them for its
status line and to know when the pipeline has drained. Files, not sockets: they work across the
process tree with no extra port, and a dead process's last numbers stay readable.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, is_dataclass
from pathlib import Path


def status_dir(data_dir: Path) -> Path:
    path = Path(data_dir) / "status"
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_status(data_dir: Path, stage: str, counters: object) -> None:
    values = asdict(counters) if is_dataclass(counters) else dict(counters)  # type: ignore[arg-type]
    values.update(stage=stage, pid=os.getpid(), updated_at=time.time())
    path = status_dir(data_dir) / f"{stage}-{os.getpid()}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(values, default=str))
    tmp.replace(path)  # atomic: a reader never sees half a file


def read_status(data_dir: Path) -> dict[str, list[dict]]:
    """Latest counters of every stage process, grouped by stage."""
    found: dict[str, list[dict]] = {}
    for path in sorted(status_dir(data_dir).glob("*.json")):
        try:
            values = json.loads(path.read_text())
        except (OSError, ValueError):
            continue  # being replaced right now; the next read gets it
        found.setdefault(values.get("stage", path.stem), []).append(values)
    return found


def total(statuses: dict[str, list[dict]], stage: str, counter: str) -> int:
    return sum(int(entry.get(counter) or 0) for entry in statuses.get(stage, []))


def clear_status(data_dir: Path) -> None:
    for path in status_dir(data_dir).glob("*.json"):
        path.unlink(missing_ok=True)
