-- An article's MinHash signature, before its text's new one is stored.
DELETE FROM internal.article_signatures WHERE article_id = $article_id
