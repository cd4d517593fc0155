"""Staff accounts' server-side records: sessions, invitations and the account audit. (The
``staff`` table itself and the sign-in attempts are in ``assistant.db.models``.)

No secret is stored in clear: a session's or an invitation's id is kept as its keyed digest
(``assistant.staff.tokens``); the audit holds who, when, what and which account — never a
password or a token."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db.base import Base
from assistant.db.clock import utcnow


class StaffSessionRecord(Base):
    """One signed-in browser. Deleting the row ends the session at its next request."""

    __tablename__ = "staff_sessions"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # digest of the cookie's id
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(2), default="fr")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class StaffInvitation(Base):
    """A single-use, expiring link to set an account's password (new account or reset)."""

    __tablename__ = "staff_invitations"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # digest of the link's token
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AccountAudit(Base):
    """Who changed which account, when, and how. ``actor_id`` None: the command line."""

    __tablename__ = "account_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), nullable=True
    )
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(String(100), default="")  # e.g. the new role
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
