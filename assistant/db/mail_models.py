"""What an outbox email may carry besides its plain text: a Reply-To address and an HTML
alternative. A table of its own (one row per email that has either), because the schema is made
by ``create_all``, which adds tables but never columns to ``outbox_emails``. The row goes with
its email (``ON DELETE CASCADE``, and the ORM cascade)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db.base import Base


class OutboxEmailExtra(Base):
    __tablename__ = "outbox_email_extras"

    email_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("outbox_emails.id", ondelete="CASCADE"), primary_key=True
    )
    # where a reply goes (the visitor's validated address on a case email); None: to From
    reply_to: Mapped[str | None] = mapped_column(String(254), nullable=True)
    # the HTML alternative of the plain-text body; None: plain text only
    html_body: Mapped[str | None] = mapped_column(Text, nullable=True)
