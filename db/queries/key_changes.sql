-- One key's current-value line: its first value and each change.
SELECT changed_at, new_value, unit FROM claim_changes WHERE claim_key = $key ORDER BY changed_at
