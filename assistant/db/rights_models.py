"""The audit of a person's rights requests (``assistant/privacy/rights*.py``): who did what,
when and why. It holds no personal data: no email, name or case reference, only counts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db.base import Base
from assistant.db.clock import utcnow


class RightsAudit(Base):
    __tablename__ = "rights_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), nullable=True
    )
    actor: Mapped[str] = mapped_column(String(16))  # console | cli
    action: Mapped[str] = mapped_column(String(16))  # find | export | rectify | delete
    searched_by: Mapped[str] = mapped_column(String(16))  # email | reference (never the value)
    reason: Mapped[str] = mapped_column(String(32))  # a code from assistant.privacy.rights
    what: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # counts, field names
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
