-- The article's claims are out of date: the next extract run redoes it.
DELETE FROM extractions WHERE article_id = $article_id
