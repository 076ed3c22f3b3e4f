-- The claim keys stored for these articles.
SELECT DISTINCT claim_key FROM claims WHERE article_id IN (SELECT unnest($ids))
