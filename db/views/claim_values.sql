-- claim_values: the claims that carry a figure reported as so (no plans or forecasts), each
-- with its metric's kind and tolerance and its group of equal values (kept in internal.tracked_values,
-- see db/tracking/10_tracked_values.sql). claim_kind is the claim's (typed or open), key_kind its
-- key's: open when every claim of the key is open, else typed.
CREATE OR REPLACE VIEW claim_values AS
SELECT t.claim_key, t.subject, t.metric, t.object, t.value, t.unit, t.previous_value, t.as_of,
       t.outlet, t.attributed_to, t.article_url, t.sentence, t.article_id, t.claim_id,
       v.kind, v.tolerance_pct, v.value_group,
       t.as_of_basis, t.as_of_precision, t.as_of_text, t.status, t.history, t.event_key, t.published_at,
       t.claim_kind, v.key_kind
FROM claim_timeline t
JOIN internal.tracked_values v ON v.claim_id = t.claim_id AND v.claim_key = t.claim_key;   -- a key filter reaches both

COMMENT ON VIEW claim_values IS 'The claims that carry a figure reported as so (status reported or superseded; no plans or forecasts), with their metric''s kind and tolerance and their group of equal values.';
COMMENT ON COLUMN claim_values.claim_key IS 'What "the same claim" means across outlets: subject|metric|object, the canonical names of the parties and the metric joined by |. A subject the sentence does not name is ?, and a claim with no object ends in | (Microsoft|stake_pct|OpenAI, OpenAI|valuation|, ?|risk_warning|).';
COMMENT ON COLUMN claim_values.subject IS 'Whose figure it is, by its canonical name (Microsoft, OpenAI); NULL: the sentence names no one (? in claim_key).';
COMMENT ON COLUMN claim_values.metric IS 'What the figure measures: a claim type''s name (stake_pct, valuation, funding_round, risk_warning, ...) or, for an open claim, the noun the text gives it.';
COMMENT ON COLUMN claim_values.object IS 'The other party, for a metric that has one (Microsoft''s stake in OpenAI: OpenAI); NULL: none.';
COMMENT ON COLUMN claim_values.value IS 'The figure, in unit (27 for 27 %, 500000000000 for $500 billion); a range''s midpoint; NULL for a risk warning.';
COMMENT ON COLUMN claim_values.unit IS 'The unit of the figure: percent, percentage_points, basis_points, year, count, or an ISO 4217 currency code (USD).';
COMMENT ON COLUMN claim_values.previous_value IS 'The value before, when the sentence gives it ("27%, down from 32.5%": 32.5).';
COMMENT ON COLUMN claim_values.as_of IS 'When the figure was true (UTC): the time the sentence gives it (the start of that period), else the article''s date; as_of_basis says which.';
COMMENT ON COLUMN claim_values.outlet IS 'The outlet of the article.';
COMMENT ON COLUMN claim_values.attributed_to IS 'The source the article gives for the claim ("according to CNBC": CNBC), if any.';
COMMENT ON COLUMN claim_values.article_url IS 'The article''s canonical link: tracking parameters and fragments removed.';
COMMENT ON COLUMN claim_values.sentence IS 'The sentence the claim was read from, as written: the evidence.';
COMMENT ON COLUMN claim_values.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN claim_values.claim_id IS 'The claim (claims.claim_id).';
COMMENT ON COLUMN claim_values.kind IS 'The metric''s kind (table metrics): state (a standing figure) or event (news of its own).';
COMMENT ON COLUMN claim_values.tolerance_pct IS 'The metric''s tolerance: values of a key closer than this (relative, in percent) are one value.';
COMMENT ON COLUMN claim_values.value_group IS 'The group of equal values (within the tolerance) the figure belongs to, numbered by value within its key and unit.';
COMMENT ON COLUMN claim_values.as_of_basis IS 'How as_of is known: sentence (its words), before (a previous value given without a time: a day before the new one), published (the feed''s date), page (the page''s date) or fetched (no date anywhere: when first seen).';
COMMENT ON COLUMN claim_values.as_of_precision IS 'How fine as_of is: day, week, month, quarter or year.';
COMMENT ON COLUMN claim_values.as_of_text IS 'The time expression as written, when as_of_basis is sentence ("last October").';
COMMENT ON COLUMN claim_values.status IS 'reported (is, was, holds), planned (would, plans to, in talks), forecast (a projection) or superseded (a previous value the sentence gives).';
COMMENT ON COLUMN claim_values.history IS 'Whether the figure is told as history (a superseded value, or one the sentence dates over a week before the article): it takes its place in the timeline but never makes a change, a stale repeat or a disagreement.';
COMMENT ON COLUMN claim_values.event_key IS 'For an event (a funding round, a deal): claim_key, @ and the month it happened (OpenAI|funding_round|@2025-03); NULL for a standing figure.';
COMMENT ON COLUMN claim_values.published_at IS 'When the article was published (UTC).';
COMMENT ON COLUMN claim_values.claim_kind IS 'The claim''s kind: typed (a claim type named it) or open (any other figure the text gives about an entity).';
COMMENT ON COLUMN claim_values.key_kind IS 'The key''s kind: open when every claim of the key is open, else typed.';
