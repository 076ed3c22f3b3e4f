SELECT claim_key, subject, metric, object, previous_value, new_value, unit, change_pct,
       first_outlet, changed_at, as_of_basis, outlets
FROM claim_changes
WHERE previous_value IS NOT NULL
ORDER BY claim_key, changed_at
