-- Stored raw HTML with what re-reading it needs: the article's title and current text.
SELECT r.article_id, r.source, r.url, r.content_type, r.encoding, r.raw, a.title, a.text, a.published_source
FROM internal.article_raw r
JOIN articles a USING (article_id)
WHERE $ids IS NULL OR r.article_id IN (SELECT unnest($ids))
ORDER BY r.article_id
LIMIT $limit OFFSET $offset
