SELECT article_id, text, published_at, published_source, outlet, title, canonical_url
FROM articles
WHERE article_id IN (SELECT unnest($ids))
ORDER BY published_at, article_id
