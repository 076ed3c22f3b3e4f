"""Copy the views and the main tables out as Parquet files, for pandas, Spark or a notebook."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from claimtrack.db import sql
from claimtrack.db.store import Store
from claimtrack.errors import ClaimtrackError

# The base tables worth having outside; raw HTML and duplicate-detection signatures stay in.
TABLES = ("feeds", "articles", "article_versions", "fetch_failures", "extractions", "claims", "metrics")
BATCH_ROWS = 100_000


@dataclass(frozen=True)
class Exported:
    name: str
    path: Path
    rows: int


def export_parquet(store: Store, folder: Path) -> list[Exported]:
    """Write every view and TABLES to FOLDER/NAME.parquet (zstd), streaming in batches so a
    large database does not have to fit in memory. Each file appears whole or not at all."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClaimtrackError(f"{folder}: cannot create the export folder: {exc.strerror}") from exc
    out = []
    with store.read() as con:
        for name in (*sql.views(), *TABLES):
            reader = con.sql(sql.query("export_relation").format(relation=name)).to_arrow_reader(BATCH_ROWS)
            final, partial = folder / f"{name}.parquet", folder / f".{name}.parquet.partial"
            rows = 0
            try:
                with pq.ParquetWriter(partial, reader.schema, compression="zstd") as writer:
                    for batch in reader:
                        writer.write_batch(batch)
                        rows += batch.num_rows
                os.replace(partial, final)
            except OSError as exc:
                partial.unlink(missing_ok=True)
                raise ClaimtrackError(f"{final}: cannot write: {exc.strerror or exc}") from exc
            out.append(Exported(name, final, rows))
    return out
