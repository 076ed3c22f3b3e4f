-- Value claims of keys reported more than once, one row per outlet report (not per sentence).
SELECT claim_key, subject, metric, object, value, unit, as_of, outlet,
       string_agg(DISTINCT attributed_to, ', ') AS attributed_to
FROM claim_timeline
WHERE value IS NOT NULL
  AND claim_key IN (SELECT claim_key FROM claim_timeline WHERE value IS NOT NULL
                    GROUP BY claim_key HAVING count(DISTINCT article_id) > 1)
GROUP BY claim_key, subject, metric, object, value, unit, as_of, outlet
ORDER BY claim_key, as_of, outlet
