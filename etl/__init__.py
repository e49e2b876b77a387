"""ETL of the Kinderarmoedemonitor: public sources -> one DuckDB warehouse."""
