-- Stored articles that may repeat incoming ones (same content hash, or a shared MinHash band;
-- the incoming ones' are the tables given_hashes: content_hash and given_bands: band_key),
-- together with the originals of their groups, so that dates can be compared with the original.
-- Bounded like the linker's index (db/dedupe.py): one article per content hash and the first
-- $per_band per band, earliest published first, so a flood of copies of one story does not make
-- every part of a large poll read all of them.
WITH band_hits AS (
    SELECT b.article_id
    FROM internal.article_bands b JOIN articles a USING (article_id)
    WHERE b.band_key IN (SELECT band_key FROM given_bands)
    QUALIFY row_number() OVER (PARTITION BY b.band_key ORDER BY a.published_at, a.article_id) <= $per_band
), hash_hits AS (
    SELECT article_id
    FROM articles
    WHERE content_hash IN (SELECT content_hash FROM given_hashes)
    QUALIFY row_number() OVER (PARTITION BY content_hash ORDER BY published_at, article_id) = 1
), hits AS (
    SELECT article_id FROM band_hits
    UNION
    SELECT article_id FROM hash_hits
), with_originals AS (
    SELECT article_id FROM hits
    UNION
    SELECT a.duplicate_of FROM articles a JOIN hits USING (article_id) WHERE a.duplicate_of IS NOT NULL
)
SELECT a.article_id, a.published_at, a.content_hash, a.duplicate_of, s.minhash
FROM articles a
JOIN with_originals USING (article_id)
LEFT JOIN internal.article_signatures s USING (article_id)
ORDER BY a.published_at, a.article_id
