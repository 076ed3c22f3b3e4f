-- A feeds row for a feed whose articles are written before its poll is recorded (a large poll
-- stored in several transactions: articles reference their feed). An existing row is left as it
-- is, so its validators still ask for the whole feed until the poll's own row is written last.
INSERT INTO feeds (feed_id, url, name)
VALUES ($feed_id, $url, $name)
ON CONFLICT DO NOTHING
