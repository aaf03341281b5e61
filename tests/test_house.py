"""The house's rules, enforced on the source and on the built wheel.

- One import root: everything installs under ``newswire``.
- Three floors: contracts (``newswire/*.py``) import no stage and not the app; each stage
  (``newswire.ingest``, ``newswire.processors``, ``newswire.storage``) imports contracts only; the app
  (``newswire.app``) sits on top. Imports inside functions count as much as those at the top. The
  public face (``newswire/__init__.py``) may name what a stage offers (``extract``), never the app.
- No import circle anywhere.
- No module over 400 lines; every dead-letter reason in the code is in ``DEAD_LETTER_REASONS``.
"""

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


PACKAGE_DIRS = {"newswire": ROOT / "newswire", **{f"newswire.{stage}": ROOT / stage for stage in STAGE_FOLDERS}}
STAGES = tuple(f"newswire.{stage}" for stage in STAGE_FOLDERS)


def product_modules() -> dict[str, Path]:
    """Every product module by its dotted name (``ingest/poller.py`` is ``newswire.ingest.poller``)."""
    found = {}
    for package, folder in PACKAGE_DIRS.items():
        for path in folder.rglob("*.py"):
            if package == "newswire" and path.relative_to(folder).parts[0] in STAGE_FOLDERS:
                continue
            parts = [package, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def import_edges(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The product modules ``name`` imports, anywhere in its body (``from a import b`` counts as a.b
    when b is a module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    edges = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # `import newswire.storage.db.x` -> the module it names
                target = target.rpartition(".")[0]
            if target and target != name:
                edges.add(target)
    return edges


def import_graph() -> dict[str, set[str]]:
    modules = product_modules()
    return {name: import_edges(name, path, modules) for name, path in modules.items()}


def floor(module: str) -> str:
    if module == "newswire":
        return "face"
    if module == "newswire.app" or module.startswith("newswire.app.") or module == "newswire.__main__":
        return "app"
    for stage in STAGES:
        if module == stage or module.startswith(stage + "."):
            return stage
    return "contracts"


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for module, targets in sorted(graph.items()):
        mine = floor(module)
        for target in sorted(targets):
            theirs = floor(target)
            if mine == "app" or theirs == mine or theirs == "contracts" or (mine == "face" and theirs != "app"):
                continue
            found.append(f"{module} ({mine}) imports {target} ({theirs})")
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_floors_hold():
    graph = import_graph()
    assert {"newswire.app.cli", "newswire.records", "newswire.ingest.poller", "newswire.storage.sink",
            "newswire.processors.agents"} <= set(graph)
    assert layer_violations(graph) == [], "contracts import no stage; a stage imports contracts only"


def test_no_import_circle():
    assert cycles(import_graph()) == []


def test_the_layer_checks_see_violations_and_circles(tmp_path):
    (tmp_path / "mod.py").write_text("def f():\n    from newswire.storage import db\n    from . import other\n")
    modules = {"newswire.ingest.mod": tmp_path / "mod.py", "newswire.ingest.other": tmp_path / "o.py",
               "newswire.storage.db": tmp_path / "db.py"}
    edges = import_edges("newswire.ingest.mod", modules["newswire.ingest.mod"], modules)
    assert edges == {"newswire.storage.db", "newswire.ingest.other"}
    assert layer_violations({"newswire.ingest.mod": edges}) == [
        "newswire.ingest.mod (newswire.ingest) imports newswire.storage.db (newswire.storage)"]
    assert layer_violations({"newswire.records": {"newswire.app.cli"}}) == [
        "newswire.records (contracts) imports newswire.app.cli (app)"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert layer_violations({"newswire": {"newswire.processors.extract", "newswire.app.cli"}}) == [
        "newswire (face) imports newswire.app.cli (app)"]


MAX_LINES = 400


def test_no_module_over_400_lines():
    sizes = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
             for path in product_modules().values()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def docstrings_utf8_cannot_encode(path: Path) -> list[int]:
    """Lines of docstrings holding a lone surrogate: Python 3.13 cleans docstrings when it compiles, and
    encoding one with a surrogate as UTF-8 fails at import (it did, on CI's newest Python)."""
    bad = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node, clean=False)
            if doc is not None:
                try:
                    doc.encode("utf-8")
                except UnicodeEncodeError:
                    bad.append(getattr(node, "lineno", 1))
    return bad


def test_no_docstring_holds_a_lone_surrogate():
    found = {str(path.relative_to(ROOT)): lines for path in python_files()
             if (lines := docstrings_utf8_cannot_encode(path))}
    assert found == {}


def test_the_docstring_check_sees_a_surrogate(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('def f():\n    """a \\ud800 here"""\n', encoding="utf-8")
    assert docstrings_utf8_cannot_encode(module) == [1]


def literal_reasons(path: Path) -> dict[str, int]:
    """Reasons written in the code: ``reason="..."`` arguments, ``reason = "..."`` assignments, the first
    argument of a FetchError, ``getattr(x, "reason", "...")`` defaults, ``dead_letter(event, "...")`` and
    the WARC reader's damage; an f-string (``f"http_{status}"``) counts as its pattern (``http_<status>``)."""
    def text(node: ast.AST) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.JoinedStr):
            return ["".join(v.value if isinstance(v, ast.Constant) else f"<{ast.unparse(v.value)}>"
                            for v in node.values)]
        if isinstance(node, ast.IfExp):
            return text(node.body) + text(node.orelse)
        return []

    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        values: list[ast.AST] = []
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func).rpartition(".")[2]
            values += [kw.value for kw in node.keywords if kw.arg == "reason"]
            if name.endswith("FetchError") and node.args:
                values.append(node.args[0])
            if name == "getattr" and len(node.args) == 3 and text(node.args[1]) == ["reason"]:
                values.append(node.args[2])
            if name in ("_damage", "_resync") and node.args:  # a damaged WARC record (ingest.warc)
                values.append(node.args[0])
            if name in ("dead_letter", "Damage", "Broken") and len(node.args) > 1:
                values.append(node.args[1])
        elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "reason" or isinstance(t, ast.Attribute) and t.attr == "reason"
                for t in node.targets):
            values.append(node.value)
        for value in values:
            for reason in text(value):
                found.setdefault(reason, node.lineno)
    return found


def test_every_dead_letter_reason_is_listed_next_to_the_error_tree():
    from newswire.errors import DEAD_LETTER_REASONS

    written = {f"{path.relative_to(ROOT)}:{line}: {reason}"
               for path in product_modules().values() for reason, line in literal_reasons(path).items()
               if reason not in DEAD_LETTER_REASONS}
    assert written == set(), "add the reason to newswire.errors.DEAD_LETTER_REASONS"
    seen = {reason for path in product_modules().values() for reason in literal_reasons(path)}
    assert {"timeout", "http_<status>", "bad_record", "truncated_record", "extract_timeout", "db_rejected",
            "unknown_source", "private_address"} <= seen


def test_the_reason_scan_sees_every_form(tmp_path):
    code = tmp_path / "code.py"
    code.write_text('PermanentFetchError("not_html", "x")\nDeadLetterRecord(reason="bad_url")\n'
                    'reason = "a" if x else f"http_{status}"\ngetattr(exc, "reason", "bad_feed")\n'
                    'dead_letter(event, "extract_failed", "boom")\n')
    assert set(literal_reasons(code)) == {"not_html", "bad_url", "a", "http_<status>", "bad_feed", "extract_failed"}


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
                     "newswire/app/cli.py", "newswire/app/bench/synthetic.py", "newswire/ingest/stage.py",
                     "newswire/storage/alembic.ini", "newswire/storage/migrations/versions/0001_initial.py",
                     "newswire/ingest/default_feeds.opml", "newswire/schemas/newswire.articles.v1.json"):
        assert expected in names
