-- tracked_stale (view stale_claims): a report of a standing figure that repeats a value older
-- than the latest change known before its time (a value told as history is no stale repeat:
-- it says when it was true). $all: every key; else the keys in $keys.
INSERT INTO internal.tracked_stale
WITH v AS (
    SELECT * FROM claim_values
    WHERE kind = 'state' AND ($all OR claim_key IN (SELECT unnest($keys)))
), changes AS (
    SELECT * FROM internal.tracked_changes WHERE $all OR claim_key IN (SELECT unnest($keys))
), value_since AS (
    SELECT claim_key, unit, value_group, min(as_of) AS since
    FROM v
    GROUP BY claim_key, unit, value_group
)
SELECT r.claim_key, r.subject, r.metric, r.object, r.outlet, r.as_of,
       r.value, c.new_value, r.unit, c.changed_at, c.first_outlet,
       r.attributed_to, r.article_url, r.sentence, r.claim_id, r.key_kind
FROM v r
JOIN value_since f ON f.claim_key = r.claim_key AND f.unit = r.unit AND f.value_group = r.value_group
ASOF JOIN changes c ON r.claim_key = c.claim_key AND r.unit = c.unit AND r.as_of > c.changed_at
WHERE NOT r.history
  AND r.value_group <> c.value_group
  AND f.since < c.changed_at
