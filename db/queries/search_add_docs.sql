-- Articles just indexed: what was indexed (to notice a change) and their weighted length.
INSERT INTO internal.search_docs (article_id, source_hash, length)
SELECT a.article_id, md5(a.title || chr(10) || a.content_hash), coalesce(sum(t.tf), 0)::INTEGER
FROM articles a LEFT JOIN internal.search_terms t USING (article_id)
WHERE a.article_id NOT IN (SELECT article_id FROM internal.search_docs)
GROUP BY a.article_id, a.title, a.content_hash
