-- Every figure reported in the week (in articles published in it), one row per claim and value:
-- the outlets that reported it and whom they cited, and each report's outlet, link and time
-- (`sources`, earliest first); events (funding rounds) included, history told in passing left
-- out. Typed keys only: one article's open figures (issue 17) would flood it.
SELECT claim_key, any_value(subject) AS subject, any_value(metric) AS metric, any_value(object) AS object,
       arg_min(value, as_of) AS value, unit, any_value(kind) AS kind,
       list_sort(list_distinct(list(outlet))) AS outlets,
       list_sort(list_distinct(list(attributed_to) FILTER (WHERE attributed_to IS NOT NULL))) AS cited,
       count(*) AS reports, min(as_of) AS first_at,
       list({'outlet': outlet, 'url': article_url, 'at': as_of} ORDER BY as_of, outlet) AS sources
FROM claim_values
WHERE published_at >= $week_start AND published_at < $week_end AND NOT history
  AND key_kind IS DISTINCT FROM 'open'
GROUP BY claim_key, unit, value_group
ORDER BY reports DESC, claim_key, first_at
