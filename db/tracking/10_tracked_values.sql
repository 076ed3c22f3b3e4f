-- tracked_values: each figure reported as so (status reported, or superseded: a previous value
-- the text gives) with its group of equal values; plans and forecasts are not the quantity's
-- value and are left out. In value order within a key and unit, a value more than the
-- metric's tolerance above the one before starts a new group. A key's kind (key_kind) is open
-- when every claim of the key is open (plans, forecasts and copies included), else typed.
-- $all: every key; else only the keys in $keys.
INSERT INTO internal.tracked_values (claim_id, claim_key, unit, kind, tolerance_pct, value_group, key_kind)
WITH key_kinds AS (
    SELECT claim_key, CASE WHEN bool_and(kind = 'open') THEN 'open' ELSE 'typed' END AS key_kind
    FROM claims
    WHERE $all OR claim_key IN (SELECT unnest($keys))
    GROUP BY claim_key
), figures AS (
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
SELECT s.claim_id, s.claim_key, s.unit, s.kind, s.tolerance_pct,
       sum(s.new_group) OVER (PARTITION BY s.claim_key, s.unit ORDER BY s.value, s.as_of, s.claim_id
                              ROWS UNBOUNDED PRECEDING)::INTEGER,
       k.key_kind
FROM stepped s
JOIN key_kinds k USING (claim_key)
