-- 016: several writers on a DuckLake (issue 20). DuckLake has no primary key, so two writers
-- adding the same article at once would both succeed; instead every write on a lake first
-- bumps this one row (db/store.py), two writes committed at the same time conflict on it, and
-- the later one is run again on the snapshot the first left, where it finds the article stored.
-- On a DuckDB file, which has one writer at a time, nothing reads or writes it.
CREATE TABLE internal.write_turn (
    turn BIGINT NOT NULL
);
INSERT INTO internal.write_turn VALUES (0);
COMMENT ON TABLE internal.write_turn IS 'Internal: the count of writes on a DuckLake; each write bumps it first, so two concurrent writes conflict and one is retried (db/store.py).';
