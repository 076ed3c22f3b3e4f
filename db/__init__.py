"""claimtrack's DuckDB store: migrations, views and named queries as .sql files, one module that writes."""
