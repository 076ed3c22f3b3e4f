-- tracked_conflicts (view claim_conflicts): two values of one key, beyond the tolerance apart,
-- reported within 7 days of each other (stale repeats and history told in passing aside; for
-- an event, two reports of the same event: its event_key); one row per pair of values.
-- Reports are paired by day (a day's reports of a value span at most a day, so two days are
-- within 7 days exactly when some report of each is), which keeps a much-reported key from
-- pairing every report with every other. $all: every key; else the keys in $keys.
INSERT INTO internal.tracked_conflicts
WITH live AS (
    SELECT v.*, date_trunc('day', timezone('UTC', v.as_of)) AS day, coalesce(v.event_key, '') AS event
    FROM claim_values v
    WHERE ($all OR v.claim_key IN (SELECT unnest($keys)))
      AND NOT v.history
      AND v.claim_id NOT IN (SELECT claim_id FROM internal.tracked_stale
                             WHERE $all OR claim_key IN (SELECT unnest($keys)))
), days AS (
    SELECT claim_key, unit, event, value_group, day, min(as_of) AS first_at, max(as_of) AS last_at
    FROM live
    GROUP BY claim_key, unit, event, value_group, day
), pairs AS (
    SELECT a.claim_key, a.unit, a.event, a.value_group AS low_group, b.value_group AS high_group,
           a.day AS low_day, b.day AS high_day
    FROM days a
    JOIN days b
      ON a.claim_key = b.claim_key AND a.unit = b.unit AND a.event = b.event AND a.value_group < b.value_group
     AND b.first_at <= a.last_at + INTERVAL 7 DAY AND b.last_at >= a.first_at - INTERVAL 7 DAY
), sides AS (
    SELECT claim_key, unit, event, low_group, high_group, true AS low, low_group AS value_group, low_day AS day
    FROM pairs
    UNION
    SELECT claim_key, unit, event, low_group, high_group, false, high_group, high_day
    FROM pairs
)
SELECT s.claim_key,
       any_value(v.subject),
       any_value(v.metric),
       any_value(v.object),
       arg_min(v.value, (v.as_of, v.claim_id)) FILTER (WHERE s.low),
       list_sort(list_distinct(list(v.outlet) FILTER (WHERE s.low))),
       arg_min(v.value, (v.as_of, v.claim_id)) FILTER (WHERE NOT s.low),
       list_sort(list_distinct(list(v.outlet) FILTER (WHERE NOT s.low))),
       s.unit,
       round(100.0 * (arg_min(v.value, (v.as_of, v.claim_id)) FILTER (WHERE NOT s.low)
                      - arg_min(v.value, (v.as_of, v.claim_id)) FILTER (WHERE s.low))
             / nullif(abs(arg_min(v.value, (v.as_of, v.claim_id)) FILTER (WHERE s.low)), 0), 2),
       min(v.as_of),
       max(v.as_of),
       count(DISTINCT v.claim_id),
       any_value(v.key_kind)
FROM sides s
JOIN live v
  ON v.claim_key = s.claim_key AND v.unit = s.unit AND v.event = s.event AND v.value_group = s.value_group
 AND v.day = s.day
GROUP BY s.claim_key, s.unit, s.event, s.low_group, s.high_group
