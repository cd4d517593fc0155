"""Adding emails to the transactional outbox, in the caller's own transaction."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from assistant.db.models import OutboxEmail, OutboxEmailExtra

MESSAGE_ID_DOMAIN = "assistant.ville.quebec.qc.ca"


def enqueue(
    session: AsyncSession,
    *,
    to: str,
    subject: str,
    body: str,
    kind: str,
    case_id: int | None,
    reply_to: str | None = None,
    html: str | None = None,
) -> OutboxEmail:
    """Stage an email; it is sent only if the caller's transaction commits. The Message-ID is
    fixed now, so a retry after a crash re-sends the very same email.

    ``reply_to``: where replies go (must be a plain address, see ``message.is_plain_address``);
    ``html``: an HTML alternative to ``body``, which stays the plain-text part."""
    email = OutboxEmail(
        case_id=case_id,
        kind=kind,
        message_id=f"<{uuid.uuid4().hex}@{MESSAGE_ID_DOMAIN}>",
        to_address=to,
        subject=subject,
        body=body,
    )
    if reply_to is not None or html is not None:
        email.extra = OutboxEmailExtra(reply_to=reply_to, html_body=html)
    session.add(email)
    return email
