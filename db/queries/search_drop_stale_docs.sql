-- Articles gone or changed since indexed leave the index (their words first: the step before).
DELETE FROM internal.search_docs
WHERE article_id IN (
    SELECT d.article_id
    FROM internal.search_docs d LEFT JOIN articles a USING (article_id)
    WHERE a.article_id IS NULL OR d.source_hash <> md5(a.title || chr(10) || a.content_hash)
)
