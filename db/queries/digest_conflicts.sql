-- Disagreements between outlets whose reports overlap the week, of typed keys.
SELECT claim_key, subject, metric, object, low_value, low_outlets, high_value, high_outlets, unit,
       difference_pct, window_start, window_end
FROM claim_conflicts
WHERE window_start < $week_end AND window_end >= $week_start AND key_kind IS DISTINCT FROM 'open'
ORDER BY difference_pct DESC, claim_key
