SELECT a.article_id
FROM articles a
LEFT JOIN extractions e USING (article_id)
WHERE $everything OR e.article_id IS NULL OR e.error IS NOT NULL OR e.extractor_version <> $version
ORDER BY a.published_at, a.article_id
