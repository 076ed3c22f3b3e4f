SELECT canonical_url AS key FROM articles WHERE canonical_url IN (SELECT unnest($urls))
UNION
SELECT guid AS key FROM articles WHERE guid IS NOT NULL AND guid IN (SELECT unnest($guids))
