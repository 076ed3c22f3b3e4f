-- The claim site's index: every tracked key (typed, or open and reported by two or more
-- outlets, as the digest has them) with its current value (the last change's new value; the
-- latest report for an event), its last change, how many outlets and reports, and its values in
-- order of claim time (`trend`, for a small line).
WITH keys AS (
    SELECT claim_key, any_value(subject) AS subject, any_value(metric) AS metric, any_value(object) AS object,
           arg_max(unit, as_of) AS unit, any_value(kind) AS kind, any_value(key_kind) AS key_kind,
           count(DISTINCT outlet) AS outlets, count(*) AS reports, max(as_of) AS last_report_at,
           arg_max(value, as_of) FILTER (WHERE NOT history) AS latest_report,
           list(value ORDER BY as_of, claim_id) AS trend
    FROM claim_values
    WHERE value IS NOT NULL
    GROUP BY claim_key
), changes AS (
    SELECT claim_key, arg_max(new_value, changed_at) AS current_value,
           arg_max(previous_value, changed_at) AS previous_value, max(changed_at) AS changed_at,
           arg_max(first_outlet, changed_at) AS changed_by,
           count(*) FILTER (WHERE previous_value IS NOT NULL) AS changes
    FROM claim_changes
    GROUP BY claim_key
)
SELECT k.claim_key, k.subject, k.metric, k.object, k.unit, k.kind, k.outlets, k.reports, k.last_report_at,
       coalesce(c.current_value, k.latest_report, k.trend[-1]) AS value, c.previous_value, c.changed_at,
       c.changed_by, coalesce(c.changes, 0) AS changes, k.trend
FROM keys k
LEFT JOIN changes c USING (claim_key)
WHERE k.key_kind IS DISTINCT FROM 'open' OR k.outlets >= 2
ORDER BY k.last_report_at DESC, k.claim_key
