-- The claims of articles about to be extracted again.
DELETE FROM claims WHERE article_id IN (SELECT unnest($ids))
