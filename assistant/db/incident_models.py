"""The register of confidentiality incidents (assistant/privacy/incidents.py), as the
Regulation respecting confidentiality incidents requires, and the history of its changes.
Written by admins only; it describes an incident and the kinds of personal information
concerned, never a copy of the data itself.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db.base import Base
from assistant.db.clock import utcnow


class Incident(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    discovered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    description: Mapped[str] = mapped_column(Text)
    information: Mapped[str] = mapped_column(Text)  # the personal information concerned
    people_count: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None: unknown
    risk_assessment: Mapped[str] = mapped_column(Text, default="")
    serious_injury_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    commission_notified_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    people_notified_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    measures: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IncidentChange(Base):
    """One save of an incident: who, when, and each changed field as ``[before, after]``
    (``before`` is null for the first record)."""

    __tablename__ = "incident_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
