-- The extraction rows of articles about to be extracted again.
DELETE FROM extractions WHERE article_id IN (SELECT unnest($ids))
