"""Kinderarmoedemonitor dashboard: a Dash app over the read-only DuckDB warehouse.

Run it with `python -m dashboard`; build the app in code with `dashboard.app.create_app()`.
"""
