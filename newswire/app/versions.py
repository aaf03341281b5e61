"""What this installation of newswire is: ``newswire --version``, ``newswire status``, the bench report.

Three numbers tell apart what matters when comparing two installations or two runs: the
installed distribution's version, the extractor's version (every figure and event carries it, and
``newswire reprocess`` replaces older results), and the schema revision (the Alembic head the
sink requires of the database).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import metadata


def versions() -> dict[str, str]:
    """``{"newswire": "0.1.0", "extractor": "1.1.0", "schema": "0001"}``."""
    return dict(_versions())


@lru_cache(maxsize=1)  # `newswire status` asks every second; reading the migrations once is enough
def _versions() -> tuple[tuple[str, str], ...]:
    from newswire.processors.extract import EXTRACTOR_VERSION
    from newswire.storage.db import head_revision

    try:
        installed = metadata.version("newswire")
    except metadata.PackageNotFoundError:  # imported from a source tree that was never installed
        installed = "unknown (not installed)"
    return (("newswire", installed), ("extractor", EXTRACTOR_VERSION), ("schema", head_revision()))


def describe() -> str:
    """One line: ``newswire 0.1.0 (extractor 1.1.0, schema 0001)``."""
    found = versions()
    return f"newswire {found['newswire']} (extractor {found['extractor']}, schema {found['schema']})"
