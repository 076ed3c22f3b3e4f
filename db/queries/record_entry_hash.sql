-- A known article's feed entry changed and its text did not: remember the entry as seen now.
UPDATE articles SET entry_hash = $entry_hash WHERE article_id = $article_id
