"""Invitations: a single-use, expiring link to set an account's password, sent by email through
the outbox in the transaction that creates (or resets) the account. The database keeps only the
link token's keyed digest; issuing a new invitation cancels the account's previous ones."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from assistant.core.config import Settings
from assistant.db.clock import as_utc, utcnow
from assistant.db.models import Staff
from assistant.db.staff_models import StaffInvitation
from assistant.mail.outbox import enqueue
from assistant.staff.tokens import new_token, token_digest

INVITATION_PATH = "/staff/invitation/"  # + the token: the page that sets the password
_PURPOSE = "staff-invitation"


def invitation_key(settings: Settings, token: str) -> str:
    return token_digest(settings.secret_key, _PURPOSE, token)


def invitation_link(settings: Settings, token: str) -> str:
    return f"{settings.base_url}{INVITATION_PATH}{token}"


def invitation_email(name: str, link: str, expires_at: datetime, reset: bool) -> tuple[str, str]:
    """(subject, body), French then English; the name and link only in the body."""
    if reset:
        subject = "Réinitialisation de votre mot de passe / Your password was reset"
        fr = "Un administrateur a réinitialisé votre mot de passe de la console du personnel."
        en = "An administrator reset your staff console password."
    else:
        subject = "Votre compte de la console du personnel / Your staff console account"
        fr = "Un compte a été créé pour vous dans la console du personnel."
        en = "An account was created for you in the staff console."
    until = f"{as_utc(expires_at):%Y-%m-%d %H:%M} UTC"
    body = [
        f"Bonjour {name},",
        "",
        fr,
        "Choisissez votre mot de passe (au moins 12 caractères) à cette adresse, valable une "
        f"seule fois, jusqu'au {until} :",
        link,
        "",
        "---",
        "",
        f"Hello {name},",
        "",
        en,
        "Choose your password (at least 12 characters) at this address, valid once, until "
        f"{until}:",
        link,
        "",
        "Si vous n'attendiez pas ce message, ignorez-le. / "
        "If you did not expect this message, ignore it.",
    ]
    return subject, "\n".join(body) + "\n"


async def issue_invitation(
    session: AsyncSession, settings: Settings, staff: Staff, *, reset: bool
) -> str:
    """A new invitation for ``staff``, its email staged in the outbox; returns the link. Runs in
    the caller's transaction: no email without the change, no change without the email."""
    token = new_token()
    expires_at = utcnow() + timedelta(seconds=settings.invitation_max_age_seconds)
    await session.execute(delete(StaffInvitation).where(StaffInvitation.staff_id == staff.id))
    session.add(
        StaffInvitation(
            key=invitation_key(settings, token), staff_id=staff.id, expires_at=expires_at
        )
    )
    link = invitation_link(settings, token)
    subject, body = invitation_email(staff.name, link, expires_at, reset)
    enqueue(session, to=staff.email, subject=subject, body=body, kind="invitation", case_id=None)
    return link


async def usable_invitation(
    session: AsyncSession, settings: Settings, token: str
) -> StaffInvitation | None:
    """The invitation behind ``token`` while it is unused, unexpired and its account active."""
    if not token or len(token) > 100:
        return None
    invitation = await session.get(StaffInvitation, invitation_key(settings, token))
    if invitation is None or invitation.used_at is not None:
        return None
    if as_utc(invitation.expires_at) <= utcnow():
        return None
    active = await session.scalar(select(Staff.active).where(Staff.id == invitation.staff_id))
    return invitation if active else None
