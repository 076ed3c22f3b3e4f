-- The claim keys stored for these articles or for their syndicated copies.
SELECT DISTINCT c.claim_key
FROM claims c
JOIN articles a USING (article_id)
WHERE a.article_id IN (SELECT unnest($ids)) OR a.duplicate_of IN (SELECT unnest($ids))
