-- One outlet's reports of figures, newest first, for its page on the claim site.
SELECT t.claim_key, t.subject, t.metric, t.object, t.value, t.unit, t.low, t.high, t.as_of, t.as_of_precision,
       t.status, t.attributed_to, t.sentence, t.article_url, t.article_title
FROM claim_timeline t
WHERE t.outlet = $outlet AND t.value IS NOT NULL
ORDER BY t.as_of DESC, t.claim_key, t.claim_id
