-- Claim keys whose first report falls in the week.
SELECT claim_key, subject, metric, object, new_value AS value, unit, first_outlet, first_url, changed_at
FROM claim_changes
WHERE changed_at >= $week_start AND changed_at < $week_end AND previous_value IS NULL
ORDER BY changed_at, claim_key
