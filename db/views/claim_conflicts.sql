-- claim_conflicts: two values of one key, beyond the metric's tolerance apart, reported within
-- 7 days of each other; one row per pair of values, with the outlets on each side and the
-- span of the reports involved. Stale repeats (stale_claims) are not disagreements.
CREATE OR REPLACE VIEW claim_conflicts AS
WITH live AS (
    SELECT v.* FROM claim_values v ANTI JOIN stale_claims s USING (claim_id)
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
       any_value(v.subject)  AS subject,
       any_value(v.metric)   AS metric,
       any_value(v.object)   AS object,
       arg_min(v.value, v.as_of) FILTER (WHERE s.low)                       AS low_value,
       list_sort(list_distinct(list(v.outlet) FILTER (WHERE s.low)))        AS low_outlets,
       arg_min(v.value, v.as_of) FILTER (WHERE NOT s.low)                   AS high_value,
       list_sort(list_distinct(list(v.outlet) FILTER (WHERE NOT s.low)))    AS high_outlets,
       s.unit,
       round(100.0 * (arg_min(v.value, v.as_of) FILTER (WHERE NOT s.low)
                      - arg_min(v.value, v.as_of) FILTER (WHERE s.low))
             / nullif(abs(arg_min(v.value, v.as_of) FILTER (WHERE s.low)), 0), 2) AS difference_pct,
       min(v.as_of)          AS window_start,
       max(v.as_of)          AS window_end,
       count(*)              AS reports
FROM sides s
JOIN live v USING (claim_id)
GROUP BY s.claim_key, s.unit, s.low_group, s.high_group
ORDER BY s.claim_key, window_start;
