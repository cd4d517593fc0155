"""The one SQL expression that differs between SQLite and PostgreSQL: a stored UTC time cut to
its hour (``'2026-12-02 14'``). Counts are grouped by hour in SQL, then folded into the
Bureau's local days in Python, so days follow daylight saving time on both databases."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement


class utc_hour(FunctionElement[str]):  # noqa: N801 - SQL function style
    """``utc_hour(column)``: the stored UTC time as text, to the hour."""

    type = String()
    inherit_cache = True


@compiles(utc_hour)
def _utc_hour_default(element: utc_hour, compiler: Any, **kw: Any) -> str:
    # SQLite stores "YYYY-MM-DD HH:MM:SS.ffffff" (UTC, naive): the first 13 characters.
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 13)"


@compiles(utc_hour, "postgresql")
def _utc_hour_postgresql(element: utc_hour, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"to_char(({column}) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')"


def hour_of(column: Any) -> ColumnElement[str]:
    return utc_hour(column)


def parse_hour(value: str) -> datetime:
    """Back from ``utc_hour``'s text to an aware UTC datetime."""
    return datetime.strptime(value, "%Y-%m-%d %H").replace(tzinfo=UTC)
