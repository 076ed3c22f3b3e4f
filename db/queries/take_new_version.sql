-- The article takes its newest version's text (article_versions keeps every version).
UPDATE articles
SET title = $title, text = $text, text_source = $text_source, content_hash = $content_hash,
    version = $version, updated_at = $published_at, entry_hash = $entry_hash
WHERE article_id = $article_id
