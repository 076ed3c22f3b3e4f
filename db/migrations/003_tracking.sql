-- 003: claim tracking.
--
-- `metrics` is what the tracking needs to know of each metric, written by every extraction
-- from the claim types in use (built-in and config/claims.toml):
--  * kind: a `state` is a standing figure (a stake, a valuation): a new value is a change, an
--    old value repeated later is stale; an `event` (a funding round) is news of its own, so
--    only same-week disagreement is flagged;
--  * tolerance_pct: two values closer than this (relative) are the same value ("about $500B").
-- A metric missing here (claims from an older extractor) is treated as a state with 1 %.
--
-- The tracked_* tables hold what the views claim_values, claim_changes, stale_claims and
-- claim_conflicts show. Computing them from the claims takes seconds at a million claims, so
-- a write that adds or removes claims records their keys in tracking_dirty (same
-- transaction), and the end of every run recomputes those keys (db/tracking/*.sql) and
-- clears them in one transaction; a run that dies leaves its keys for the next one. All keys
-- are recomputed when the tracking SQL changes (tracking_state.fingerprint).
-- They hold nothing that cannot be recomputed from claims, articles and metrics.

CREATE TABLE metrics (
    metric        VARCHAR PRIMARY KEY,
    kind          VARCHAR NOT NULL CHECK (kind IN ('state', 'event')),
    unit          VARCHAR NOT NULL CHECK (unit IN ('percent', 'currency', 'year')),
    tolerance_pct DOUBLE NOT NULL CHECK (tolerance_pct >= 0 AND tolerance_pct <= 50)
);

CREATE TABLE tracking_state (
    fingerprint  VARCHAR NOT NULL,          -- of db/tracking/*.sql when the tables were last rebuilt
    rebuilt_at   TIMESTAMPTZ NOT NULL
);

-- claim keys whose tracking is behind their claims (repeats allowed: marking is an append)
CREATE TABLE tracking_dirty (
    claim_key    VARCHAR NOT NULL
);

-- one row per claim with a figure (duplicates folded): its group of equal values
CREATE TABLE tracked_values (
    claim_id      VARCHAR NOT NULL,
    claim_key     VARCHAR NOT NULL,
    unit          VARCHAR,
    kind          VARCHAR NOT NULL,
    tolerance_pct DOUBLE NOT NULL,
    value_group   INTEGER NOT NULL
);

-- the rows of claim_changes
CREATE TABLE tracked_changes (
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
    value_group    INTEGER NOT NULL
);

-- the rows of stale_claims
CREATE TABLE tracked_stale (
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
    claim_id             VARCHAR NOT NULL
);

-- the rows of claim_conflicts
CREATE TABLE tracked_conflicts (
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
    reports        BIGINT NOT NULL
);

-- The foreign key to articles already keeps an index on claims.article_id; a second one cost
-- a quarter of the insert rate (bench/store_bench.py) and no query got faster with it.
DROP INDEX claims_article;
