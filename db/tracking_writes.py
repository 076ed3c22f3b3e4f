"""The writes that keep the tracking tables (internal.tracked_*) current, as a part of `Store`
(db/store.py): recompute keys marked dirty, rebuild all when the tracking SQL changed, record
the metric catalogue."""
from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import duckdb

from claimtrack.db import sql
from claimtrack.db.connection import _rollback, run


class TrackingWrites:
    """`Store`'s tracking writes; `Store` gives `batch()` and `lake`."""

    def _refresh_tracking(self, con: duckdb.DuckDBPyConnection, keys: Collection[str] | None) -> None:
        """Recompute the tracked_* tables behind claim_values, claim_changes, stale_claims and
        claim_conflicts for these claim keys (None: every key), inside the caller's transaction.

        On a file each table is committed before the next is computed from it: DuckDB 1.5 reads
        rows its own transaction has just rewritten many times slower (a rebuild of 200,000 claims
        took 7.4 s in one transaction, 1.4 s so). Only this process can see the file meanwhile, and
        what marks the work done (the cleared dirty keys, the tracking fingerprint) is written
        last, by the caller: a run that dies between the tables recomputes them next time. A lake,
        which other processes read while it is written, keeps them in one snapshot."""
        if keys is not None and not keys:
            return
        params = {"all": keys is None, "keys": sorted(keys) if keys else [""]}
        for i, (table, insert) in enumerate(sql.tracking()):
            if i and not self.lake:
                run(con, "COMMIT")
                run(con, "BEGIN TRANSACTION")
            run(con, sql.query("forget_tracked").format(table=table), params)
            run(con, insert, params)

    def _rebuild_tracking_if_outdated(self, con: duckdb.DuckDBPyConnection) -> None:
        """Rebuild every tracking table when they were built by other tracking SQL (or never)."""
        fingerprint = sql.tracking_fingerprint()
        if run(con, sql.query("tracking_fingerprint"))[0][0] == fingerprint:
            return
        run(con, "BEGIN TRANSACTION")
        try:
            if self.lake:
                run(con, sql.query("bump_write_turn"))
            self._refresh_tracking(con, None)
            run(con, sql.query("forget_dirty_keys"))
            run(con, sql.query("forget_tracking_state"))
            run(con, sql.query("record_tracking_state"), {"fingerprint": fingerprint})
            run(con, "COMMIT")
        except BaseException:
            _rollback(con)
            raise

    def refresh_tracking(self, everything: bool = False) -> int:
        """Bring the tracking tables up to date with the claims: recompute the keys marked
        dirty by earlier writes (or every key) and clear the marks, in one transaction.
        Readers need not (`read` does); flows call it at the end of a run, for readers outside
        claimtrack too. Returns how many keys were recomputed (-1: all)."""
        def refresh(con: duckdb.DuckDBPyConnection) -> int:
            keys = None if everything else {r[0] for r in run(con, sql.query("dirty_keys"))}
            self._refresh_tracking(con, keys)
            run(con, sql.query("forget_dirty_keys"))
            return -1 if keys is None else len(keys)
        return self.batch(refresh)

    @staticmethod
    def _mark_dirty(con: duckdb.DuckDBPyConnection, keys: Collection[str]) -> None:
        if keys:
            run(con, sql.query("mark_dirty_keys"), {"keys": sorted(keys)})

    @staticmethod
    def _record_metrics(con: duckdb.DuckDBPyConnection, metrics: Sequence[dict[str, Any]]) -> bool:
        """Store the metric catalogue; True if what the tracking reads of it differs from what
        was stored (then every key must be tracked again, as kinds and tolerances decide groups
        and changes). A new label alone is written without that."""
        tracked = ("metric", "kind", "unit", "tolerance_pct")
        stored = {r[0]: dict(zip((*tracked, "label", "preposition"), r))
                  for r in run(con, sql.query("stored_metrics"))}
        differs = False
        for m in metrics:
            row = {"label": None, "preposition": None, **m}
            old = stored.get(m["metric"])
            if old != row:
                run(con, sql.query("record_metrics"), row)
                differs = differs or old is None or any(old[k] != row[k] for k in tracked)
        return differs
