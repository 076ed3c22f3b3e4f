-- The words of articles not yet indexed: letters and digits in lower case, one letter words
-- but digits left out, title words counted twice.
INSERT INTO internal.search_terms (article_id, term, tf)
SELECT article_id, term, sum(weight)::INTEGER
FROM (
    SELECT article_id, unnest(regexp_split_to_array(lower(title), '[^\p{L}\p{N}]+')) AS term, 2 AS weight
    FROM articles WHERE article_id NOT IN (SELECT article_id FROM internal.search_docs)
    UNION ALL
    SELECT article_id, unnest(regexp_split_to_array(lower(text), '[^\p{L}\p{N}]+')) AS term, 1 AS weight
    FROM articles WHERE article_id NOT IN (SELECT article_id FROM internal.search_docs)
) words
WHERE length(term) BETWEEN 2 AND 40 OR regexp_full_match(term, '\p{N}')
GROUP BY article_id, term
