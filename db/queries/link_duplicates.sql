-- An article whose text hash equals an earlier article's (across all feeds) repeats it.
UPDATE articles AS a
SET duplicate_of = o.article_id
FROM (
    SELECT content_hash, arg_min(article_id, (published_at, article_id)) AS article_id
    FROM articles GROUP BY content_hash HAVING count(*) > 1
) AS o
WHERE a.content_hash = o.content_hash
  AND a.article_id <> o.article_id
  AND a.duplicate_of IS NULL
