-- Values first reported in [week_start, week_end) that change an earlier value of the same key,
-- of typed keys (open keys, figures no claim type names, have a section of their own:
-- digest_open_changes.sql).
SELECT claim_key, subject, metric, object, previous_value, new_value, unit, change_pct,
       first_outlet, first_url, changed_at, as_of_basis, outlets
FROM claim_changes
WHERE changed_at >= $week_start AND changed_at < $week_end AND previous_value IS NOT NULL
  AND key_kind IS DISTINCT FROM 'open'
ORDER BY abs(coalesce(change_pct, 0)) DESC, claim_key
