-- claim_values: the claims that carry a figure, each with its metric's kind and tolerance and
-- the group of equal values it belongs to (values of one key and unit within the tolerance of
-- each other, in value order, share `value_group`). The tracking views are built on it.
CREATE OR REPLACE VIEW claim_values AS
WITH figures AS (
    SELECT t.claim_key, t.subject, t.metric, t.object, t.value, t.unit, t.previous_value,
           t.as_of, t.outlet, t.attributed_to, t.article_url, t.sentence, t.article_id, t.claim_id,
           coalesce(m.kind, 'state')        AS kind,
           coalesce(m.tolerance_pct, 1.0)   AS tolerance_pct
    FROM claim_timeline t
    LEFT JOIN metrics m USING (metric)
    WHERE t.value IS NOT NULL
), stepped AS (
    SELECT *,
           CASE WHEN lag(value) OVER by_value IS NULL
                  OR value - lag(value) OVER by_value > abs(lag(value) OVER by_value) * tolerance_pct / 100
                THEN 1 ELSE 0 END AS new_group
    FROM figures
    WINDOW by_value AS (PARTITION BY claim_key, unit ORDER BY value, as_of, claim_id)
)
SELECT claim_key, subject, metric, object, value, unit, previous_value, as_of, outlet,
       attributed_to, article_url, sentence, article_id, claim_id, kind, tolerance_pct,
       sum(new_group) OVER (PARTITION BY claim_key, unit ORDER BY value, as_of, claim_id
                            ROWS UNBOUNDED PRECEDING)::INTEGER AS value_group
FROM stepped;
