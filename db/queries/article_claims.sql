-- The stored claims of some articles, to compare with a new extraction of them.
SELECT article_id, version, claim_key, metric, subject, object, value, unit, sentence, status, extractor_version
FROM claims
WHERE article_id IN (SELECT unnest($ids))
ORDER BY article_id, start_char
