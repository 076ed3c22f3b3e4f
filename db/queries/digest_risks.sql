-- Risk warnings and dismissals published in the week, with who made them.
SELECT topic, stance, coalesce(speaker, subject) AS speaker, outlet, attributed_to, sentence, article_url, as_of
FROM claim_timeline
WHERE metric = 'risk_warning' AND as_of >= $week_start AND as_of < $week_end
ORDER BY topic, stance, as_of
