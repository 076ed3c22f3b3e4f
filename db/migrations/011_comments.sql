-- 011: what each table and column holds, as COMMENT ON, so a DuckDB client shows it (DBeaver's
-- column tooltips, `SELECT comment FROM duckdb_columns()`) (issue 19). The views carry theirs
-- in their own files (db/views/), since a view is made again after every migration and loses
-- its comments then. A migration that rebuilds a table must comment it again:
-- tests/test_schema_docs.py checks that every table, view and column in `main` has one.

COMMENT ON TABLE feeds IS 'One row per feed polled (a [[feeds]] table of the config file), with its polling state as of its last poll. The view feed_health shows it with article counts.';
COMMENT ON COLUMN feeds.feed_id IS 'The feed''s id: the first 16 hex digits of the sha1 of its URL.';
COMMENT ON COLUMN feeds.url IS 'The listing polled: an http(s) URL, or a file: URL for a feed read from disk.';
COMMENT ON COLUMN feeds.name IS 'The outlet''s name as the config gives it; NULL: the listing''s own title (outlet) is used.';
COMMENT ON COLUMN feeds.outlet IS 'The listing''s own title (the channel title of an RSS feed), as of its last poll.';
COMMENT ON COLUMN feeds.etag IS 'The ETag the server last sent, for a conditional GET (If-None-Match).';
COMMENT ON COLUMN feeds.last_modified IS 'The Last-Modified header the server last sent, for a conditional GET (If-Modified-Since).';
COMMENT ON COLUMN feeds.last_polled_at IS 'When the feed was last polled (UTC).';
COMMENT ON COLUMN feeds.last_status IS 'The outcome of the last poll: ok, not_modified (HTTP 304) or error.';
COMMENT ON COLUMN feeds.http_status IS 'The HTTP status code of the last poll; NULL for a file or when no answer came.';
COMMENT ON COLUMN feeds.consecutive_failures IS 'Polls in a row that ended in an error; 0 after a good one. The feed backs off as it grows.';
COMMENT ON COLUMN feeds.last_error IS 'The error of the last poll that failed, in one line.';
COMMENT ON COLUMN feeds.entries_seen IS 'How many entries the listing held at its last read.';
COMMENT ON COLUMN feeds.newest_entry_at IS 'The date of the newest entry in the listing at its last read.';
COMMENT ON COLUMN feeds.next_poll_at IS 'Not polled before this time while backing off after failures or a Retry-After; NULL: polled on every run.';
COMMENT ON COLUMN feeds.last_ok_at IS 'When a poll last ended in no error (ok or not_modified).';
COMMENT ON COLUMN feeds.parse_problem IS 'What the feed parser complained of in the last document it read that still gave entries; NULL: nothing.';
COMMENT ON COLUMN feeds.kind IS 'How the listing is read: rss (RSS, Atom, JSON Feed), sitemap (a news sitemap), urls (a list of links), or a kind registered in code.';
COMMENT ON COLUMN feeds.tags IS 'The feed''s tags in the config as of its last poll, joined by commas (feed_health shows them as a list).';
COMMENT ON COLUMN feeds.entries_filtered IS 'Of the new entries the last listing read gave, how many the feed''s include/exclude filters left out.';

