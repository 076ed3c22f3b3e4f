-- Articles ranked for the words $terms by BM25 (k1 = 1.2, b = 0.75) over the word index;
-- an article with more of the words comes first. Duplicates of another article are left out.
WITH q AS (SELECT DISTINCT unnest($terms::VARCHAR[]) AS term),
stats AS (SELECT count(*) AS n, avg(length) AS avg_length FROM internal.search_docs),
df AS (
    SELECT term, count(*) AS df FROM internal.search_terms WHERE term IN (SELECT term FROM q) GROUP BY term
),
scored AS (
    SELECT t.article_id,
           count(*) AS matched,
           sum(ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5))
               * t.tf * 2.2 / (t.tf + 1.2 * (0.25 + 0.75 * d.length / stats.avg_length))) AS score
    FROM internal.search_terms t
    JOIN df USING (term)
    JOIN internal.search_docs d USING (article_id)
    CROSS JOIN stats
    GROUP BY t.article_id
)
SELECT a.article_id, a.title, a.outlet, a.url, a.published_at, a.text, s.matched, round(s.score, 3) AS score
FROM scored s JOIN articles a USING (article_id)
WHERE a.duplicate_of IS NULL
ORDER BY s.matched DESC, s.score DESC, a.published_at DESC
LIMIT $limit
