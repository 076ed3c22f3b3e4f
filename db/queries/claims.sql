-- Claims with their evidence, filtered; a NULL filter matches everything.
SELECT claim_key, subject, metric, object, value, unit, previous_value, qualifier, topic, stance,
       as_of, outlet, attributed_to, speaker, article_url, sentence
FROM claim_timeline
WHERE ($subject IS NULL OR lower(subject) = lower($subject))
  AND ($metric  IS NULL OR metric = $metric)
  AND ($object  IS NULL OR lower(object) = lower($object))
  AND ($outlet  IS NULL OR lower(outlet) = lower($outlet))
  AND ($since   IS NULL OR as_of >= $since)
ORDER BY claim_key, as_of, outlet
