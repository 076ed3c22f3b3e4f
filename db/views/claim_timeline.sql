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
    c.change_unit,
    c.version AS article_version
FROM claims c
ANTI JOIN (SELECT article_id FROM articles WHERE duplicate_of IS NOT NULL) copies USING (article_id);

COMMENT ON VIEW claim_timeline IS 'One row per claim, oldest first within a key, syndicated copies left out: each figure and risk warning with its evidence, when it was true and how that is known.';
COMMENT ON COLUMN claim_timeline.claim_key IS 'What "the same claim" means across outlets: subject|metric|object, the canonical names of the parties and the metric joined by |. A subject the sentence does not name is ?, and a claim with no object ends in | (Microsoft|stake_pct|OpenAI, OpenAI|valuation|, ?|risk_warning|).';
COMMENT ON COLUMN claim_timeline.subject IS 'Whose figure it is, by its canonical name (Microsoft, OpenAI); NULL: the sentence names no one (? in claim_key).';
COMMENT ON COLUMN claim_timeline.metric IS 'What the figure measures: a claim type''s name (stake_pct, valuation, funding_round, risk_warning, ...) or, for an open claim, the noun the text gives it.';
COMMENT ON COLUMN claim_timeline.object IS 'The other party, for a metric that has one (Microsoft''s stake in OpenAI: OpenAI); NULL: none.';
COMMENT ON COLUMN claim_timeline.value IS 'The figure, in unit (27 for 27 %, 500000000000 for $500 billion); a range''s midpoint; NULL for a risk warning.';
COMMENT ON COLUMN claim_timeline.unit IS 'The unit of the figure: percent, percentage_points, basis_points, year, count, or an ISO 4217 currency code (USD).';
COMMENT ON COLUMN claim_timeline.previous_value IS 'The value before, when the sentence gives it ("27%, down from 32.5%": 32.5).';
COMMENT ON COLUMN claim_timeline.qualifier IS 'A word the sentence puts on the figure, as written: approximately, up to, more than, additional, ...';
COMMENT ON COLUMN claim_timeline.topic IS 'For a risk warning, the risk it names (ai_bubble, overcapacity, or a topic of config/risk.toml).';
COMMENT ON COLUMN claim_timeline.stance IS 'For a risk warning: warns or dismisses.';
COMMENT ON COLUMN claim_timeline.as_of IS 'When the figure was true (UTC): the time the sentence gives it (the start of that period), else the article''s date; as_of_basis says which.';
COMMENT ON COLUMN claim_timeline.outlet IS 'The outlet of the article.';
COMMENT ON COLUMN claim_timeline.attributed_to IS 'The source the article gives for the claim ("according to CNBC": CNBC), if any.';
COMMENT ON COLUMN claim_timeline.speaker IS 'The person or group quoted, if any (Sam Altman, some investors).';
COMMENT ON COLUMN claim_timeline.article_title IS 'The article''s headline as written.';
COMMENT ON COLUMN claim_timeline.article_url IS 'The article''s canonical link: tracking parameters and fragments removed.';
COMMENT ON COLUMN claim_timeline.sentence IS 'The sentence the claim was read from, as written: the evidence.';
COMMENT ON COLUMN claim_timeline.start_char IS 'Where the sentence starts in the text of the article''s version (articles.text, or article_versions.text for an updated article; 0-based character offset).';
COMMENT ON COLUMN claim_timeline.end_char IS 'Where the sentence ends in the article''s text (exclusive).';
COMMENT ON COLUMN claim_timeline.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN claim_timeline.claim_id IS 'The claim (claims.claim_id).';
COMMENT ON COLUMN claim_timeline.extractor_version IS 'The extractor version that read the claim (extractions.extractor_version).';
COMMENT ON COLUMN claim_timeline.as_of_basis IS 'How as_of is known: sentence (its words), before (a previous value given without a time: a day before the new one), published (the feed''s date), page (the page''s date) or fetched (no date anywhere: when first seen).';
COMMENT ON COLUMN claim_timeline.as_of_precision IS 'How fine as_of is: day, week, month, quarter or year.';
COMMENT ON COLUMN claim_timeline.as_of_text IS 'The time expression as written, when as_of_basis is sentence ("last October").';
COMMENT ON COLUMN claim_timeline.status IS 'reported (is, was, holds), planned (would, plans to, in talks), forecast (a projection) or superseded (a previous value the sentence gives).';
COMMENT ON COLUMN claim_timeline.history IS 'Whether the figure is told as history (a superseded value, or one the sentence dates over a week before the article): it takes its place in the timeline but never makes a change, a stale repeat or a disagreement.';
COMMENT ON COLUMN claim_timeline.event_key IS 'For an event (a funding round, a deal): claim_key, @ and the month it happened (OpenAI|funding_round|@2025-03); NULL for a standing figure.';
COMMENT ON COLUMN claim_timeline.published_at IS 'When the article was published (UTC); for a claim of a later version of an updated article, when that version came out.';
COMMENT ON COLUMN claim_timeline.claim_kind IS 'The claim''s kind: typed (a claim type named it) or open (any other figure the text gives about an entity).';
COMMENT ON COLUMN claim_timeline.low IS 'A range''s low end ("between 40,000 and 46,000": 40000); value is the midpoint.';
COMMENT ON COLUMN claim_timeline.high IS 'A range''s high end; value is the midpoint.';
COMMENT ON COLUMN claim_timeline.change IS 'A change the sentence states with the figure ("497,099 vehicles, up 7%": 7), in change_unit.';
COMMENT ON COLUMN claim_timeline.change_unit IS 'The unit of change: percent, percentage_points, a currency code or count.';
COMMENT ON COLUMN claim_timeline.article_version IS 'Which version of the article the claim was read from (article_versions.version; 1 for an article never updated).';
