"""The README stays true: every view is documented with its real columns, and it shows the two commands."""
import re

from conftest import ROOT
from db import sql
from db.store import Store

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
