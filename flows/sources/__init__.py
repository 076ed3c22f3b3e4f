"""Sources: where articles come from. The feed kinds turn a listing into entries; the
shared fetch, politeness, filters and the poll writer take them to stored articles."""
