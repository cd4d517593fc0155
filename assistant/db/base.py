"""The declarative base every table derives from (its metadata is filled by
``assistant.db.tables``, which imports every table module)."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
