-- The newest changes of tracked figures (not a key's first value), for the Atom feed of changes.
SELECT claim_key, subject, metric, object, previous_value, new_value, unit, change_pct,
       first_outlet, first_url, changed_at, as_of_basis, outlets
FROM claim_changes
WHERE previous_value IS NOT NULL
ORDER BY changed_at DESC, claim_key
LIMIT $limit
