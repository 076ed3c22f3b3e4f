-- 014: what a reader calls each claim type (issue 19): `label` ("stake") and the `preposition`
-- that joins it to the object ("Microsoft's stake in OpenAI"), from the claim types' config, so
-- the digest and the site name a metric in words. Rows written before this migration hold NULL
-- until the next extraction writes the catalogue again; readers fall back to the metric's name
-- in words (flows/formatting.py).
ALTER TABLE metrics ADD COLUMN label VARCHAR;
ALTER TABLE metrics ADD COLUMN preposition VARCHAR;
COMMENT ON COLUMN metrics.label IS 'What a reader calls the metric ("stake", "valuation"), from the claim types'' config; NULL: read its name in words.';
COMMENT ON COLUMN metrics.preposition IS 'The word joining the label to the object: "in" gives "Microsoft''s stake in OpenAI"; NULL: none.';
