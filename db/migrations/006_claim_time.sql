-- 006: when a figure was true, and whether it was so.
--
-- `as_of` was the article's date for every claim. It is now the claim's own time: the time the
-- sentence gives the figure ("in 2019", "last October": the start of that period), else the
-- article's date. Added per claim:
--  * as_of_basis      sentence (the sentence says when), before (a previous value the sentence
--                     gives without a time: "27%, down from 32.5%", dated just before the new
--                     one), published (the feed's date), page (the page's own date), fetched
--                     (no date anywhere: when we first saw the article);
--  * as_of_precision  day | week | month | quarter | year: how fine as_of is;
--  * as_of_text       the time expression as written, when the basis is the sentence;
--  * status           reported (is, was, now holds), planned (would, plans to, in talks,
--                     agreed to), forecast (a projection of the metric), superseded (a value the
--                     text says was replaced: the previous value it gives);
--  * history          the figure is told as history: a superseded value, or one the sentence
--                     dates well before the article. It takes its place in the timeline and is
--                     never a change, a stale repeat or a disagreement of its own;
--  * event_key        events only (rounds, tranches, deals): the claim key and the month of the
--                     event, so two rounds are two facts of one timeline;
--  * outlet, article_title, article_url, published_at: the article's, which never change once
--                     it is stored, kept on its claims so that one key's timeline reads one
--                     table through the claim_key index (at a million claims the join to
--                     `articles` scanned every article and took 12 ms a key; now about 7).
-- DuckDB cannot add a column with a CHECK, so the table is rebuilt with its rows; existing rows
-- take their basis from how their article was dated.

CREATE TABLE claims_006 (
    claim_id          VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL REFERENCES articles (article_id),
    claim_key         VARCHAR NOT NULL,
    subject           VARCHAR,
    object            VARCHAR,
    metric            VARCHAR NOT NULL,
    value             DOUBLE,
    unit              VARCHAR CHECK (unit IS NULL OR unit IN ('percent', 'percentage_points', 'basis_points', 'year', 'count')
                                     OR regexp_full_match(unit, '[A-Z]{3}')),
    previous_value    DOUBLE,
    qualifier         VARCHAR,
    topic             VARCHAR,
    stance            VARCHAR CHECK (stance IS NULL OR stance IN ('warns', 'dismisses')),
    attributed_to     VARCHAR,
    speaker           VARCHAR,
    sentence          VARCHAR NOT NULL,
    start_char        INTEGER NOT NULL CHECK (start_char >= 0),
    end_char          INTEGER NOT NULL,
    as_of             TIMESTAMPTZ NOT NULL,
    extractor_version VARCHAR NOT NULL,
    as_of_basis       VARCHAR NOT NULL DEFAULT 'published'
                      CHECK (as_of_basis IN ('sentence', 'before', 'published', 'page', 'fetched')),
    as_of_precision   VARCHAR NOT NULL DEFAULT 'day'
                      CHECK (as_of_precision IN ('day', 'week', 'month', 'quarter', 'year')),
    as_of_text        VARCHAR,
    status            VARCHAR NOT NULL DEFAULT 'reported'
                      CHECK (status IN ('reported', 'planned', 'forecast', 'superseded')),
    history           BOOLEAN NOT NULL DEFAULT false,
    event_key         VARCHAR,
    outlet            VARCHAR NOT NULL,
    article_title     VARCHAR NOT NULL,
    article_url       VARCHAR NOT NULL,
    published_at      TIMESTAMPTZ NOT NULL,
    CHECK (end_char > start_char),
    CHECK (metric <> 'risk_warning' OR stance IS NOT NULL),
    CHECK (as_of_basis = 'sentence' OR as_of_text IS NULL)
);
INSERT INTO claims_006 BY NAME
SELECT c.*,
       CASE a.published_source WHEN 'page' THEN 'page' WHEN 'fetch' THEN 'fetched' ELSE 'published' END AS as_of_basis,
       a.outlet, a.title AS article_title, a.canonical_url AS article_url, a.published_at
FROM claims c JOIN articles a USING (article_id);
DROP TABLE claims;
ALTER TABLE claims_006 RENAME TO claims;
CREATE INDEX claims_key ON claims (claim_key);

-- how the first report of each change was dated (claim_changes shows it)
ALTER TABLE tracked_changes ADD COLUMN as_of_basis VARCHAR;
