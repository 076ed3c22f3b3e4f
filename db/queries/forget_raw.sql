-- An article's raw page, about to be replaced by the page of its new version.
DELETE FROM internal.article_raw WHERE article_id = $article_id
