-- Which of the given article ids (table given_ids: article_id) are stored already.
SELECT article_id FROM articles WHERE article_id IN (SELECT article_id FROM given_ids)
