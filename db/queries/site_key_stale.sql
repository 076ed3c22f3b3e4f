-- One key's stale repeats (a value already superseded, reported again), for its claim page.
SELECT outlet, as_of, stale_value, current_value, unit, current_since, current_first_outlet, article_url, sentence
FROM stale_claims
WHERE claim_key = $key
ORDER BY as_of
