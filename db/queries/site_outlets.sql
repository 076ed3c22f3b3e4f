-- Every outlet with its figures, for the claim site's outlet pages and their index.
SELECT outlet, feeds, articles, duplicates, claims, claim_keys, first_reports, stale_claims, conflicts, risk_notes,
       first_article_at, last_article_at
FROM source_stats
WHERE outlet IS NOT NULL
ORDER BY outlet
