-- 013: a page that is a wall (paywall, consent wall, bot challenge, error page served with 200:
-- flows/sources/walls.py) is recorded as a fetch failure of its kind, whether the article was
-- then stored from its feed summary or not at all; such a URL is fetched again at most once a day.
ALTER TABLE fetch_failures ADD COLUMN wall VARCHAR;   -- paywall | consent | bot_challenge | error_page
COMMENT ON COLUMN fetch_failures.wall IS 'When the page was a wall rather than the article: paywall, consent, bot_challenge or error_page (flows/sources/walls.py); NULL otherwise.';
