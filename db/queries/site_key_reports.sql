-- Every report of one key for its page on the claim site, newest first: the sentence, its link,
-- date, outlet and whom it cites, with what it was (db/queries/key_history.sql's notes) and
-- plans and forecasts apart. Repeats of one statement in an article (a headline and its body)
-- are each a row: each is a sentence the outlet printed.
SELECT t.as_of, t.as_of_precision, t.as_of_text, t.as_of_basis, t.value, t.unit, t.low, t.high, t.outlet,
       t.attributed_to, t.speaker, t.sentence, t.article_url, t.article_title, t.status, t.history,
       t.published_at, coalesce(s.claim_id IS NOT NULL, false) AS stale
FROM claim_timeline t
LEFT JOIN internal.tracked_stale s ON s.claim_id = t.claim_id
WHERE t.claim_key = $key AND t.value IS NOT NULL
ORDER BY t.as_of DESC, t.outlet, t.claim_id
