-- Which of these links (canonical form) or GUIDs are stored already: links under either the
-- canonical URL an article ended at or the link its feed entry gave; GUIDs within this feed only
-- (two feeds may both number their entries 1, 2, 3).
SELECT canonical_url AS key FROM articles WHERE canonical_url IN (SELECT unnest($urls))
UNION
SELECT entry_url AS key FROM articles WHERE entry_url IN (SELECT unnest($urls))
UNION
SELECT guid AS key FROM articles
WHERE feed_id = $feed_id AND guid IS NOT NULL AND guid IN (SELECT unnest($guids))
