"""The house's rules: one import root (``newswire``), enforced on the source and on the built wheel."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STAGE_FOLDERS = ("ingest", "processors", "storage")
SOURCE_DIRS = ("newswire", *STAGE_FOLDERS, "tests", "benchmarks", ".ci")


def python_files() -> list[Path]:
    return sorted(p for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.py") if ".venv" not in p.parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def test_no_module_imports_a_stage_by_its_old_top_level_name():
    offenders = [f"{path.relative_to(ROOT)}:{line}: {module}"
                 for path in python_files() for line, module in imported_modules(path)
                 if module.split(".")[0] in STAGE_FOLDERS]
    assert offenders == [], "import the stages as newswire.ingest / newswire.processors / newswire.storage"


def test_the_checker_sees_old_names(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\ndef f():\n    from storage.db import engine\n    import processors.extract\n")
    assert [m for _, m in imported_modules(bad)] == ["os", "storage.db", "processors.extract"]


def test_the_stages_import_under_newswire_with_loggers_under_newswire():
    from newswire.ingest import poller
    from newswire.processors import agents
    from newswire.storage import sink
    assert [m.log.name for m in (poller, agents, sink)] == [
        "newswire.ingest.poller", "newswire.processors.agents", "newswire.storage.sink"]
    assert Path(poller.__file__).parent == ROOT / "ingest"


@pytest.mark.slow
def test_the_wheel_installs_one_top_level_package(tmp_path):
    source = tmp_path / "src"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_bytes((ROOT / name).read_bytes())
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                            "--quiet", "-w", str(tmp_path / "dist"), str(source)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("newswire-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if ".dist-info/" not in n}
    assert top == {"newswire"}
    for expected in ("newswire/ingest/poller.py", "newswire/processors/extract.py", "newswire/storage/db.py",
                     "newswire/storage/alembic.ini", "newswire/storage/migrations/versions/0001_initial.py",
                     "newswire/ingest/default_feeds.opml", "newswire/schemas/newswire.articles.v1.json"):
        assert expected in names
