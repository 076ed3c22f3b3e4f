"""The house's rules, checked on the source: which part may import which, the 400-line cap on a
module, and one installed package (`claimtrack`) whose folders are the project's top-level ones."""
import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT

FOLDERS = ("claimtrack", "flows", "extractors", "db")
WINGS = ("sources", "extraction", "outputs", "quality", "orchestration", "terminal")
LOWER = {"errors", "extractors", "db"}
# What each part may import besides itself. Read down the data's path: the errors, the
# extractors and the store import nothing above them; the shared settings and helpers in
# flows/ only those; each wing the shared part and what it drives; the terminal anything.
MAY_IMPORT = {
    "errors": set(),
    "extractors": {"errors"},
    "db": {"errors"},
    "shared": LOWER,
    "sources": LOWER | {"shared"},
    "extraction": LOWER | {"shared"},
    "outputs": LOWER | {"shared"},
    "quality": LOWER | {"shared", "sources", "extraction"},
    "orchestration": LOWER | {"shared", "sources", "extraction", "outputs"},
    "terminal": LOWER | {"shared", "sources", "extraction", "outputs", "quality", "orchestration"},
    "api": LOWER | {"shared", "extraction", "orchestration", "terminal"},
}
MAX_LINES = 400


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts if parts[0] == "claimtrack" else ["claimtrack", *parts])


def part_of(module: str) -> str:
    """Which part of the house a dotted module name is in."""
    names = module.split(".")[1:]
    if not names or names[0] not in ("errors", "extractors", "db", "flows"):
        return "api"                      # claimtrack itself: the Python API and __main__
    if names[0] != "flows":
        return names[0]
    return names[1] if len(names) > 1 and names[1] in WINGS else "shared"


def _sources() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py"))


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            found.append(f"(relative import in {path.name})")
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


def test_each_part_imports_only_what_lies_below_it():
    broken = []
    for path in _sources():
        here = part_of(_module(path))
        for target in _imports(path):
            if target.startswith("(relative"):
                broken.append(f"{path.relative_to(ROOT)}: {target}; write claimtrack.…")
            elif target.split(".")[0] in ("flows", "extractors", "db"):
                broken.append(f"{path.relative_to(ROOT)} imports {target}: write claimtrack.{target}")
            elif target.split(".")[0] == "claimtrack" and target != "claimtrack":
                there = part_of(target)
                if there != here and there not in MAY_IMPORT[here]:
                    broken.append(f"{path.relative_to(ROOT)} ({here}) imports {target} ({there})")
    assert broken == []


def test_the_rules_catch_a_reach_upwards():
    """The rule is not vacuous: the names the old layout used would break it."""
    assert part_of("claimtrack.flows.sources.ingest") == "sources"
    assert part_of("claimtrack.flows.settings") == "shared"
    assert part_of("claimtrack.db.store") == "db" and part_of("claimtrack.errors") == "errors"
    assert "shared" not in MAY_IMPORT["db"] and "terminal" not in MAY_IMPORT["orchestration"]
    assert "outputs" not in MAY_IMPORT["sources"] and "sources" not in MAY_IMPORT["outputs"]


def test_no_module_is_over_the_line_cap():
    long = {str(p.relative_to(ROOT)): n for p in _sources()
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split these by idea (at most {MAX_LINES} lines a module)"


def test_every_package_folder_is_packaged_under_claimtrack():
    """A folder with an __init__.py that pyproject.toml does not list would be missing from a
    wheel (an editable install would hide it)."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    on_disk = {_module(p.parent / "__init__.py") for folder in FOLDERS for p in (ROOT / folder).rglob("__init__.py")}
    assert set(tool["packages"]) == on_disk
    assert tool["package-dir"] == {"claimtrack": "claimtrack", "claimtrack.flows": "flows",
                                   "claimtrack.extractors": "extractors", "claimtrack.db": "db"}


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_one_package_is_installed_and_importing_it_loads_neither_spacy_nor_prefect(tmp_path):
    """Run outside the project folder, so only what is installed can be imported."""
    out = _python("import importlib.util as u, sys, claimtrack, claimtrack.errors\n"
                  "print([n for n in ('flows', 'extractors', 'db') if u.find_spec(n)])\n"
                  "print(sorted(m for m in ('spacy', 'prefect', 'duckdb') if m in sys.modules))\n"
                  "print(callable(claimtrack.extract), callable(claimtrack.connect), callable(claimtrack.run))",
                  tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:3] == ["[]", "[]", "True True True"]


def test_python_dash_m_claimtrack_is_the_command(tmp_path):
    out = subprocess.run([sys.executable, "-m", "claimtrack", "--help"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Usage" in out.stdout and "digest" in out.stdout
