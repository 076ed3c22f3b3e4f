-- The first statement of every write on a DuckLake: two writes that both bump the one row of
-- internal.write_turn conflict at commit, and the later one is run again (db/store.py `batch`).
UPDATE internal.write_turn SET turn = turn + 1
