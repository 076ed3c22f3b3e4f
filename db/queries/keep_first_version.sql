-- On an article's first update, its text as first stored becomes version 1 in article_versions.
INSERT INTO article_versions (article_id, version, title, text, text_source, content_hash, published_at,
                              published_source, seen_at)
SELECT article_id, 1, title, text, text_source, content_hash, published_at, published_source, fetched_at
FROM articles
WHERE article_id = $article_id AND version = 1
  AND NOT EXISTS (SELECT 1 FROM article_versions WHERE article_id = $article_id)