COMMENT ON TABLE articles IS 'One row per article stored, with its text. Claims point to it by article_id; a syndicated copy points to the article it repeats (duplicate_of).';
COMMENT ON COLUMN articles.article_id IS 'The article''s id: the first 16 hex digits of the sha1 of its canonical URL.';
COMMENT ON COLUMN articles.feed_id IS 'The feed it came from (feeds.feed_id).';
COMMENT ON COLUMN articles.url IS 'Where its text was read: the page fetched (after redirects), else the link its feed gave.';
COMMENT ON COLUMN articles.canonical_url IS 'Its canonical link, one per article: the page''s rel=canonical on its own site, else its URL, with tracking parameters and fragments removed.';
COMMENT ON COLUMN articles.guid IS 'The id its feed entry gave (RSS guid, Atom id), if any.';
COMMENT ON COLUMN articles.title IS 'Its headline as written (text by strangers: escape it before showing it as HTML or markup).';
COMMENT ON COLUMN articles.author IS 'Its author as its feed or page names them, if at all.';
COMMENT ON COLUMN articles.outlet IS 'The outlet that published it: its feed''s name.';
COMMENT ON COLUMN articles.published_at IS 'When it was published (UTC): from its feed, else from its page, else when it was first fetched (published_source says which).';
COMMENT ON COLUMN articles.published_source IS 'Where published_at comes from: feed, page (the page''s own date) or fetch (no date anywhere: when it was first fetched).';
COMMENT ON COLUMN articles.fetched_at IS 'When it was stored (UTC).';
COMMENT ON COLUMN articles.text IS 'Its plain text, title first, which the claims'' start_char and end_char point into.';
COMMENT ON COLUMN articles.text_source IS 'Where the text came from: feed (the entry''s full content) or page (the article page, read by trafilatura).';
COMMENT ON COLUMN articles.content_hash IS 'The sha1 of its normalised text, to find exact copies.';
COMMENT ON COLUMN articles.duplicate_of IS 'The article this one repeats (a syndicated copy or repost), if any; the views leave copies out.';
COMMENT ON COLUMN articles.entry_url IS 'The canonical form of the link its feed entry gave (a redirect or rel=canonical may change canonical_url).';
COMMENT ON COLUMN articles.language IS 'Its language, an ISO 639-1 code, when known.';
COMMENT ON COLUMN articles.duplicate_score IS 'How alike it is to duplicate_of (estimated Jaccard similarity of their texts; 1: the same text).';

COMMENT ON TABLE fetch_failures IS 'Every failed fetch of a feed or an article page: one row per failure, kept so a failure never goes unseen (claimtrack feeds).';
COMMENT ON COLUMN fetch_failures.url IS 'The URL that failed.';
COMMENT ON COLUMN fetch_failures.feed_id IS 'The feed it belongs to (feeds.feed_id).';
COMMENT ON COLUMN fetch_failures.kind IS 'What failed: feed (the listing) or page (an article).';
COMMENT ON COLUMN fetch_failures.error IS 'The error, in one line.';
COMMENT ON COLUMN fetch_failures.transient IS 'Whether it may pass when tried again (a timeout, HTTP 503) rather than being permanent (HTTP 404, a refused address).';
COMMENT ON COLUMN fetch_failures.failed_at IS 'When it failed (UTC).';

COMMENT ON TABLE extractions IS 'One row per article extracted: by which extractor version, when, and how many claims it gave. An article is extracted again when the extractor version changes.';
COMMENT ON COLUMN extractions.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN extractions.extractor_version IS 'The versions of the extractor''s parts, its spaCy model and a fingerprint of the claim, entity and risk config it ran with.';
COMMENT ON COLUMN extractions.extracted_at IS 'When it was extracted (UTC).';
COMMENT ON COLUMN extractions.claims IS 'How many claims it gave.';
COMMENT ON COLUMN extractions.error IS 'Why extraction failed for this article, in one line; NULL: it did not.';

