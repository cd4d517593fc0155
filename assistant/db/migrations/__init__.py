"""The Alembic environment of the database schema: ``env.py``, the revision template and
``versions/`` (one file per revision). Run through ``assistant/db/migrate.py`` (``python -m
assistant migrate``), never through an ``alembic.ini``."""
