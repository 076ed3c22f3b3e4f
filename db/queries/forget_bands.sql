-- An article's MinHash bands, before its text's new ones are stored.
DELETE FROM internal.article_bands WHERE article_id = $article_id
