"""Insights: what the world asks the Bureau, as aggregates only (``/staff/insights``, the weekly
digest). Counts come from SQL (SQLAlchemy Core, SQLite and PostgreSQL); small counts in a
breakdown by country or region are hidden (``privacy.py``)."""
