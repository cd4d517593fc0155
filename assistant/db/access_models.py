"""The staff access log (assistant/privacy/access_log.py): who viewed or exported which case,
when. It never holds visitor data: a staff id, an action, a case id and its reference (kept
after the case itself is purged, so the log still reads), and for an export what was exported.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db.base import Base
from assistant.db.clock import utcnow


class AccessEntry(Base):
    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    # view_case | export (what was exported: ``subject``)
    action: Mapped[str] = mapped_column(String(16))
    case_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)  # no FK
    case_reference: Mapped[str | None] = mapped_column(String(32), nullable=True)
    subject: Mapped[str | None] = mapped_column(String(80), nullable=True)  # e.g. incidents.csv
