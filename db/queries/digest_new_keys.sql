-- New claims of the week: a claim key first reported in it (in an article published in it)
-- and, for an event metric (a funding round), a new value of an old key too, since each round
-- is news of its own. claim_changes cannot say this: it leaves events out. Typed keys only: one
-- article's open figures (issue 17) would flood it.
WITH firsts AS (
    SELECT claim_key,
           CASE WHEN kind = 'event' THEN value_group END AS event_group,
           arg_min(claim_id, (published_at, as_of, outlet, claim_id)) AS claim_id,
           min(published_at) AS first_at
    FROM claim_values
    WHERE key_kind IS DISTINCT FROM 'open'
    GROUP BY ALL
)
SELECT t.claim_key, t.subject, t.metric, t.object, t.value, t.unit,
       t.outlet AS first_outlet, t.article_url AS first_url, f.first_at AS changed_at
FROM firsts f
JOIN claim_values t USING (claim_id)
WHERE f.first_at >= $week_start AND f.first_at < $week_end
ORDER BY changed_at, t.claim_key
