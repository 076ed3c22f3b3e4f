"""The migrations and views on a DuckLake, which has no primary key, unique, check or foreign
key constraint and no index. An in-memory DuckDB with the migrations applied (the reference)
holds the file's schema; a new lake gets its tables from the reference's columns (types,
defaults, NOT NULL) and comments, without the constraints, in one snapshot. A migration newer
than a lake is replayed statement by statement on both: each table it creates is made so,
indexes are skipped, every other statement (ALTER, INSERT, DROP, COMMENT) runs as written.
(DuckLake cannot rename a table to the name of one dropped in the same transaction: a
migration that rebuilds a table must name the new one anew or rename in a second migration.)

What the constraints did is done by the writers instead: rows are added by anti-join or MERGE
on the same keys (db/queries, db/polls.py), and concurrent writers are serialised per table by
DuckLake's conflict check at commit (db/store.py retries the loser).
"""
from __future__ import annotations

import duckdb

from claimtrack.db import sql

_TABLES = """SELECT schema_name, table_name FROM duckdb_tables()
             WHERE database_name = current_database() ORDER BY ALL"""
_COLUMNS = """SELECT column_name, data_type, column_default, is_nullable FROM duckdb_columns()
              WHERE database_name = current_database() AND schema_name = $schema AND table_name = $table
              ORDER BY column_index"""
_VIEWS = """SELECT schema_name, view_name, sql, comment FROM duckdb_views()
            WHERE database_name = current_database() AND NOT internal ORDER BY ALL"""
_VIEW_COLUMNS = """SELECT c.schema_name, c.table_name, c.column_name, c.data_type, c.comment
                   FROM duckdb_columns() c JOIN duckdb_views() v
                     ON v.database_name = c.database_name AND v.schema_name = c.schema_name
                    AND v.view_name = c.table_name
                   WHERE c.database_name = current_database() AND NOT v.internal ORDER BY ALL"""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def reference(versions: set[int], bookkeeping: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with these migrations applied, as a file would have them (with the
    `bookkeeping` table that migration 010 moves)."""
    ref = duckdb.connect(":memory:")
    ref.execute(bookkeeping).fetchall()
    for mig in sql.migrations():
        if mig.version in versions:
            ref.execute(mig.sql).fetchall()
    return ref


def _tables(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    return {tuple(r) for r in con.execute(_TABLES).fetchall()}


def _indexes(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM duckdb_indexes() WHERE database_name = current_database()").fetchall()[0][0]


def create_table_sql(ref: duckdb.DuckDBPyConnection, schema: str, table: str) -> str:
    """CREATE TABLE for the lake: the reference table's columns, defaults and NOT NULLs."""
    columns = []
    for name, dtype, default, nullable in ref.execute(_COLUMNS, {"schema": schema, "table": table}).fetchall():
        column = f"{_quoted(name)} {dtype}"
        if default is not None:
            column += f" DEFAULT {default}"
        if not nullable:
            column += " NOT NULL"
        columns.append(column)
    return f"CREATE TABLE {_quoted(schema)}.{_quoted(table)} ({', '.join(columns)})"


def apply_migration(con: duckdb.DuckDBPyConnection, ref: duckdb.DuckDBPyConnection, text: str) -> None:
    """One migration's statements on the lake (inside the caller's transaction) and on the
    reference, tables made without their constraints and indexes left out."""
    for statement in duckdb.extract_statements(text):
        before, indexes = _tables(ref), _indexes(ref)
        ref.execute(statement.query).fetchall()
        created = sorted(_tables(ref) - before)
        if _indexes(ref) != indexes:
            continue                                        # DuckLake has no indexes to make or drop
        if created and statement.type == duckdb.StatementType.CREATE:
            for schema, table in created:
                con.execute(create_table_sql(ref, schema, table)).fetchall()
        else:
            con.execute(statement.query).fetchall()


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_all(con: duckdb.DuckDBPyConnection, ref: duckdb.DuckDBPyConnection) -> None:
    """A new lake's schemas, tables, their comments and the rows migrations put in them (the
    bookkeeping aside), as the reference has them, in the caller's transaction; the views come
    after, as on a file."""
    for (schema,) in ref.execute("""SELECT schema_name FROM duckdb_schemas()
                                    WHERE database_name = current_database() AND NOT internal""").fetchall():
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {_quoted(schema)}").fetchall()
    for schema, table in sorted(_tables(ref)):
        name = f"{_quoted(schema)}.{_quoted(table)}"
        con.execute(create_table_sql(ref, schema, table)).fetchall()
        comment = ref.execute("""SELECT comment FROM duckdb_tables() WHERE database_name = current_database()
                                 AND schema_name = $s AND table_name = $t""", {"s": schema, "t": table}).fetchall()[0][0]
        if comment:
            con.execute(f"COMMENT ON TABLE {name} IS {_literal(comment)}").fetchall()
        rows = ref.execute(f"SELECT * FROM {name}").fetchall()     # what a migration put in it
        if rows:
            con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})", rows)
        for column, text in ref.execute("""SELECT column_name, comment FROM duckdb_columns()
                                           WHERE database_name = current_database() AND schema_name = $s
                                             AND table_name = $t AND comment IS NOT NULL""",
                                        {"s": schema, "t": table}).fetchall():
            con.execute(f"COMMENT ON COLUMN {name}.{_quoted(column)} IS {_literal(text)}").fetchall()


def bookkeeping_sql(statement: str) -> str:
    """The migrations table's CREATE without its primary key (versions are written once, by
    the migration that holds the catalog's write at commit)."""
    return statement.replace("INTEGER PRIMARY KEY", "INTEGER NOT NULL")


def without_column_comments(text: str) -> str:
    """A view file's statements less its COMMENT ON COLUMN ones: DuckLake keeps comments on
    tables, their columns and views, not on a view's columns (the view files document them)."""
    kept = [st.query for st in duckdb.extract_statements(text)
            if not st.query.lstrip().upper().startswith("COMMENT ON COLUMN")]
    return ";\n".join(kept) + ";"


def views_differ(con: duckdb.DuckDBPyConnection, ref: duckdb.DuckDBPyConnection) -> bool:
    """Whether the lake's views (text, comments, columns) differ from the reference's, which
    has the view files applied: every process would otherwise commit a snapshot of the same views."""
    return any(con.execute(q).fetchall() != ref.execute(q).fetchall() for q in (_VIEWS, _VIEW_COLUMNS))
