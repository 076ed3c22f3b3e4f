-- Which of the links (canonical form) or GUIDs asked about are stored already, for several
-- feeds' polls at once: the table given_keys (lookup, feed_id, key, is_guid) holds each poll's
-- keys, numbered by its lookup. Links are matched under either the canonical URL an article
-- ended at or the link its feed entry gave; GUIDs within the asking feed only (two feeds may
-- both number their entries 1, 2, 3). With each, what reading the article again compares
-- (flows/sources/versions.py): its feed, the entry as last seen, the version and its date, the
-- text's hash and the page's validators for a conditional GET.
WITH hits AS (
    SELECT q.lookup, q.key, a.article_id
    FROM given_keys q JOIN articles a ON a.canonical_url = q.key
    WHERE NOT q.is_guid
    UNION
    SELECT q.lookup, q.key, a.article_id
    FROM given_keys q JOIN articles a ON a.entry_url = q.key
    WHERE NOT q.is_guid
    UNION
    SELECT q.lookup, q.key, a.article_id
    FROM given_keys q JOIN articles a ON a.guid = q.key AND a.feed_id = q.feed_id
    WHERE q.is_guid
)
SELECT h.lookup, h.key, a.article_id, a.feed_id, a.entry_hash, a.version, a.published_at, a.updated_at,
       a.content_hash, r.etag, r.last_modified
FROM hits h
JOIN articles a USING (article_id)
LEFT JOIN internal.article_raw r USING (article_id)
ORDER BY h.lookup, h.key, a.article_id
