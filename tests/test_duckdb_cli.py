"""Any DuckDB opens the file: the DuckDB command line of the oldest 1.x line on the package index
(`duckdb-cli` 1.4, a dev dependency; a binary of its own beside duckdb 2's Python package)
opens a database the pipeline wrote, as `make run` does, and reads every view, with the same
rows DuckDB 2 reads, and every comment of the schema."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEMO, write_config
from claimtrack.db import sql
from claimtrack.db.store import Store


def _cli_1x() -> tuple[Path, str]:
    """The `duckdb` command of the venv (or on PATH) and its version; skips when there is none,
    or it is not 1.x, naming what to install."""
    found = [p for p in (Path(sys.executable).parent / "duckdb", shutil.which("duckdb")) if p and Path(p).is_file()]
    if not found:
        pytest.skip("no DuckDB command line installed: `pip install -e '.[dev]'` installs duckdb-cli 1.4")
    cli = Path(found[0])
    version = subprocess.run([str(cli), "-version"], capture_output=True, text=True, timeout=60).stdout.strip()
    if not re.match(r"v1\.\d+\.\d+", version):
        pytest.skip(f"{cli} is DuckDB {version or '(unknown)'}, not 1.x: `pip install -e '.[dev]'` installs duckdb-cli 1.4")
    return cli, version


def _query(cli: Path, db: Path, statement: str) -> list[dict]:
    """Rows of one query through the CLI, read-only, with no ~/.duckdbrc; JSON rows as dicts."""
    done = subprocess.run([str(cli), "-init", "/dev/null", "-readonly", "-json", str(db), "-c", statement],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and not done.stderr.strip(), f"{statement}: {done.stderr.strip()}"
    return json.loads(done.stdout) if done.stdout.strip() else []


@pytest.fixture(scope="module")
def cli() -> tuple[Path, str]:
    return _cli_1x()


@pytest.fixture(scope="module")
def pipeline_db(cli, prefect_harness, tmp_path_factory) -> Path:
    """The demo outlets through the pipeline flow (what `make run` runs), into a fresh file."""
    from claimtrack.flows.orchestration.prefect_flows import pipeline_flow
    folder = tmp_path_factory.mktemp("make-run")
    feeds = [(DEMO / name).as_uri() for name in ("ledger/rss.xml", "northwind/atom.xml", "signal/rss.xml")]
    config = write_config(folder, feeds)
    pipeline_flow(str(config), str(folder / "claimtrack.duckdb"))
    return folder / "claimtrack.duckdb"


def test_the_duckdb_1x_cli_reads_every_view_of_a_pipeline_database(cli, pipeline_db):
    cli, version = cli
    expected = {}
    with Store(pipeline_db).read() as con:
        for view in sql.views():
            cur = con.execute(f"SELECT * FROM {view}")
            expected[view] = ([d[0] for d in cur.description], len(cur.fetchall()))
    assert expected["claim_timeline"][1] > 30 and expected["claim_changes"][1] > 0 and expected["stale_claims"][1] > 0
    for view, (columns, count) in expected.items():
        rows = _query(cli, pipeline_db, f"SELECT * FROM {view}")
        assert len(rows) == count, f"{view} through the DuckDB {version} CLI"
        assert not rows or list(rows[0]) == columns, view
    changes = _query(cli, pipeline_db, "SELECT previous_value, new_value, first_outlet FROM claim_changes "
                                       "WHERE claim_key = 'Microsoft|stake_pct|OpenAI' ORDER BY changed_at")
    assert changes[-1] == {"previous_value": 32.5, "new_value": 27.0, "first_outlet": "The Ledger"}


def test_the_duckdb_1x_cli_sees_the_comments_and_the_file_format(cli, pipeline_db):
    cli, _ = cli
    columns = _query(cli, pipeline_db, "SELECT table_name, column_name, comment FROM duckdb_columns() "
                                       "WHERE database_name = current_database() AND schema_name = 'main'")
    assert len(columns) > 250 and [c for c in columns if not c["comment"]] == []
    key = next(c["comment"] for c in columns if (c["table_name"], c["column_name"]) == ("claims", "claim_key"))
    assert "subject|metric|object" in key and "?|risk_warning|" in key
    (database,) = _query(cli, pipeline_db, "SELECT tags FROM duckdb_databases() WHERE database_name = current_database()")
    assert "v1.0.0" in json.dumps(database)
