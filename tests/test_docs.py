"""The README stays true: every view is documented with its real columns, and it shows the two commands."""
import re

from conftest import ROOT
from claimtrack.db import sql
from claimtrack.db.store import Store

README = (ROOT / "README.md").read_text("utf-8")


def test_every_view_is_documented_with_its_columns(tmp_path):
    store = Store(tmp_path / "a.duckdb")
    with store.read() as con:
        for view in sql.views():
            m = re.search(rf"\*\*`{view}`\*\*.*?Columns:\s*(.*?)\.\n", README, re.S)
            assert m, f"README does not document view {view}"
            documented = [c.strip(" `\n") for c in m.group(1).replace("\n", " ").split(",")]
            actual = [r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()]
            assert documented == actual, f"README columns of {view} differ from the database"


def test_quickstart_shows_the_two_commands():
    assert "make run" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_every_test_the_tests_readme_names_exists():
    """tests/README.md's table of hostile cases names real tests, and real corpus case ids."""
    import ast
    import tomllib
    table = (ROOT / "tests" / "README.md").read_text("utf-8")
    named = re.findall(r"`(test_\w+\.py)::(\w+)(?:\[([\w.-]+)\])?`", table)
    short = re.findall(r"`test_hostile\.py::…\[([\w-]+)\]`", table)
    assert len(named) > 40 and short
    defined = {}
    for path in (ROOT / "tests").glob("test_*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        defined[path.name] = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    missing = [f"{f}::{name}" for f, name, _ in named if name not in defined.get(f, set())]
    assert missing == []
    ids = {c["id"] for c in tomllib.loads((ROOT / "tests" / "hostile" / "cases.toml").read_text("utf-8"))["case"]}
    assert set(short) <= ids and ids <= set(short), "every corpus case is in the table, and only those"
