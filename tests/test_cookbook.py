"""The README's SQL cookbook is true: every query in it, run on the demo outlets, prints exactly
the table shown under it (as `claimtrack sql --markdown` does)."""
import re

import pytest

from conftest import ROOT
from claimtrack.db.readonly import run_read_only
from claimtrack.db.store import Store
from claimtrack.flows.terminal.tables import markdown_table

README = (ROOT / "README.md").read_text("utf-8")
SECTION = README[README.index("### SQL cookbook"):README.index("## Ingestion")]
RECIPES = re.findall(r"\*\*(\d+)\. (.+?)\*\*\n\n```sql\n(.*?)```\n\n(\|.*?)\n(?:\n|$)", SECTION, re.S)


def test_the_cookbook_answers_at_least_eight_questions():
    assert len(RECIPES) >= 8
    assert [int(n) for n, *_ in RECIPES] == list(range(1, len(RECIPES) + 1))


@pytest.mark.parametrize("number, question, query, shown", RECIPES, ids=[f"q{n}" for n, *_ in RECIPES])
def test_each_recipe_prints_what_the_readme_shows(demo_db, number, question, query, shown):
    columns, rows = run_read_only(Store(demo_db.storage.db), query, demo_db.sql)
    assert rows, f"recipe {number} ({question}) returns nothing on the demo data"
    assert markdown_table(columns, rows) == shown.strip()
