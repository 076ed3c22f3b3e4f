-- One key's first value and each change, in order, for its page on the claim site.
SELECT previous_value, new_value, unit, change_pct, first_outlet, first_url, changed_at, as_of_basis, outlets,
       explicit
FROM claim_changes
WHERE claim_key = $key
ORDER BY changed_at, new_value
