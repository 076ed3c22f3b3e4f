-- source_stats: per outlet, what it contributed and how it fares: articles and syndicated
-- copies, claims, values it reported first, stale repeats, disagreements it is part of.
CREATE OR REPLACE VIEW source_stats AS
WITH written AS (
    SELECT outlet,
           count(DISTINCT feed_id)                            AS feeds,
           count(*) FILTER (WHERE duplicate_of IS NULL)       AS articles,
           count(*) FILTER (WHERE duplicate_of IS NOT NULL)   AS duplicates,
           min(published_at)                                  AS first_article_at,
           max(published_at)                                  AS last_article_at
    FROM articles
    GROUP BY outlet
), claimed AS (
    SELECT outlet, count(*) AS claims, count(DISTINCT claim_key) AS claim_keys,
           count(*) FILTER (WHERE metric = 'risk_warning') AS risk_notes
    FROM claim_timeline
    GROUP BY outlet
), firsts AS (
    SELECT first_outlet AS outlet, count(*) AS first_reports
    FROM claim_changes
    GROUP BY first_outlet
), stale AS (
    SELECT outlet, count(*) AS stale_claims FROM stale_claims GROUP BY outlet
), disputed AS (
    SELECT outlet, count(*) AS conflicts
    FROM (SELECT unnest(list_distinct(list_concat(low_outlets, high_outlets))) AS outlet FROM claim_conflicts)
    GROUP BY outlet
)
SELECT w.outlet, w.feeds, w.articles, w.duplicates,
       coalesce(c.claims, 0)         AS claims,
       coalesce(c.claim_keys, 0)     AS claim_keys,
       coalesce(f.first_reports, 0)  AS first_reports,
       coalesce(s.stale_claims, 0)   AS stale_claims,
       coalesce(d.conflicts, 0)      AS conflicts,
       coalesce(c.risk_notes, 0)     AS risk_notes,
       w.first_article_at,
       w.last_article_at
FROM written w
LEFT JOIN claimed c USING (outlet)
LEFT JOIN firsts f USING (outlet)
LEFT JOIN stale s USING (outlet)
LEFT JOIN disputed d USING (outlet)
ORDER BY w.articles DESC, w.outlet;

COMMENT ON VIEW source_stats IS 'Per outlet, what it contributed and how it fares: articles and syndicated copies, claims, values it reported first, stale repeats, disagreements it is part of.';
COMMENT ON COLUMN source_stats.outlet IS 'The outlet.';
COMMENT ON COLUMN source_stats.feeds IS 'How many feeds its articles came from.';
COMMENT ON COLUMN source_stats.articles IS 'Its articles, syndicated copies aside.';
COMMENT ON COLUMN source_stats.duplicates IS 'Its articles that repeat another article (syndicated copies, reposts).';
COMMENT ON COLUMN source_stats.claims IS 'Its claims (claim_timeline).';
COMMENT ON COLUMN source_stats.claim_keys IS 'How many distinct keys its claims have.';
COMMENT ON COLUMN source_stats.first_reports IS 'Values it reported first (rows of claim_changes naming it first_outlet).';
COMMENT ON COLUMN source_stats.stale_claims IS 'Its reports of an outdated value (rows of stale_claims).';
COMMENT ON COLUMN source_stats.conflicts IS 'Disagreements it is on a side of (rows of claim_conflicts).';
COMMENT ON COLUMN source_stats.risk_notes IS 'Its risk warnings and dismissals.';
COMMENT ON COLUMN source_stats.first_article_at IS 'When its first article was published (UTC).';
COMMENT ON COLUMN source_stats.last_article_at IS 'When its latest article was published (UTC).';
