"""Tables of the KB review inbox (assistant/inbox): failed questions, masked, and where they came
from. Only masked text is ever stored here; the raw visitor text stays in ``messages``,
``feedback`` and ``cases`` (and their retention rules).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db.base import Base
from assistant.db.clock import utcnow


class InboxItem(Base):
    """One distinct failed question (same masked wording, language and reason), counted.

    ``status``: open (in the inbox) | dismissed | phrased (added as a phrasing of
    ``resolution``) | drafted (a new draft entry ``resolution``). A new occurrence after a
    review reopens it; ``pending`` counts the occurrences since the last review.
    """

    __tablename__ = "inbox_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of language|reason|text
    text: Mapped[str] = mapped_column(Text)  # masked
    language: Mapped[str] = mapped_column(String(2))
    reason: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    count: Mapped[int] = mapped_column(Integer, default=0)  # every occurrence ever
    pending: Mapped[int] = mapped_column(Integer, default=0)  # occurrences since the review
    candidates: Mapped[list[str]] = mapped_column(JSON, default=list)  # KB entry ids involved
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # float32
    encoder_name: Mapped[str | None] = mapped_column(String(300), nullable=True)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    resolution: Mapped[str | None] = mapped_column(String(80), nullable=True)


class InboxOccurrence(Base):
    """A source row already counted (so collecting again never counts it twice)."""

    __tablename__ = "inbox_occurrences"
    __table_args__ = (UniqueConstraint("source", "source_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(16))  # message | feedback | case
    source_id: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("inbox_items.id", ondelete="CASCADE"), index=True
    )
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class InboxCursor(Base):
    """How far the collector has read a growing table (``messages``)."""

    __tablename__ = "inbox_cursors"

    source: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
