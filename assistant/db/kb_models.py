"""Tables of the knowledge base once staff edit it: entries, their immutable versions, the audit.

An entry has a current published version (``current_version``, unless retired) and at most one
draft. Versions are never changed: publishing, adding a phrasing and rolling back each append a
new one. ``kb_audit`` keeps who did what to which entry, and when (it outlives the entries).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db.base import Base
from assistant.db.clock import utcnow


class KBEntryRecord(Base):
    __tablename__ = "kb_entries"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    current_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    draft_updated_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    draft_updated_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    @property
    def published(self) -> bool:
        return self.current_version is not None and self.retired_at is None


class KBVersion(Base):
    __tablename__ = "kb_versions"
    __table_args__ = (UniqueConstraint("entry_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[str] = mapped_column(
        ForeignKey("kb_entries.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the Entry, as in its YAML file
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    comment: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class KBAuditEvent(Base):
    __tablename__ = "kb_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[str] = mapped_column(String(80), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    # import | create_draft | save_draft | discard_draft | publish | add_question | rollback
    # | retire
    action: Mapped[str] = mapped_column(String(32))
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
