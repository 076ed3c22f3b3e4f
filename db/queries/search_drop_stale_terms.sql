-- The index's words of articles that are gone or whose title or text changed since indexed.
DELETE FROM internal.search_terms
WHERE article_id IN (
    SELECT d.article_id
    FROM internal.search_docs d LEFT JOIN articles a USING (article_id)
    WHERE a.article_id IS NULL OR d.source_hash <> md5(a.title || chr(10) || a.content_hash)
)
