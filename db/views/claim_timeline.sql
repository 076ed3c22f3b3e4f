-- claim_timeline: one row per claim, oldest first within a key; syndicated duplicates folded.
-- as_of is when the figure was true (the time its sentence gives it, else the article's date;
-- as_of_basis says which), published_at the article's date. The article's outlet, title, link
-- and date are kept on its claims (migration 006), so one key reads one table by its index.
-- claim_kind is the claim's own: typed (a claim type named it) or open (migration 007); low and
-- high are a range's ends, change and change_unit a change its sentence states ("up 7%").
CREATE OR REPLACE VIEW claim_timeline AS
SELECT
    c.claim_key,
    c.subject,
    c.metric,
    c.object,
    c.value,
    c.unit,
    c.previous_value,
    c.qualifier,
    c.topic,
    c.stance,
    c.as_of,
    c.outlet,
    c.attributed_to,
    c.speaker,
    c.article_title,
    c.article_url,                    -- the canonical link: tracking parameters and fragments removed
    c.sentence,
    c.start_char,
    c.end_char,
    c.article_id,
    c.claim_id,
    c.extractor_version,
    c.as_of_basis,
    c.as_of_precision,
    c.as_of_text,
    c.status,
    c.history,
    c.event_key,
    c.published_at,
    c.kind AS claim_kind,
    c.low,
    c.high,
    c.change,
    c.change_unit
FROM claims c
ANTI JOIN (SELECT article_id FROM articles WHERE duplicate_of IS NOT NULL) copies USING (article_id);
