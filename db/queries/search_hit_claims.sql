-- The claims of some articles (search hits), in the order their sentences come.
SELECT article_id, claim_key, metric, subject, object, value, unit, status, sentence, start_char, end_char
FROM claims
WHERE article_id IN (SELECT unnest($ids))
ORDER BY article_id, start_char
