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
