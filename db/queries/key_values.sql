-- Each key that carries figures: its parts, its distinct values, reports and outlets (for
-- `claimtrack keys`, which pairs keys that look like one quantity).
SELECT v.claim_key, any_value(v.subject) AS subject, v.metric, any_value(v.object) AS object, v.unit,
       coalesce(any_value(m.tolerance_pct), 1.0) AS tolerance_pct,
       list_sort(list_distinct(list(v.value))) AS vals,
       count(*) AS reports,
       list_sort(list_distinct(list(v.outlet))) AS outlets
FROM claim_values v
LEFT JOIN metrics m USING (metric)
GROUP BY v.claim_key, v.metric, v.unit
ORDER BY v.claim_key
