-- stale_claims: a report that repeats a value older than the latest value known when it was
-- published (the latest change in claim_changes before its as_of), with that newer value and
-- who reported it first. Only standing figures (kind 'state') go stale.
CREATE OR REPLACE VIEW stale_claims AS
WITH value_first_seen AS (
    SELECT claim_key, unit, value_group, min(as_of) AS value_since
    FROM claim_values
    WHERE kind = 'state'
    GROUP BY claim_key, unit, value_group
)
SELECT r.claim_key, r.subject, r.metric, r.object,
       r.outlet,
       r.as_of,
       r.value          AS stale_value,
       c.new_value      AS current_value,
       r.unit,
       c.changed_at     AS current_since,
       c.first_outlet   AS current_first_outlet,
       r.attributed_to,
       r.article_url,
       r.sentence,
       r.claim_id
FROM claim_values r
JOIN value_first_seen f USING (claim_key, unit, value_group)
ASOF JOIN claim_changes c
  ON r.claim_key = c.claim_key AND r.unit = c.unit AND r.as_of > c.changed_at
WHERE r.kind = 'state'
  AND r.value_group <> c.value_group
  AND f.value_since < c.changed_at
ORDER BY r.claim_key, r.as_of;
