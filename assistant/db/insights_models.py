"""Tables of the Insights dashboard (assistant/insights): visitor turns counted per Bureau day,
language, outcome and answering KB entry — counts only, no text, no conversation id — and how
far the roll-up has read ``messages``. The indexes the other aggregates need are declared here
too, on the existing tables (a new one needs a migration revision, ``assistant/db/migrations/``)."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db.base import Base
from assistant.db.models import Case, Conversation, Feedback


class InsightsTurns(Base):
    """Visitor turns of one Bureau day, language, outcome (the chat API's; "" when the turn got
    no reply) and answering KB entry ("" unless the outcome is an answer)."""

    __tablename__ = "insights_turns"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD, Bureau's day
    language: Mapped[str] = mapped_column(String(2), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    kb_entry: Mapped[str] = mapped_column(String(80), primary_key=True)
    turns: Mapped[int] = mapped_column(Integer, default=0)


class InsightsCursor(Base):
    """The last ``messages.id`` the roll-up counted."""

    __tablename__ = "insights_cursor"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)


INDEXES = (
    # covering: conversations per day by language, and by time zone (regions)
    Index(
        "ix_conversations_created_language_zone",
        Conversation.created_at,
        Conversation.language,
        Conversation.visitor_timezone,
    ),
    Index("ix_cases_created_at", Case.created_at),
    Index("ix_feedback_created_at", Feedback.created_at),
)
