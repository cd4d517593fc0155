"""No personal data in logs, whatever level the process runs at.

Some libraries log the values they carry at DEBUG: aiosqlite every statement with its bound
values, SQLAlchemy's engine logger result rows, aiosmtpd (the development mail sink) every line
of a message (and its recipients at INFO). Those values are visitors' names, emails and
requests, so these loggers never go below WARNING (tests/privacy/test_no_personal_data_in_logs.py)."""

from __future__ import annotations

import logging

VALUE_LOGGING_LIBRARIES = (
    "aiosqlite",
    "asyncpg",
    "sqlalchemy.engine",
    "sqlalchemy.pool",
    "mail.log",  # aiosmtpd
)


def never_log_values() -> None:
    """Keep the value-logging libraries at WARNING or above (NOTSET would follow the root)."""
    for name in VALUE_LOGGING_LIBRARIES:
        library = logging.getLogger(name)
        library.setLevel(max(library.level, logging.WARNING))
