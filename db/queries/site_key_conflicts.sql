-- Where outlets disagreed on one key, for its page on the claim site.
SELECT low_value, low_outlets, high_value, high_outlets, unit, difference_pct, window_start, window_end
FROM claim_conflicts
WHERE claim_key = $key
ORDER BY window_start
