"""DuckLake, the store for many processes and machines (`[storage] url = "ducklake:..."`): the
same SQL, the tables kept as Parquet files under a data path (a shared folder) and their
catalog in PostgreSQL (several machines) or SQLite (one machine). Writers commit snapshots
side by side; a reader sees the latest committed snapshot, or an older one (`at`), and never
waits for a writer.

The extensions come from the duckdb-extension-* wheels (a file per extension, built for one
DuckDB version) and are loaded by path: no download, no extension repository.
"""
from __future__ import annotations

import importlib
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from claimtrack.errors import StoreError

ALIAS = "lake"          # the name the lake is attached under; `USE lake` makes it the default
_CATALOGS = {"postgres": "postgres_scanner", "sqlite": "sqlite_scanner"}   # catalog kind -> extension


@dataclass(frozen=True)
class Lake:
    """Where a DuckLake is: its URL (`ducklake:postgres:dbname=... host=...` or
    `ducklake:sqlite:/path/catalog.sqlite`) and the folder its Parquet files go to."""
    url: str
    data_path: str

    @property
    def kind(self) -> str:
        """'postgres' or 'sqlite': the database that holds the catalog."""
        return self.url.removeprefix("ducklake:").split(":", 1)[0]

    def __str__(self) -> str:
        return self.url


def url_problem(url: str) -> str | None:
    """What is wrong with a `[storage] url`, or None: '' (the file) or a DuckLake URL whose
    catalog is in PostgreSQL or SQLite."""
    if not url:
        return None
    if not url.startswith("ducklake:"):
        return "must start with 'ducklake:' (or be empty for the DuckDB file named by db)"
    kind, _, rest = url.removeprefix("ducklake:").partition(":")
    if kind not in _CATALOGS or not rest.strip():
        return ("must name the catalog: 'ducklake:postgres:dbname=NAME host=HOST' or "
                "'ducklake:sqlite:/path/catalog.sqlite'")
    return None


def _literal(text: str) -> str:
    """A string as an SQL literal (ATTACH and LOAD take no bound parameters); the text is the
    operator's own setting, quoted all the same."""
    return "'" + text.replace("'", "''") + "'"


def _wheel_file(name: str) -> Path:
    """The extension file the duckdb-extension-NAME wheel installed for this DuckDB."""
    try:
        module = importlib.import_module(f"duckdb_extension_{name}")
    except ImportError:
        raise StoreError(f"DuckLake needs the package duckdb-extension-{name}=={duckdb.__version__} "
                         f"(pip install 'duckdb-extension-{name}=={duckdb.__version__}')") from None
    path = Path(module.__file__).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.is_file():
        raise StoreError(f"{path.parent}: no {name} extension for DuckDB {duckdb.__version__}; install "
                         f"duckdb-extension-{name}=={duckdb.__version__}, the version of duckdb itself")
    return path


def _named(path: Path, extension: str) -> Path:
    """The file under the name DuckDB derives its entry point from: the sqlite and postgres
    wheels ship `sqlite.duckdb_extension`, whose entry point is `sqlite_scanner_...`; a link
    named so, in a folder of this user's own, loads it."""
    if path.stem == extension:
        return path
    folder = Path(tempfile.gettempdir()) / f"claimtrack-{os.getuid()}" / "duckdb-extensions" / f"v{duckdb.__version__}"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    link = folder / f"{extension}.duckdb_extension"
    if not (link.is_symlink() and link.resolve() == path.resolve()):
        spare = folder / f".{extension}.{os.getpid()}"
        spare.unlink(missing_ok=True)
        spare.symlink_to(path)
        spare.replace(link)                 # atomic: another process may be loading it
    return link


def load_extensions(con: duckdb.DuckDBPyConnection, lake: Lake) -> None:
    """Load ducklake and the catalog's scanner from their wheels into this connection."""
    wanted = {"ducklake": "ducklake", lake.kind: _CATALOGS[lake.kind]}
    for name, extension in wanted.items():
        con.execute(f"LOAD {_literal(str(_named(_wheel_file(name), extension)))}").fetchall()


def attach(con: duckdb.DuckDBPyConnection, lake: Lake, read_only: bool = False,
           snapshot: int | str | None = None) -> None:
    """Attach the lake as `lake` and make it the default database; `snapshot` (a snapshot id,
    or a time as text) attaches it as it was then, read-only."""
    load_extensions(con, lake)
    options = [f"DATA_PATH {_literal(lake.data_path)}"]
    if isinstance(snapshot, int):
        options.append(f"SNAPSHOT_VERSION {snapshot}")
    elif snapshot is not None:
        options.append(f"SNAPSHOT_TIME {_literal(snapshot)}")
    if read_only or snapshot is not None:
        options.append("READ_ONLY")
    con.execute(f"ATTACH {_literal(lake.url)} AS {ALIAS} ({', '.join(options)})").fetchall()
    con.execute(f"USE {ALIAS}").fetchall()


def shut_out_the_rest(con: duckdb.DuckDBPyConnection, lake: Lake) -> None:
    """For a user's SQL: no file but the lake's own data path, no extension, no other database.
    (The file backend sets the same at connect; here the lake must be attached first.)"""
    folders = [lake.data_path]
    if lake.kind == "sqlite":
        folders.append(str(Path(lake.url.removeprefix("ducklake:sqlite:")).parent))
    con.execute("SET allowed_directories = ?", [folders]).fetchall()
    for setting in ("enable_external_access", "autoinstall_known_extensions", "autoload_known_extensions"):
        con.execute(f"SET {setting} = false").fetchall()


def connect(lake: Lake, read_only: bool, config: dict | None = None,
            snapshot: int | str | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached as its default database. A lake that cannot
    be reached (the catalog's server down, a wrong path) is a StoreError naming the URL."""
    settings = {k: v for k, v in (config or {}).items()
                if k not in ("enable_external_access", "autoinstall_known_extensions", "autoload_known_extensions")}
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False, **settings})
    try:
        if not read_only and lake.kind == "sqlite":
            Path(lake.url.removeprefix("ducklake:sqlite:")).parent.mkdir(parents=True, exist_ok=True)
        if not read_only and "://" not in lake.data_path:
            Path(lake.data_path).mkdir(parents=True, exist_ok=True)
        attach(con, lake, read_only=read_only, snapshot=snapshot)
        if config and config.get("enable_external_access") is False:
            shut_out_the_rest(con, lake)
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{lake}: cannot attach the DuckLake (data path {lake.data_path}): "
                         f"{' '.join(str(exc).split())}") from exc
    return con


_SHARED: dict[Lake, duckdb.DuckDBPyConnection] = {}
_SHARED_LOCK = threading.Lock()


def shared_cursor(lake: Lake) -> duckdb.DuckDBPyConnection:
    """A connection to the lake from this process's one DuckDB that has it attached: attaching
    (extensions, the catalog's connection) costs up to a second, a cursor next to nothing.
    Each cursor is a connection of its own with its own transactions, and each transaction
    reads the latest snapshot, so nothing goes stale; a file, which must be let go between
    batches for other processes, has nothing like it."""
    with _SHARED_LOCK:
        con = _SHARED.get(lake)
        if con is None:
            con = _SHARED[lake] = connect(lake, read_only=False)
        try:
            cursor = con.cursor()
        except duckdb.Error:                # closed under us: attach again
            con = _SHARED[lake] = connect(lake, read_only=False)
            cursor = con.cursor()
    cursor.execute(f"USE {ALIAS}").fetchall()
    return cursor
