-- Changes of open keys (figures no claim type names, issue 17) first reported in
-- [week_start, week_end), only for keys whose figures two or more outlets reported (copies
-- folded), so one article's many figures do not flood the digest. Each value with the range its
-- first report gave (low, high: NULL when it gave a single figure).
WITH in_order AS (
    SELECT *,
           lag(value_group) OVER (PARTITION BY claim_key, unit ORDER BY changed_at, new_value) AS previous_group
    FROM claim_changes
    WHERE key_kind = 'open'
), this_week AS (
    SELECT *
    FROM in_order
    WHERE changed_at >= $week_start AND changed_at < $week_end AND previous_value IS NOT NULL
), spread AS (
    SELECT claim_key, list_sort(list_distinct(list(outlet))) AS key_outlets
    FROM claim_values
    WHERE claim_key IN (SELECT claim_key FROM this_week)
    GROUP BY claim_key
    HAVING count(DISTINCT outlet) >= 2
), ranges AS (
    SELECT v.claim_key, v.unit, v.value_group,
           arg_min({'low': c.low, 'high': c.high}, (v.as_of, v.claim_id)) AS first_range
    FROM claim_values v
    JOIN claims c ON c.claim_id = v.claim_id
    WHERE v.claim_key IN (SELECT claim_key FROM spread)
    GROUP BY v.claim_key, v.unit, v.value_group
)
SELECT w.claim_key, w.subject, w.metric, w.object, w.previous_value, w.new_value, w.unit, w.change_pct,
       w.first_outlet, w.first_url, w.changed_at, w.as_of_basis, w.outlets, s.key_outlets,
       p.first_range.low AS previous_low, p.first_range.high AS previous_high,
       n.first_range.low AS new_low, n.first_range.high AS new_high
FROM this_week w
JOIN spread s USING (claim_key)
LEFT JOIN ranges n ON n.claim_key = w.claim_key AND n.unit IS NOT DISTINCT FROM w.unit AND n.value_group = w.value_group
LEFT JOIN ranges p ON p.claim_key = w.claim_key AND p.unit IS NOT DISTINCT FROM w.unit AND p.value_group = w.previous_group
ORDER BY abs(coalesce(w.change_pct, 0)) DESC, w.claim_key