COMMENT ON TABLE claims IS 'Every claim extracted: one assertion about one quantity (or one risk warning) from one sentence of one article, with its evidence. The views read it with syndicated copies left out (claim_timeline).';
COMMENT ON COLUMN claims.claim_id IS 'The claim''s id: its article, its span in the text and its metric, hashed.';
COMMENT ON COLUMN claims.article_id IS 'The article it comes from (articles.article_id).';
COMMENT ON COLUMN claims.claim_key IS 'What "the same claim" means across outlets: subject|metric|object, the canonical names of the parties and the metric joined by |. A subject the sentence does not name is ?, and a claim with no object ends in | (Microsoft|stake_pct|OpenAI, OpenAI|valuation|, ?|risk_warning|).';
COMMENT ON COLUMN claims.subject IS 'Whose figure it is, by its canonical name (Microsoft, OpenAI); NULL: the sentence names no one (? in claim_key).';
COMMENT ON COLUMN claims.object IS 'The other party, for a metric that has one (Microsoft''s stake in OpenAI: OpenAI); NULL: none.';
COMMENT ON COLUMN claims.metric IS 'What the figure measures: a claim type''s name (stake_pct, valuation, funding_round, risk_warning, ...) or, for an open claim, the noun the text gives it.';
COMMENT ON COLUMN claims.value IS 'The figure, in unit (27 for 27 %, 500000000000 for $500 billion); a range''s midpoint; NULL for a risk warning.';
COMMENT ON COLUMN claims.unit IS 'The unit of value: percent, percentage_points, basis_points, year, count, or an ISO 4217 currency code (USD).';
COMMENT ON COLUMN claims.previous_value IS 'The value before, when the sentence gives it ("27%, down from 32.5%": 32.5).';
COMMENT ON COLUMN claims.qualifier IS 'A word the sentence puts on the figure, as written: approximately, up to, more than, additional, ...';
COMMENT ON COLUMN claims.topic IS 'For a risk warning, the risk it names (ai_bubble, overcapacity, or a topic of config/risk.toml).';
COMMENT ON COLUMN claims.stance IS 'For a risk warning: warns or dismisses.';
COMMENT ON COLUMN claims.attributed_to IS 'The source the article gives for the claim ("according to CNBC": CNBC), if any.';
COMMENT ON COLUMN claims.speaker IS 'The person or group quoted, if any (Sam Altman, some investors).';
COMMENT ON COLUMN claims.sentence IS 'The sentence the claim was read from, as written: the evidence.';
COMMENT ON COLUMN claims.start_char IS 'Where the sentence starts in articles.text (0-based character offset).';
COMMENT ON COLUMN claims.end_char IS 'Where the sentence ends in articles.text (exclusive).';
COMMENT ON COLUMN claims.as_of IS 'When the figure was true (UTC): the time the sentence gives it (the start of that period), else the article''s date; as_of_basis says which.';
COMMENT ON COLUMN claims.extractor_version IS 'The extractor version that read it (see extractions.extractor_version).';
COMMENT ON COLUMN claims.as_of_basis IS 'How as_of is known: sentence (its words), before (a previous value given without a time: a day before the new one), published (the feed''s date), page (the page''s date) or fetched (no date anywhere: when first seen).';
COMMENT ON COLUMN claims.as_of_precision IS 'How fine as_of is: day, week, month, quarter or year.';
COMMENT ON COLUMN claims.as_of_text IS 'The time expression as written, when as_of_basis is sentence ("last October"; "that July <- in March 2022" when read from an earlier one).';
COMMENT ON COLUMN claims.status IS 'reported (is, was, holds), planned (would, plans to, in talks), forecast (a projection) or superseded (a previous value the sentence gives). Plans and forecasts are never a value of the quantity.';
COMMENT ON COLUMN claims.history IS 'Whether the figure is told as history (a superseded value, or one the sentence dates over a week before the article): it takes its place in the timeline but never makes a change, a stale repeat or a disagreement.';
COMMENT ON COLUMN claims.event_key IS 'For an event (a funding round, a deal): claim_key, @ and the month it happened (OpenAI|funding_round|@2025-03), so two events of one key are told apart; NULL for a standing figure.';
COMMENT ON COLUMN claims.outlet IS 'The outlet of its article (articles.outlet), kept on the claim.';
COMMENT ON COLUMN claims.article_title IS 'The headline of its article (articles.title), kept on the claim.';
COMMENT ON COLUMN claims.article_url IS 'The canonical link of its article (articles.canonical_url), kept on the claim.';
COMMENT ON COLUMN claims.published_at IS 'When its article was published (articles.published_at), kept on the claim.';
COMMENT ON COLUMN claims.kind IS 'typed (a claim type named it: stake_pct, valuation, ...) or open (any other figure the text gives about an entity).';
COMMENT ON COLUMN claims.low IS 'A range''s low end ("between 40,000 and 46,000": 40000); value is the midpoint.';
COMMENT ON COLUMN claims.high IS 'A range''s high end; value is the midpoint.';
COMMENT ON COLUMN claims.change IS 'A change the sentence states with the figure ("497,099 vehicles, up 7%": 7), in change_unit.';
COMMENT ON COLUMN claims.change_unit IS 'The unit of change: percent, percentage_points, a currency code or count.';

