-- Which of these links (canonical form) or GUIDs are stored already: links under either the
-- canonical URL an article ended at or the link its feed entry gave; GUIDs within this feed only
-- (two feeds may both number their entries 1, 2, 3). With each, what reading the article again
-- compares (flows/sources/versions.py): its feed, the entry as last seen, the version and its
-- date, the text's hash and the page's validators for a conditional GET.
WITH hits AS (
    SELECT canonical_url AS key, article_id FROM articles WHERE canonical_url IN (SELECT unnest($urls))
    UNION
    SELECT entry_url AS key, article_id FROM articles WHERE entry_url IN (SELECT unnest($urls))
    UNION
    SELECT guid AS key, article_id FROM articles
    WHERE feed_id = $feed_id AND guid IS NOT NULL AND guid IN (SELECT unnest($guids))
)
SELECT h.key, a.article_id, a.feed_id, a.entry_hash, a.version, a.published_at, a.updated_at, a.content_hash,
       r.etag, r.last_modified
FROM hits h
JOIN articles a USING (article_id)
LEFT JOIN internal.article_raw r USING (article_id)
