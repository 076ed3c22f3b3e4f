-- Disagreements between outlets whose reports overlap the week, of typed keys, with the reports
-- on each side (`low_sources`, `high_sources`: outlet, link and time, earliest first): the
-- reports of the key within the window whose value is that side's (within the metric's tolerance).
WITH c AS (
    SELECT claim_key, subject, metric, object, low_value, low_outlets, high_value, high_outlets, unit,
           difference_pct, window_start, window_end
    FROM claim_conflicts
    WHERE window_start < $week_end AND window_end >= $week_start AND key_kind IS DISTINCT FROM 'open'
), sides AS (
    SELECT c.claim_key, c.unit, c.low_value, c.high_value, c.window_start,
           list({'outlet': v.outlet, 'url': v.article_url, 'at': v.as_of} ORDER BY v.as_of, v.outlet)
               FILTER (WHERE abs(v.value - c.low_value) <= abs(c.low_value) * v.tolerance_pct / 100 + 1e-9)
               AS low_sources,
           list({'outlet': v.outlet, 'url': v.article_url, 'at': v.as_of} ORDER BY v.as_of, v.outlet)
               FILTER (WHERE abs(v.value - c.high_value) <= abs(c.high_value) * v.tolerance_pct / 100 + 1e-9)
               AS high_sources
    FROM c
    JOIN claim_values v
      ON v.claim_key = c.claim_key AND v.unit = c.unit AND v.as_of BETWEEN c.window_start AND c.window_end
     AND NOT v.history
    GROUP BY c.claim_key, c.unit, c.low_value, c.high_value, c.window_start
)
SELECT c.*, s.low_sources, s.high_sources
FROM c
LEFT JOIN sides s
  ON s.claim_key = c.claim_key AND s.unit = c.unit AND s.low_value = c.low_value AND s.high_value = c.high_value
 AND s.window_start = c.window_start
ORDER BY c.difference_pct DESC, c.claim_key
