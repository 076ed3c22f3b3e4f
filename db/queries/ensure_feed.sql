-- A feeds row for a feed whose articles are written before its poll is recorded (a large poll
-- stored in several transactions: articles reference their feed). An existing row is left as it
-- is, so its validators still ask for the whole feed until the poll's own row is written last.
-- A MERGE on the key rather than ON CONFLICT: a DuckLake has no primary key to conflict on.
MERGE INTO feeds
USING (SELECT $feed_id AS feed_id, $url AS url, $name AS name) AS given
ON feeds.feed_id = given.feed_id
WHEN NOT MATCHED THEN INSERT (feed_id, url, name) VALUES (given.feed_id, given.url, given.name)
