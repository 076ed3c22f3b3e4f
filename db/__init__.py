"""claimtrack's DuckDB store: migrations, views and named queries as .sql files; `store.Store` reads and writes."""
