"""Docstrings and comments do not name what is not there: a `package.module.function` in
backticks resolves, and a path under flows/, db/ or extractors/ exists (placeholders such as
db/queries/NAME.sql aside)."""
import ast
import re

from conftest import ROOT

PACKAGES = ("flows", "db", "extractors")
SOURCES = sorted(p for folder in PACKAGES for p in (ROOT / folder).rglob("*.py"))
DOTTED = re.compile(r"`((?:flows|db|extractors)(?:\.\w+)+)`")
PATH = re.compile(r"\b((?:flows|db|extractors)/[\w/]+\.(?:py|sql|toml|j2))\b")


def _top_level_names(path) -> set[str]:
    names = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        base = ROOT.joinpath(*parts[:cut])
        module = base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
        if module.is_file():
            rest = parts[cut:]
            return not rest or (len(rest) <= 2 and rest[0] in _top_level_names(module))
    return False


def test_dotted_names_in_backticks_resolve():
    missing = [f"{p.relative_to(ROOT)}: {name}" for p in SOURCES
               for name in DOTTED.findall(p.read_text("utf-8")) if not _resolves(name)]
    assert missing == []


def test_paths_named_in_the_code_exist():
    missing = [f"{p.relative_to(ROOT)}: {name}" for p in SOURCES for name in PATH.findall(p.read_text("utf-8"))
               if not any(c.isupper() for c in name) and not (ROOT / name).exists()]
    assert missing == []
