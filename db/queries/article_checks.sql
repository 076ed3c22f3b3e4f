-- The stored articles of a feed that these links (canonical) or GUIDs name, with what reading
-- one again compares (flows/sources/versions.py): the entry as last seen, the version and its
-- date, the text's hash and the page's validators for a conditional GET.
SELECT a.article_id, a.canonical_url, a.entry_url, a.guid, a.entry_hash, a.version, a.published_at, a.updated_at,
       a.content_hash, r.etag, r.last_modified
FROM articles a
LEFT JOIN internal.article_raw r USING (article_id)
WHERE a.feed_id = $feed_id
  AND (a.canonical_url IN (SELECT unnest($urls)) OR a.entry_url IN (SELECT unnest($urls))
       OR a.guid IS NOT NULL AND a.guid IN (SELECT unnest($guids)))
