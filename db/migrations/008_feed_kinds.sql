-- 008: sources as kinds (issue 18), with tags and keyword filters per feed.
--  * kind              how the feed's listing is read: rss (RSS, Atom, JSON Feed), sitemap,
--                      urls, or a kind registered in code (flows/kinds.py); feeds polled before
--                      were all rss;
--  * tags              the feed's tags from config as of its last poll, joined by commas (a tag
--                      holds none); a list column cannot be updated in a table others reference
--                      (DuckDB updates it as delete + insert), feed_health shows them as a list;
--  * entries_filtered  of the new entries the last poll that read the listing found, how many
--                      its include/exclude filters left out (so nothing is dropped unseen).
-- DuckDB adds a column with a DEFAULT to the rows there are (but no NOT NULL or CHECK).

ALTER TABLE feeds ADD COLUMN kind VARCHAR DEFAULT 'rss';
ALTER TABLE feeds ADD COLUMN tags VARCHAR DEFAULT '';
ALTER TABLE feeds ADD COLUMN entries_filtered INTEGER DEFAULT 0;
