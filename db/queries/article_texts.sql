-- The texts to extract, one row per version of each article: an article never updated is its
-- own version 1; an updated one has every version in article_versions (flows/sources/versions.py),
-- each dated when it came out, so its claims are reported at that date.
SELECT article_id, 1 AS version, text, published_at, published_source, outlet, title, canonical_url
FROM articles
WHERE article_id IN (SELECT unnest($ids)) AND coalesce(version, 1) = 1
UNION ALL
SELECT v.article_id, v.version, v.text, v.published_at, v.published_source, a.outlet, v.title, a.canonical_url
FROM article_versions v
JOIN articles a USING (article_id)
WHERE a.article_id IN (SELECT unnest($ids)) AND a.version > 1
ORDER BY published_at, article_id, version
