-- claim_changes: per claim key, each change of value in time order, and who reported it first.
CREATE OR REPLACE VIEW claim_changes AS
WITH firsts AS (
    -- the first report of each distinct value of each key
    SELECT claim_key, subject, metric, object, value, unit,
           arg_min(outlet, as_of)      AS first_outlet,
           arg_min(article_url, as_of) AS first_url,
           min(as_of)                  AS first_seen,
           count(DISTINCT outlet)      AS outlets
    FROM claim_timeline
    WHERE value IS NOT NULL
    GROUP BY ALL
), ordered AS (
    SELECT *,
           lag(value) OVER (PARTITION BY claim_key ORDER BY first_seen, value) AS previous_value
    FROM firsts
)
SELECT claim_key, subject, metric, object,
       previous_value,
       value AS new_value,
       unit,
       CASE WHEN previous_value IS NULL OR previous_value = 0 THEN NULL
            ELSE round(100.0 * (value - previous_value) / abs(previous_value), 2) END AS change_pct,
       first_outlet,
       first_url,
       first_seen AS changed_at,
       outlets
FROM ordered
ORDER BY claim_key, changed_at;
