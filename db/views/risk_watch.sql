-- risk_watch: per ISO week (UTC), the warnings and dismissals of each risk topic by each
-- speaker, with how often, in which outlets, and the sentences themselves.
CREATE OR REPLACE VIEW risk_watch AS
SELECT strftime(timezone('UTC', as_of), '%G-W%V')                AS week,
       date_trunc('week', timezone('UTC', as_of))::DATE          AS week_start,
       topic,
       coalesce(speaker, attributed_to, subject, 'unattributed')  AS speaker,
       stance,
       count(*)                                                  AS mentions,
       list_sort(list_distinct(list(outlet)))                    AS outlets,
       list_distinct(list(sentence ORDER BY as_of))              AS quotes,
       min(as_of)                                                AS first_at,
       arg_min(article_url, as_of)                               AS first_url
FROM claim_timeline
WHERE metric = 'risk_warning'
GROUP BY ALL
ORDER BY week_start, topic, mentions DESC, speaker;

COMMENT ON VIEW risk_watch IS 'Per ISO week (UTC), the warnings and dismissals of each risk topic by each speaker (else the source, else the subject), with how often, in which outlets and the sentences.';
COMMENT ON COLUMN risk_watch.week IS 'The ISO week of the reports (2025-W44), in UTC.';
COMMENT ON COLUMN risk_watch.week_start IS 'The Monday the week starts on.';
COMMENT ON COLUMN risk_watch.topic IS 'The risk named (ai_bubble, overcapacity, or a topic of config/risk.toml).';
COMMENT ON COLUMN risk_watch.speaker IS 'Who warned or dismissed: the person or group quoted, else the source, else the subject, else unattributed.';
COMMENT ON COLUMN risk_watch.stance IS 'warns or dismisses.';
COMMENT ON COLUMN risk_watch.mentions IS 'How many reports that week.';
COMMENT ON COLUMN risk_watch.outlets IS 'The outlets that reported them (a sorted list).';
COMMENT ON COLUMN risk_watch.quotes IS 'Their sentences, oldest first, each once (a list).';
COMMENT ON COLUMN risk_watch.first_at IS 'The claim time of the first report that week (UTC).';
COMMENT ON COLUMN risk_watch.first_url IS 'The link of the first report that week.';
