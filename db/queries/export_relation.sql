-- Everything in one view or table ({relation}: a name from db/export.py, never from input).
SELECT * FROM {relation}
