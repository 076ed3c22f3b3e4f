-- Every figure reported in the week, one row per claim and value: the outlets that reported
-- it and whom they cited; events (funding rounds) included.
SELECT claim_key, any_value(subject) AS subject, any_value(metric) AS metric, any_value(object) AS object,
       arg_min(value, as_of) AS value, unit, any_value(kind) AS kind,
       list_sort(list_distinct(list(outlet))) AS outlets,
       list_sort(list_distinct(list(attributed_to) FILTER (WHERE attributed_to IS NOT NULL))) AS cited,
       count(*) AS reports, min(as_of) AS first_at
FROM claim_values
WHERE as_of >= $week_start AND as_of < $week_end
GROUP BY claim_key, unit, value_group
ORDER BY reports DESC, claim_key, first_at
