-- The version an article is at (articles.version), read before a new one is stored.
SELECT version FROM articles WHERE article_id = $article_id
