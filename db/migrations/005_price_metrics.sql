-- 005: claim types whose figure is a price per share (share_price: "$20.47 a share") have unit
-- 'price' in `metrics`; 003's CHECK admitted percent, currency and year only. DuckDB cannot
-- alter a CHECK, so the table is rebuilt with its rows (it holds only what the next
-- extraction writes again).

CREATE TABLE metrics_005 (
    metric        VARCHAR PRIMARY KEY,
    kind          VARCHAR NOT NULL CHECK (kind IN ('state', 'event')),
    unit          VARCHAR NOT NULL CHECK (unit IN ('percent', 'currency', 'price', 'year')),
    tolerance_pct DOUBLE NOT NULL CHECK (tolerance_pct >= 0 AND tolerance_pct <= 50)
);
INSERT INTO metrics_005 SELECT metric, kind, unit, tolerance_pct FROM metrics;
DROP TABLE metrics;
ALTER TABLE metrics_005 RENAME TO metrics;
