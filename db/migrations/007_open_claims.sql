-- 007: open claims (issue 17), figures no claim type names.
--
-- Added per claim:
--  * kind         typed (a claim type named it: stake_pct, valuation, ...) or open (any other
--                 figure the text gives about an entity: "deliveries", "benchmark_rate");
--                 every claim stored before is typed;
--  * low, high    a range's ends ("between 40,000 and 46,000 vehicles"; value is the midpoint);
--  * change       a change the sentence states with the level ("497,099 vehicles, up 7%": 7),
--  * change_unit  its unit: percent, percentage_points, a currency, count.
-- DuckDB cannot add a column with a CHECK (or NOT NULL), so the table is rebuilt with its rows,
-- as 006 did, and its index made again. The views are re-created after every migration
-- (db/migrate.py), and the tracking tables rebuilt because their SQL changed with this one.

CREATE TABLE claims_007 (
    claim_id          VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL REFERENCES articles (article_id),
    claim_key         VARCHAR NOT NULL,
    subject           VARCHAR,
    object            VARCHAR,
    metric            VARCHAR NOT NULL,
    value             DOUBLE,
    unit              VARCHAR CHECK (unit IS NULL OR unit IN ('percent', 'percentage_points', 'basis_points', 'year', 'count')
                                     OR regexp_full_match(unit, '[A-Z]{3}')),
    previous_value    DOUBLE,
    qualifier         VARCHAR,
    topic             VARCHAR,
    stance            VARCHAR CHECK (stance IS NULL OR stance IN ('warns', 'dismisses')),
    attributed_to     VARCHAR,
    speaker           VARCHAR,
    sentence          VARCHAR NOT NULL,
    start_char        INTEGER NOT NULL CHECK (start_char >= 0),
    end_char          INTEGER NOT NULL,
    as_of             TIMESTAMPTZ NOT NULL,
    extractor_version VARCHAR NOT NULL,
    as_of_basis       VARCHAR NOT NULL DEFAULT 'published'
                      CHECK (as_of_basis IN ('sentence', 'before', 'published', 'page', 'fetched')),
    as_of_precision   VARCHAR NOT NULL DEFAULT 'day'
                      CHECK (as_of_precision IN ('day', 'week', 'month', 'quarter', 'year')),
    as_of_text        VARCHAR,
    status            VARCHAR NOT NULL DEFAULT 'reported'
                      CHECK (status IN ('reported', 'planned', 'forecast', 'superseded')),
    history           BOOLEAN NOT NULL DEFAULT false,
    event_key         VARCHAR,
    outlet            VARCHAR NOT NULL,
    article_title     VARCHAR NOT NULL,
    article_url       VARCHAR NOT NULL,
    published_at      TIMESTAMPTZ NOT NULL,
    kind              VARCHAR NOT NULL DEFAULT 'typed' CHECK (kind IN ('typed', 'open')),
    low               DOUBLE,
    high              DOUBLE,
    change            DOUBLE,
    change_unit       VARCHAR,
    CHECK (end_char > start_char),
    CHECK (metric <> 'risk_warning' OR stance IS NOT NULL),
    CHECK (as_of_basis = 'sentence' OR as_of_text IS NULL)
);
INSERT INTO claims_007 BY NAME SELECT * FROM claims;
DROP TABLE claims;
ALTER TABLE claims_007 RENAME TO claims;
CREATE INDEX claims_key ON claims (claim_key);

-- a key's kind: open when every claim of the key is open, else typed (claim_values,
-- claim_changes, stale_claims and claim_conflicts show it, so a user and the digest can keep
-- the open keys apart)
ALTER TABLE tracked_values ADD COLUMN key_kind VARCHAR;
ALTER TABLE tracked_changes ADD COLUMN key_kind VARCHAR;
ALTER TABLE tracked_stale ADD COLUMN key_kind VARCHAR;
ALTER TABLE tracked_conflicts ADD COLUMN key_kind VARCHAR;

-- a claim type of counted things (unit 'count': "delivered 497,099 vehicles"), so that a user can
-- make an open metric a type of its own; 005's CHECK admitted percent, currency, price and year
CREATE TABLE metrics_007 (
    metric        VARCHAR PRIMARY KEY,
    kind          VARCHAR NOT NULL CHECK (kind IN ('state', 'event')),
    unit          VARCHAR NOT NULL CHECK (unit IN ('percent', 'currency', 'price', 'year', 'count')),
    tolerance_pct DOUBLE NOT NULL CHECK (tolerance_pct >= 0 AND tolerance_pct <= 50)
);
INSERT INTO metrics_007 SELECT metric, kind, unit, tolerance_pct FROM metrics;
DROP TABLE metrics;
ALTER TABLE metrics_007 RENAME TO metrics;
