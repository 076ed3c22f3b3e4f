-- claim_changes: per claim key, its first value and each later change of value in time order,
-- with the outlet that reported the new value first. Only standing figures (kind 'state')
-- change; events such as funding rounds do not. A value first reported while the previous one
-- is still being reported by others within 7 days is a disagreement (claim_conflicts), not a
-- change, unless a report of it names the previous value ("27%, down from 32.5%").
CREATE OR REPLACE VIEW claim_changes AS
WITH value_groups AS (
    SELECT claim_key, unit, value_group,
           any_value(subject)            AS subject,
           any_value(metric)             AS metric,
           any_value(object)             AS object,
           any_value(tolerance_pct)      AS tolerance_pct,
           arg_min(value, as_of)         AS value,          -- as the first report gave it
           min(value)                    AS low,
           max(value)                    AS high,
           min(as_of)                    AS first_seen,
           arg_min(outlet, as_of)        AS first_outlet,
           arg_min(article_url, as_of)   AS first_url,
           count(DISTINCT outlet)        AS outlets,
           count(*)                      AS reports
    FROM claim_values
    WHERE kind = 'state'
    GROUP BY claim_key, unit, value_group
), in_order AS (
    SELECT *,
           lag(value_group) OVER by_time AS before_group,
           lag(low)  OVER by_time        AS before_low,
           lag(high) OVER by_time        AS before_high
    FROM value_groups
    WINDOW by_time AS (PARTITION BY claim_key, unit ORDER BY first_seen, value)
), judged AS (
    SELECT o.*,
           EXISTS (SELECT 1 FROM claim_values s
                   WHERE s.claim_key = o.claim_key AND s.unit = o.unit AND s.value_group = o.value_group
                     AND s.previous_value BETWEEN o.before_low * (1 - o.tolerance_pct / 100)
                                              AND o.before_high * (1 + o.tolerance_pct / 100)) AS explicit,
           EXISTS (SELECT 1 FROM claim_values r
                   WHERE r.claim_key = o.claim_key AND r.unit = o.unit AND r.value_group = o.before_group
                     AND r.as_of > o.first_seen AND r.as_of <= o.first_seen + INTERVAL 7 DAY) AS contested
    FROM in_order o
), accepted AS (
    SELECT * FROM judged WHERE before_group IS NULL OR explicit OR NOT contested
)
SELECT claim_key, subject, metric, object,
       lag(value) OVER by_time AS previous_value,
       value                   AS new_value,
       unit,
       CASE WHEN lag(value) OVER by_time IS NULL OR lag(value) OVER by_time = 0 THEN NULL
            ELSE round(100.0 * (value - lag(value) OVER by_time) / abs(lag(value) OVER by_time), 2)
       END                     AS change_pct,
       first_outlet,
       first_url,
       first_seen              AS changed_at,
       outlets,
       reports,
       value - lag(value) OVER by_time AS change,        -- in the unit: points for percentages
       coalesce(explicit, false) AS explicit,            -- a report of the new value names the old one
       value_group
FROM accepted
WINDOW by_time AS (PARTITION BY claim_key, unit ORDER BY first_seen, value)
ORDER BY claim_key, changed_at;
