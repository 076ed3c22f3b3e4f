-- Reports published in the week that repeat a value already superseded, of typed keys.
SELECT claim_key, subject, metric, object, outlet, as_of, stale_value, current_value, unit,
       current_since, current_first_outlet, article_url
FROM stale_claims
WHERE as_of >= $week_start AND as_of < $week_end AND key_kind IS DISTINCT FROM 'open'
ORDER BY as_of, claim_key
