"""Adding emails to the transactional outbox, in the caller's own transaction."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from assistant.db.models import OutboxEmail

MESSAGE_ID_DOMAIN = "assistant.ville.quebec.qc.ca"


def enqueue(
    session: AsyncSession, *, to: str, subject: str, body: str, kind: str, case_id: int | None
) -> OutboxEmail:
    """Stage an email; it is sent only if the caller's transaction commits. The Message-ID is
    fixed now, so a retry after a crash re-sends the very same email."""
    email = OutboxEmail(
        case_id=case_id,
        kind=kind,
        message_id=f"<{uuid.uuid4().hex}@{MESSAGE_ID_DOMAIN}>",
        to_address=to,
        subject=subject,
        body=body,
    )
    session.add(email)
    return email
