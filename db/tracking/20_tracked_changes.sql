-- tracked_changes (view claim_changes): per key of a standing figure, its first value and each
-- change in order of claim time (as_of: when the figure was true; of the values first reported
-- the same day, the one more outlets report first). A value first reported while the value
-- before it is still reported within the next 7 days is a disagreement (claim_conflicts), not
-- a change, unless a report of it names the value before ("27%, down from 32.5%"). A value
-- known only from articles that give a larger value of the key for the same day, neither
-- naming it as the value before, is a part told beside its whole and makes no change ("bought
-- 3%, bringing its total ownership to around 4%", "instruments on 11.5% of the shares, taking
-- its stake to 21%", a pre-money beside the post-money valuation): the larger is the value. A value
-- known only from history told in passing ("up from $157 billion last October") takes its
-- place in time but never makes a change of its own: before the key's first value reported at
-- the time, it is the key's first value or the value the next change starts from ("$6 billion
-- by October 2021, $10 billion by February 2023", then $12 billion reported); after it, the
-- values reported at the time make the changes. $all: every key; else the keys in $keys.
INSERT INTO internal.tracked_changes
WITH v AS (
    SELECT * FROM claim_values
    WHERE kind = 'state' AND ($all OR claim_key IN (SELECT unnest($keys)))
), value_groups AS (
    SELECT claim_key, unit, value_group,
           any_value(subject)            AS subject,
           any_value(metric)             AS metric,
           any_value(object)             AS object,
           any_value(tolerance_pct)      AS tolerance_pct,
           arg_min(value, (as_of, claim_id)) AS value,      -- as the first report gave it (ties: by claim id, so every store agrees)
           min(value)                    AS low,
           max(value)                    AS high,
           min(as_of)                    AS first_seen,
           -- where it stands in the key's order: a value its sentence gives for a whole period
           -- ("in 2024", "last October", "for the first quarter") held at the period's end (at
           -- most the article's date), so it comes after a value reported within that period
           -- and a quarter's results after what was reported before they came out
           min(CASE WHEN as_of_basis <> 'sentence' THEN as_of
                    ELSE least(published_at, CASE
                        WHEN as_of_precision = 'year' THEN as_of + INTERVAL 1 YEAR - INTERVAL 1 DAY
                        WHEN as_of_precision = 'quarter' THEN as_of + INTERVAL 3 MONTH - INTERVAL 1 DAY
                        WHEN as_of_precision = 'month' THEN as_of + INTERVAL 1 MONTH - INTERVAL 1 DAY
                        WHEN as_of_precision = 'week' THEN as_of + INTERVAL 6 DAY
                        ELSE as_of END) END) AS placed_at,
           -- who reported it first: by publication, history told later aside
           coalesce(arg_min(outlet, (published_at, claim_id)) FILTER (WHERE NOT history),
                    arg_min(outlet, (as_of, claim_id))) AS first_outlet,
           coalesce(arg_min(article_url, (published_at, claim_id)) FILTER (WHERE NOT history),
                    arg_min(article_url, (as_of, claim_id))) AS first_url,
           arg_min(as_of_basis, (as_of, claim_id)) AS as_of_basis,
           count(DISTINCT outlet)        AS outlets,
           count(*)                      AS reports,
           bool_and(history)             AS only_history,
           any_value(key_kind)           AS key_kind
    FROM v
    GROUP BY claim_key, unit, value_group
), beside_larger AS (     -- reports whose article gives a larger value of the key for the same day
    -- (an inner join on equalities, so DuckDB hashes it: the same conditions in a LEFT JOIN's ON
    -- made it compare every pair of a key's reports, 15 times slower at 300,000 claims)
    SELECT DISTINCT a.claim_id, a.value_group
    FROM v a
    JOIN v b ON b.claim_key = a.claim_key AND b.unit = a.unit AND b.article_id = a.article_id
            AND date_trunc('day', b.as_of) = date_trunc('day', a.as_of)
    WHERE b.value_group > a.value_group AND NOT b.history
      AND NOT coalesce(b.previous_value BETWEEN a.value * (1 - a.tolerance_pct / 100)
                                            AND a.value * (1 + a.tolerance_pct / 100), false)
), parts AS (             -- every report of the value is in an article that gives a larger value for the same day
    SELECT a.claim_key, a.unit, a.value_group
    FROM v a
    LEFT JOIN beside_larger l ON l.claim_id = a.claim_id AND l.value_group = a.value_group
    GROUP BY a.claim_key, a.unit, a.value_group
    HAVING bool_and(NOT a.history AND l.claim_id IS NOT NULL)      -- history told elsewhere keeps it
), in_order AS (
    SELECT *,
           lag(value_group) OVER by_time AS before_group,
           lag(low)  OVER by_time        AS before_low,
           lag(high) OVER by_time        AS before_high,
           coalesce(bool_and(only_history) OVER (by_time ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                    true)                AS history_so_far
    FROM value_groups ANTI JOIN parts USING (claim_key, unit, value_group)
    WINDOW by_time AS (PARTITION BY claim_key, unit ORDER BY date_trunc('day', timezone('UTC', placed_at)), outlets DESC, placed_at, value)
), named_before AS (        -- a report of the value names the value before it
    SELECT DISTINCT o.claim_key, o.unit, o.value_group
    FROM in_order o
    JOIN v s ON s.claim_key = o.claim_key AND s.unit = o.unit AND s.value_group = o.value_group
    WHERE s.previous_value BETWEEN o.before_low * (1 - o.tolerance_pct / 100)
                               AND o.before_high * (1 + o.tolerance_pct / 100)
), still_before AS (        -- the value before is reported again within 7 days of it
    SELECT DISTINCT o.claim_key, o.unit, o.value_group
    FROM in_order o
    JOIN v r ON r.claim_key = o.claim_key AND r.unit = o.unit AND r.value_group = o.before_group
    WHERE NOT r.history AND r.as_of > o.first_seen AND r.as_of <= o.first_seen + INTERVAL 7 DAY
), accepted AS (
    SELECT o.*, n.value_group IS NOT NULL AS explicit
    FROM in_order o
    LEFT JOIN named_before n
           ON n.claim_key = o.claim_key AND n.unit = o.unit AND n.value_group = o.value_group
    LEFT JOIN still_before s
           ON s.claim_key = o.claim_key AND s.unit = o.unit AND s.value_group = o.value_group
    WHERE o.before_group IS NULL
       OR o.only_history AND o.history_so_far
       OR NOT o.only_history AND (n.value_group IS NOT NULL OR s.value_group IS NULL)
), in_sequence AS (         -- history before any value reported at the time: the value before the next change
    SELECT *, lag(value) OVER by_time AS previous_value
    FROM accepted
    WINDOW by_time AS (PARTITION BY claim_key, unit ORDER BY date_trunc('day', timezone('UTC', placed_at)), outlets DESC, placed_at, value)
)
SELECT claim_key, subject, metric, object,
       previous_value,
       value,
       unit,
       CASE WHEN previous_value IS NULL OR previous_value = 0 THEN NULL
            ELSE round(100.0 * (value - previous_value) / abs(previous_value), 2) END,
       first_outlet,
       first_url,
       first_seen,
       outlets,
       reports,
       value - previous_value,
       explicit,
       value_group,
       as_of_basis,
       key_kind
FROM in_sequence
WHERE previous_value IS NULL OR NOT only_history