COMMENT ON TABLE metrics IS 'What tracking needs to know of each metric, written by every extraction from the claim types in use (built-in and config/claims.toml). A metric missing here is tracked as a state with 1 % tolerance.';
COMMENT ON COLUMN metrics.metric IS 'The metric (claims.metric).';
COMMENT ON COLUMN metrics.kind IS 'state (a standing figure: a new value is a change, an old one repeated later is stale) or event (news of its own, such as a funding round: only same-week disagreement is flagged).';
COMMENT ON COLUMN metrics.unit IS 'The kind of figure: percent, currency, price, year or count.';
COMMENT ON COLUMN metrics.tolerance_pct IS 'Two values closer than this, relative, in percent, are one value ("about $500B" and "$500bn").';

COMMENT ON TABLE delivery_log IS 'What each weekly digest was delivered to: one row per week, channel and target, so that a week goes to each target once (unless --resend).';
COMMENT ON COLUMN delivery_log.week IS 'The ISO week of the digest (2025-W44).';
COMMENT ON COLUMN delivery_log.channel IS 'email ([digest] recipients) or the name of a [[channels]] table.';
COMMENT ON COLUMN delivery_log.target IS 'An address, an Apprise URL without its secrets, or the $VARIABLE that holds it.';
COMMENT ON COLUMN delivery_log.status IS 'sending (before it went: one left by a process that died may have been delivered), sent or failed.';
COMMENT ON COLUMN delivery_log.message_id IS 'The Message-ID of an email, the id of any other delivery.';
COMMENT ON COLUMN delivery_log.attempts IS 'How many times it was tried.';
COMMENT ON COLUMN delivery_log.error IS 'Why the last attempt failed, in one line.';
COMMENT ON COLUMN delivery_log.updated_at IS 'When the row last changed (UTC).';

COMMENT ON TABLE alert_log IS 'What each alert ([[alerts]] rule) sent on a change of a tracked figure: once per rule, change and target.';
COMMENT ON COLUMN alert_log.alert IS 'The rule''s name.';
COMMENT ON COLUMN alert_log.claim_key IS 'The key whose value changed (see claims.claim_key: subject|metric|object).';
COMMENT ON COLUMN alert_log.previous_value IS 'The value before the change.';
COMMENT ON COLUMN alert_log.new_value IS 'The value after it.';
COMMENT ON COLUMN alert_log.channel IS 'email or the name of a [[channels]] table.';
COMMENT ON COLUMN alert_log.target IS 'An address, an Apprise URL without its secrets, or the $VARIABLE that holds it.';
COMMENT ON COLUMN alert_log.status IS 'sending (before it went: one left by a process that died may have been delivered), sent or failed.';
COMMENT ON COLUMN alert_log.message_id IS 'The Message-ID of an email, the id of any other delivery.';
COMMENT ON COLUMN alert_log.attempts IS 'How many times it was tried.';
COMMENT ON COLUMN alert_log.error IS 'Why the last attempt failed, in one line.';
COMMENT ON COLUMN alert_log.updated_at IS 'When the row last changed (UTC).';

-- The tables in `internal` say what they are for and that they are not for querying.
COMMENT ON TABLE internal.tracked_values IS 'Internal: the rows behind the view claim_values, recomputed per key (db/tracking/). Query the view.';
COMMENT ON TABLE internal.tracked_changes IS 'Internal: the rows of the view claim_changes, recomputed per key (db/tracking/). Query the view.';
COMMENT ON TABLE internal.tracked_stale IS 'Internal: the rows of the view stale_claims, recomputed per key (db/tracking/). Query the view.';
COMMENT ON TABLE internal.tracked_conflicts IS 'Internal: the rows of the view claim_conflicts, recomputed per key (db/tracking/). Query the view.';
COMMENT ON TABLE internal.tracking_dirty IS 'Internal: claim keys whose tracking is behind their claims; recomputed by the next read or run.';
COMMENT ON TABLE internal.tracking_state IS 'Internal: the fingerprint of the tracking SQL that last rebuilt the tracked_* tables.';
COMMENT ON TABLE internal.article_raw IS 'Internal: the HTML each article''s text came from, zlib-compressed, for claimtrack reparse.';
COMMENT ON TABLE internal.article_bands IS 'Internal: MinHash band keys of each article''s text, to find near-duplicates.';
COMMENT ON TABLE internal.article_signatures IS 'Internal: the MinHash signature of each article''s text, to confirm a near-duplicate.';
COMMENT ON TABLE internal.schema_migrations IS 'Internal: the migrations (db/migrations/) this database has had.';
