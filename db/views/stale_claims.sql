-- stale_claims: reports repeating a value older than the latest value known when they were
-- published (kept in internal.tracked_stale, computed by db/tracking/30_tracked_stale.sql).
CREATE OR REPLACE VIEW stale_claims AS
SELECT * FROM internal.tracked_stale
ORDER BY claim_key, as_of;

COMMENT ON VIEW stale_claims IS 'A report repeating a value older than the latest value known at its time (history told in passing aside), with that latest value, since when it holds and who reported it first.';
COMMENT ON COLUMN stale_claims.claim_key IS 'What "the same claim" means across outlets: subject|metric|object, the canonical names of the parties and the metric joined by |. A subject the sentence does not name is ?, and a claim with no object ends in | (Microsoft|stake_pct|OpenAI, OpenAI|valuation|, ?|risk_warning|).';
COMMENT ON COLUMN stale_claims.subject IS 'Whose figure it is, by its canonical name (Microsoft, OpenAI); NULL: the sentence names no one (? in claim_key).';
COMMENT ON COLUMN stale_claims.metric IS 'What the figure measures: a claim type''s name (stake_pct, valuation, funding_round, risk_warning, ...) or, for an open claim, the noun the text gives it.';
COMMENT ON COLUMN stale_claims.object IS 'The other party, for a metric that has one (Microsoft''s stake in OpenAI: OpenAI); NULL: none.';
COMMENT ON COLUMN stale_claims.outlet IS 'The outlet that repeated the old value.';
COMMENT ON COLUMN stale_claims.as_of IS 'The claim time of the stale report (UTC).';
COMMENT ON COLUMN stale_claims.stale_value IS 'The old value it repeated.';
COMMENT ON COLUMN stale_claims.current_value IS 'The latest value known at its time.';
COMMENT ON COLUMN stale_claims.unit IS 'The unit of the values (claims.unit).';
COMMENT ON COLUMN stale_claims.current_since IS 'Since when current_value holds (claim_changes.changed_at).';
COMMENT ON COLUMN stale_claims.current_first_outlet IS 'The outlet that reported current_value first.';
COMMENT ON COLUMN stale_claims.attributed_to IS 'The source the article gives for the claim ("according to CNBC": CNBC), if any.';
COMMENT ON COLUMN stale_claims.article_url IS 'The link of the stale report''s article.';
COMMENT ON COLUMN stale_claims.sentence IS 'The stale report''s sentence, as written.';
COMMENT ON COLUMN stale_claims.claim_id IS 'The stale report''s claim (claims.claim_id).';
COMMENT ON COLUMN stale_claims.key_kind IS 'The key''s kind: open when every claim of the key is open, else typed.';
