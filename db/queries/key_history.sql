-- One key's reports in order of claim time, each with what it was: the first report of the
-- key's first value or of a change, a stale repeat, a value that never became current
-- (disputed), history told in passing (a value the sentence dates in the past, or the previous
-- value it gives), a plan or a forecast (shown apart: never the quantity's value), or a repeat
-- of a known value (empty). Events (funding rounds) are not judged. An article that states the
-- change twice (a headline and its body) has it marked once, at the first statement.
SELECT v.as_of, v.as_of_basis, v.as_of_precision, v.as_of_text, v.value, v.unit, v.outlet,
       v.attributed_to, v.sentence, v.article_url, v.kind,
       CASE WHEN v.history THEN 'history'
            WHEN v.kind = 'event' THEN ''
            WHEN s.claim_id IS NOT NULL THEN 'stale'
            WHEN c.value_group IS NULL THEN 'disputed'
            WHEN v.article_url = c.first_url AND v.first_in_article
                 THEN CASE WHEN c.previous_value IS NULL THEN 'first' ELSE 'change' END
            ELSE '' END AS note
FROM (SELECT cv.*, row_number() OVER (PARTITION BY cv.claim_key, cv.article_id, cv.value_group
                                      ORDER BY k.start_char) = 1 AS first_in_article
      FROM claim_values cv JOIN claims k ON k.claim_id = cv.claim_id
      WHERE cv.claim_key = $key) v
LEFT JOIN internal.tracked_stale s ON s.claim_id = v.claim_id
LEFT JOIN internal.tracked_changes c
       ON c.claim_key = v.claim_key AND c.unit = v.unit AND c.value_group = v.value_group
WHERE v.claim_key = $key
UNION ALL
SELECT t.as_of, t.as_of_basis, t.as_of_precision, t.as_of_text, t.value, t.unit, t.outlet,
       t.attributed_to, t.sentence, t.article_url, coalesce(m.kind, 'state'), t.status
FROM claim_timeline t LEFT JOIN metrics m USING (metric)
WHERE t.claim_key = $key AND t.value IS NOT NULL AND t.status IN ('planned', 'forecast')
ORDER BY as_of, outlet, value
