-- tracked_conflicts (view claim_conflicts): two values of one key, beyond the tolerance apart,
-- reported within 7 days of each other (stale repeats aside); one row per pair of values.
-- $all: every key; else the keys in $keys.
INSERT INTO tracked_conflicts
WITH live AS (
    SELECT v.* FROM claim_values v
    WHERE ($all OR v.claim_key IN (SELECT unnest($keys)))
      AND v.claim_id NOT IN (SELECT claim_id FROM tracked_stale
                             WHERE $all OR claim_key IN (SELECT unnest($keys)))
), pairs AS (
    SELECT a.claim_key, a.unit, a.value_group AS low_group, b.value_group AS high_group,
           a.claim_id AS low_claim, b.claim_id AS high_claim
    FROM live a
    JOIN live b
      ON a.claim_key = b.claim_key AND a.unit = b.unit AND a.value_group < b.value_group
     AND b.as_of >= a.as_of - INTERVAL 7 DAY AND b.as_of <= a.as_of + INTERVAL 7 DAY
), sides AS (
    SELECT claim_key, unit, low_group, high_group, true AS low, low_claim AS claim_id FROM pairs
    UNION
    SELECT claim_key, unit, low_group, high_group, false AS low, high_claim AS claim_id FROM pairs
)
SELECT s.claim_key,
       any_value(v.subject),
       any_value(v.metric),
       any_value(v.object),
       arg_min(v.value, v.as_of) FILTER (WHERE s.low),
       list_sort(list_distinct(list(v.outlet) FILTER (WHERE s.low))),
       arg_min(v.value, v.as_of) FILTER (WHERE NOT s.low),
       list_sort(list_distinct(list(v.outlet) FILTER (WHERE NOT s.low))),
       s.unit,
       round(100.0 * (arg_min(v.value, v.as_of) FILTER (WHERE NOT s.low)
                      - arg_min(v.value, v.as_of) FILTER (WHERE s.low))
             / nullif(abs(arg_min(v.value, v.as_of) FILTER (WHERE s.low)), 0), 2),
       min(v.as_of),
       max(v.as_of),
       count(*)
FROM sides s
JOIN live v ON v.claim_id = s.claim_id
GROUP BY s.claim_key, s.unit, s.low_group, s.high_group
