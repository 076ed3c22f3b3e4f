-- Plans and forecasts reported in the week (in articles published in it): deals agreed or in
-- talks, projections, with each report's outlet, link and time (`sources`). Shown apart from the
-- figures: they are not the quantity's value. Typed claims only: one article's open figures
-- (issue 17) would flood it.
SELECT claim_key, any_value(subject) AS subject, any_value(metric) AS metric, any_value(object) AS object,
       arg_min(value, as_of) AS value, unit, status,
       list_sort(list_distinct(list(outlet))) AS outlets,
       list_sort(list_distinct(list(attributed_to) FILTER (WHERE attributed_to IS NOT NULL))) AS cited,
       count(*) AS reports, min(published_at) AS first_at,
       list({'outlet': outlet, 'url': article_url, 'at': published_at} ORDER BY published_at, outlet) AS sources
FROM claim_timeline
WHERE status IN ('planned', 'forecast') AND value IS NOT NULL AND claim_kind = 'typed'
  AND published_at >= $week_start AND published_at < $week_end
GROUP BY claim_key, unit, status, value
ORDER BY reports DESC, claim_key, first_at
