-- tracked_values: each figure reported as so (status reported, or superseded: a previous value
-- the text gives) with its group of equal values; plans and forecasts are not the quantity's
-- value and are left out. In value order within a key and unit, a value more than the
-- metric's tolerance above the one before starts a new group.
-- $all: every key; else only the keys in $keys.
INSERT INTO tracked_values (claim_id, claim_key, unit, kind, tolerance_pct, value_group)
WITH figures AS (
    SELECT t.claim_id, t.claim_key, t.unit, t.value, t.as_of,
           coalesce(m.kind, 'state')        AS kind,
           coalesce(m.tolerance_pct, 1.0)   AS tolerance_pct
    FROM claim_timeline t
    LEFT JOIN metrics m USING (metric)
    WHERE t.value IS NOT NULL AND t.status IN ('reported', 'superseded')
      AND ($all OR t.claim_key IN (SELECT unnest($keys)))
), stepped AS (
    SELECT *,
           CASE WHEN lag(value) OVER by_value IS NULL
                  OR value - lag(value) OVER by_value > abs(lag(value) OVER by_value) * tolerance_pct / 100
                THEN 1 ELSE 0 END AS new_group
    FROM figures
    WINDOW by_value AS (PARTITION BY claim_key, unit ORDER BY value, as_of, claim_id)
)
SELECT claim_id, claim_key, unit, kind, tolerance_pct,
       sum(new_group) OVER (PARTITION BY claim_key, unit ORDER BY value, as_of, claim_id
                            ROWS UNBOUNDED PRECEDING)::INTEGER
FROM stepped
