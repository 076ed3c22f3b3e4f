-- 010: the tables only claimtrack reads move to a schema of their own, `internal`, so that a
-- DuckDB client (the CLI, DBeaver, a notebook) shows in `main` the tables and views worth
-- querying and nothing else (issue 19):
--  * tracked_values, tracked_changes, tracked_stale, tracked_conflicts: what the tracking views
--    show, kept per key (003); tracking_dirty and tracking_state: which keys are behind, and
--    which tracking SQL built them;
--  * article_raw (zlib-compressed HTML, which SQL cannot read), article_bands and
--    article_signatures (near-duplicate detection);
--  * schema_migrations, this bookkeeping (db/migrate.py finds it in either schema).
-- DuckDB moves no table between schemas, so each is made again in `internal` with its rows
-- (column order kept: the tracking SQL inserts by position) and the old one dropped; the views
-- over them are made again after every migration (db/migrate.py). DuckDB refuses a foreign key
-- across schemas, so article_raw, article_bands and article_signatures lose theirs to
-- `articles`: their rows are written in the transaction that writes their article
-- (db/polls.py) and rewritten with it (`claimtrack reparse`).

CREATE SCHEMA IF NOT EXISTS internal;

CREATE TABLE internal.tracking_state (
    fingerprint  VARCHAR NOT NULL,
    rebuilt_at   TIMESTAMPTZ NOT NULL
);
INSERT INTO internal.tracking_state SELECT fingerprint, rebuilt_at FROM tracking_state;
DROP TABLE tracking_state;

CREATE TABLE internal.tracking_dirty (
    claim_key    VARCHAR NOT NULL
);
INSERT INTO internal.tracking_dirty SELECT claim_key FROM tracking_dirty;
DROP TABLE tracking_dirty;

CREATE TABLE internal.tracked_values (
    claim_id      VARCHAR NOT NULL,
    claim_key     VARCHAR NOT NULL,
    unit          VARCHAR,
    kind          VARCHAR NOT NULL,
    tolerance_pct DOUBLE NOT NULL,
    value_group   INTEGER NOT NULL,
    key_kind      VARCHAR
);
INSERT INTO internal.tracked_values BY NAME SELECT * FROM tracked_values;
DROP TABLE tracked_values;

CREATE TABLE internal.tracked_changes (
    claim_key      VARCHAR NOT NULL,
    subject        VARCHAR,
    metric         VARCHAR NOT NULL,
    object         VARCHAR,
    previous_value DOUBLE,
    new_value      DOUBLE NOT NULL,
    unit           VARCHAR,
    change_pct     DOUBLE,
    first_outlet   VARCHAR NOT NULL,
    first_url      VARCHAR NOT NULL,
    changed_at     TIMESTAMPTZ NOT NULL,
    outlets        BIGINT NOT NULL,
    reports        BIGINT NOT NULL,
    change         DOUBLE,
    explicit       BOOLEAN NOT NULL,
    value_group    INTEGER NOT NULL,
    as_of_basis    VARCHAR,
    key_kind       VARCHAR
);
INSERT INTO internal.tracked_changes BY NAME SELECT * FROM tracked_changes;
DROP TABLE tracked_changes;

CREATE TABLE internal.tracked_stale (
    claim_key            VARCHAR NOT NULL,
    subject              VARCHAR,
    metric               VARCHAR NOT NULL,
    object               VARCHAR,
    outlet               VARCHAR NOT NULL,
    as_of                TIMESTAMPTZ NOT NULL,
    stale_value          DOUBLE NOT NULL,
    current_value        DOUBLE NOT NULL,
    unit                 VARCHAR,
    current_since        TIMESTAMPTZ NOT NULL,
    current_first_outlet VARCHAR NOT NULL,
    attributed_to        VARCHAR,
    article_url          VARCHAR NOT NULL,
    sentence             VARCHAR NOT NULL,
    claim_id             VARCHAR NOT NULL,
    key_kind             VARCHAR
);
INSERT INTO internal.tracked_stale BY NAME SELECT * FROM tracked_stale;
DROP TABLE tracked_stale;

CREATE TABLE internal.tracked_conflicts (
    claim_key      VARCHAR NOT NULL,
    subject        VARCHAR,
    metric         VARCHAR NOT NULL,
    object         VARCHAR,
    low_value      DOUBLE NOT NULL,
    low_outlets    VARCHAR[] NOT NULL,
    high_value     DOUBLE NOT NULL,
    high_outlets   VARCHAR[] NOT NULL,
    unit           VARCHAR,
    difference_pct DOUBLE,
    window_start   TIMESTAMPTZ NOT NULL,
    window_end     TIMESTAMPTZ NOT NULL,
    reports        BIGINT NOT NULL,
    key_kind       VARCHAR
);
INSERT INTO internal.tracked_conflicts BY NAME SELECT * FROM tracked_conflicts;
DROP TABLE tracked_conflicts;

CREATE TABLE internal.article_raw (
    article_id   VARCHAR PRIMARY KEY,
    source       VARCHAR NOT NULL CHECK (source IN ('feed', 'page')),
    url          VARCHAR NOT NULL,
    content_type VARCHAR,
    encoding     VARCHAR NOT NULL CHECK (encoding IN ('zlib')),
    raw_bytes    INTEGER NOT NULL CHECK (raw_bytes >= 0),
    raw          BLOB NOT NULL
);
INSERT INTO internal.article_raw BY NAME SELECT * FROM article_raw;
DROP TABLE article_raw;

CREATE TABLE internal.article_bands (
    band_key   BIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);
INSERT INTO internal.article_bands BY NAME SELECT * FROM article_bands;
DROP TABLE article_bands;
CREATE INDEX article_bands_key ON internal.article_bands (band_key);

CREATE TABLE internal.article_signatures (
    article_id VARCHAR PRIMARY KEY,
    minhash    UINTEGER[] NOT NULL
);
INSERT INTO internal.article_signatures BY NAME SELECT * FROM article_signatures;
DROP TABLE article_signatures;

CREATE TABLE internal.schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO internal.schema_migrations BY NAME SELECT * FROM schema_migrations;
DROP TABLE schema_migrations;
