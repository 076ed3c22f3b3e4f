-- 003: what the tracking views need to know of each metric, written by every extraction from
-- the claim types in use (built-in and config/claims.toml):
--  * kind: a `state` is a standing figure (a stake, a valuation): a new value is a change, an
--    old value repeated later is stale; an `event` (a funding round) is news of its own, so
--    only same-week disagreement is flagged;
--  * tolerance_pct: two values closer than this (relative) are the same value ("about $500B").
-- A metric missing here (claims from an older extractor) is treated as a state with 1 %.

CREATE TABLE metrics (
    metric        VARCHAR PRIMARY KEY,
    kind          VARCHAR NOT NULL CHECK (kind IN ('state', 'event')),
    unit          VARCHAR NOT NULL CHECK (unit IN ('percent', 'currency', 'year')),
    tolerance_pct DOUBLE NOT NULL CHECK (tolerance_pct >= 0 AND tolerance_pct <= 50)
);
