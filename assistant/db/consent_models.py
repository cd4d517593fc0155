"""Consent records (``assistant/privacy/consent.py``): the visitor's answer to the escalation
form's notice, and the exact notice texts shown (kept once per hash, so an inspector can read
what a visitor agreed to). A refusal is recorded without any link to a person or conversation.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db.base import Base
from assistant.db.clock import utcnow


class ConsentNotice(Base):
    """One exact notice text as shown to visitors, by its SHA-256 (not personal data)."""

    __tablename__ = "consent_notices"

    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    language: Mapped[str] = mapped_column(String(2))
    text: Mapped[str] = mapped_column(Text)
    first_shown_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ConsentRecord(Base):
    """A visitor's answer to the notice: ``given`` (on its case) or ``refused`` (no case, no
    conversation: nothing that leads to a person)."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=True, index=True
    )
    answer: Mapped[str] = mapped_column(String(8))  # given | refused
    language: Mapped[str] = mapped_column(String(2))
    notice_hash: Mapped[str] = mapped_column(ForeignKey("consent_notices.hash"))
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
