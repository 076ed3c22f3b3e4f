-- Value claims of keys reported more than once, one row per outlet report (not per sentence),
-- in order of claim time, each with what it is when it is not a report of the day: history
-- told in passing, a previous value the sentence gives, a plan or a forecast.
SELECT claim_key, subject, metric, object, value, unit, as_of, as_of_precision, outlet,
       string_agg(DISTINCT attributed_to, ', ') AS attributed_to,
       CASE WHEN status IN ('planned', 'forecast') THEN status
            WHEN history THEN 'history' ELSE '' END AS note
FROM claim_timeline
WHERE value IS NOT NULL
  AND claim_key IN (SELECT claim_key FROM claim_timeline WHERE value IS NOT NULL
                    GROUP BY claim_key HAVING count(DISTINCT article_id) > 1)
GROUP BY ALL
ORDER BY claim_key, as_of, outlet
