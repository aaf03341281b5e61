"""Where the shared data lies (real news, real feeds, real pages written by others): read from there,
never copied into the repository.

``NEWSWIRE_SHARED`` names it; else a ``shared/`` folder beside the checkout or one of its parents; else
beside the repository this one was cloned from (a fresh clone in /tmp still finds the data next to
its origin).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _origin() -> Path | None:
    try:
        url = subprocess.run(["git", "config", "--get", "remote.origin.url"], cwd=ROOT, capture_output=True,
                             text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(url.removeprefix("file://")) if url and "://" not in url.removeprefix("file://") else None
    return path.resolve() if path is not None and path.is_dir() else None


def shared_path(*parts: str) -> Path:
    """``shared/<parts>``, found as the module says; an AssertionError naming ``NEWSWIRE_SHARED`` if absent."""
    roots = [Path(os.environ["NEWSWIRE_SHARED"])] if os.environ.get("NEWSWIRE_SHARED") else []
    for start in filter(None, (ROOT, _origin())):
        roots += [parent / "shared" for parent in (start, *start.parents)]
    for root in roots:
        if (root / Path(*parts)).exists():
            return root / Path(*parts)
    raise AssertionError(f"shared/{'/'.join(parts)} is missing: set NEWSWIRE_SHARED to the shared folder")
