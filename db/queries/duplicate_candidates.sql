-- Stored articles that may repeat incoming ones (same content hash, or a shared MinHash band),
-- together with the originals of their groups, so that dates can be compared with the original.
WITH hits AS (
    SELECT article_id FROM articles WHERE content_hash IN (SELECT unnest($hashes))
    UNION
    SELECT article_id FROM article_bands WHERE band_key IN (SELECT unnest($bands))
), with_originals AS (
    SELECT article_id FROM hits
    UNION
    SELECT a.duplicate_of FROM articles a JOIN hits USING (article_id) WHERE a.duplicate_of IS NOT NULL
)
SELECT a.article_id, a.published_at, a.content_hash, a.duplicate_of, s.minhash
FROM articles a
JOIN with_originals USING (article_id)
LEFT JOIN article_signatures s USING (article_id)
