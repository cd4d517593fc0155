"""Indexes the Insights aggregates need (``assistant/insights``): every query filters a table
by a time range. Declared here, on the existing tables; ``engine.create_schema`` also adds them
to a database created before they existed (``CREATE INDEX`` only where missing)."""

from __future__ import annotations

from sqlalchemy import Index

from assistant.db.models import Case, Conversation, Feedback, Message

INDEXES = (
    Index("ix_conversations_created_at", Conversation.created_at),
    Index("ix_messages_sender_created_at", Message.sender, Message.created_at),
    Index("ix_cases_created_at", Case.created_at),
    Index("ix_feedback_created_at", Feedback.created_at),
)
