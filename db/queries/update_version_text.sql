-- A re-read article's new text is also its newest version's, when it has versions (article_versions).
UPDATE article_versions SET text = $text, content_hash = $content_hash
WHERE article_id = $article_id AND version = (SELECT version FROM articles WHERE article_id = $article_id)
