"""Staff accounts, managed by admins (console pages, ``python -m assistant staff``) and by each
staff member for their own password.

An account is created without a password: an invitation email (``assistant.staff.invitations``,
through the outbox, in the same transaction) carries a single-use, expiring link to set it. A
reset is the same: the old password stops working, the sessions end, a new link is sent.
Disabling an account, changing a password and "sign out everywhere" end the account's sessions
on the server. The last active admin can be neither disabled nor demoted: the check and the
change are one conditional UPDATE (atomic on SQLite), after locking the admins' rows (on
PostgreSQL). Every change is audited in the same transaction (``assistant.staff.audit``).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql import ColumnElement

from assistant.core.config import Settings
from assistant.core.errors import AssistantError
from assistant.db.clock import utcnow
from assistant.db.models import Staff
from assistant.db.staff_models import StaffInvitation
from assistant.mail.errors import UnsafeHeader
from assistant.mail.message import checked_address
from assistant.staff.audit import audit
from assistant.staff.invitations import issue_invitation, usable_invitation
from assistant.staff.passwords import UNUSABLE, hash_password, password_problem, verify_password
from assistant.staff.roles import ROLES, Role
from assistant.staff.service import StaffExists, normalise_email
from assistant.staff.session import end_sessions


class AccountNotFound(AssistantError):
    """No staff account with this id."""

    code = "account_not_found"


class LastActiveAdmin(AssistantError):
    """The change would leave no active admin."""

    code = "last_active_admin"


class AccountInvalid(AssistantError):
    """The email, name or role is not acceptable; ``key`` says which (an i18n key)."""

    code = "account_invalid"

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class PasswordRefused(AssistantError):
    """The new password is refused (too short, too long, or not confirmed); ``key`` says why."""

    code = "password_refused"

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class WrongCurrentPassword(AssistantError):
    """Changing one's password needs the current one."""

    code = "wrong_current_password"


class InvitationInvalid(AssistantError):
    """The link is unknown, used, expired, or its account disabled."""

    code = "invitation_invalid"


@dataclass(frozen=True)
class Invited:
    staff: Staff
    link: str  # also in the email; the command line prints it


def _check_identity(email: str, name: str, role: str) -> None:
    try:
        checked_address(normalise_email(email), "To")
    except UnsafeHeader as error:
        raise AccountInvalid("staff.email_invalid") from error
    clean = name.strip()
    if not clean or len(clean) > 200 or any(ord(c) < 32 or ord(c) == 127 for c in clean):
        raise AccountInvalid("staff.name_invalid")
    if role not in ROLES:
        raise AccountInvalid("accounts.role_invalid")


def check_new_password(password: str, confirmation: str) -> None:
    problem = password_problem(password)
    if problem:
        raise PasswordRefused(problem)
    if password != confirmation:
        raise PasswordRefused("staff.password_mismatch")


def _keeps_an_admin(staff_id: int) -> ColumnElement[bool]:
    """True unless ``staff_id`` is an active admin and no other active admin can sign in (an
    invited admin who has not chosen a password yet does not count), for the UPDATE's WHERE."""
    others = (
        select(func.count(Staff.id))
        .where(
            Staff.role == "admin",
            Staff.active.is_(True),
            Staff.password_hash != UNUSABLE,
            Staff.id != staff_id,
        )
        .scalar_subquery()
    )
    return or_(Staff.role != "admin", Staff.active.is_(False), others > 0)


class AccountService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self._sessions = sessions
        self._settings = settings

    async def list_accounts(self) -> list[Staff]:
        async with self._sessions() as session:
            query = select(Staff).order_by(Staff.active.desc(), Staff.name, Staff.id)
            return list((await session.execute(query)).scalars())

    async def get(self, staff_id: int) -> Staff:
        async with self._sessions() as session:
            staff = await session.get(Staff, staff_id)
        if staff is None:
            raise AccountNotFound()
        return staff

    async def invite(self, actor_id: int | None, *, email: str, name: str, role: str) -> Invited:
        """A new account without a password, and its invitation email; raises AccountInvalid
        or StaffExists."""
        _check_identity(email, name, role)
        staff = Staff(
            email=normalise_email(email), name=name.strip(), password_hash=UNUSABLE, role=role
        )
        try:
            async with self._sessions() as session, session.begin():
                session.add(staff)
                await session.flush()
                audit(session, actor_id, staff.id, "created", role)
                link = await issue_invitation(session, self._settings, staff, reset=False)
        except IntegrityError as error:
            raise StaffExists() from error
        return Invited(staff, link)

    async def _change(
        self,
        session: AsyncSession,
        staff_id: int,
        values: dict[str, object],
        *,
        guard_admin: bool,
    ) -> Staff:
        """UPDATE first (a write transaction from its first statement), then read."""
        query = update(Staff).where(Staff.id == staff_id)
        if guard_admin:
            await session.execute(  # PostgreSQL: concurrent demotions queue here
                select(Staff.id)
                .where(Staff.role == "admin", Staff.active.is_(True))
                .with_for_update()
            )
            query = query.where(_keeps_an_admin(staff_id))
        result = await session.execute(query.values(**values))
        staff = await session.get(Staff, staff_id)
        if staff is None:
            raise AccountNotFound()
        if getattr(result, "rowcount", 1) == 0:
            raise LastActiveAdmin()
        return staff

    async def set_active(self, actor_id: int | None, staff_id: int, active: bool) -> Staff:
        """Disabling ends the account's sessions; the last active admin stays."""
        async with self._sessions() as session, session.begin():
            staff = await self._change(
                session, staff_id, {"active": active}, guard_admin=not active
            )
            if not active:
                await end_sessions(session, staff_id)
            audit(session, actor_id, staff_id, "enabled" if active else "disabled")
        return staff

    async def change_role(self, actor_id: int | None, staff_id: int, role: Role) -> Staff:
        if role not in ROLES:
            raise AccountInvalid("accounts.role_invalid")
        async with self._sessions() as session, session.begin():
            staff = await self._change(
                session, staff_id, {"role": role}, guard_admin=role != "admin"
            )
            audit(session, actor_id, staff_id, "role_changed", role)
        return staff

    async def reset_password(self, actor_id: int | None, staff_id: int) -> Invited:
        """The password stops working, the sessions end, a new invitation is sent."""
        async with self._sessions() as session, session.begin():
            staff = await self._change(
                session, staff_id, {"password_hash": UNUSABLE}, guard_admin=False
            )
            await end_sessions(session, staff_id)
            audit(session, actor_id, staff_id, "password_reset")
            link = await issue_invitation(session, self._settings, staff, reset=True)
        return Invited(staff, link)

    async def sign_out_everywhere(self, actor_id: int | None, staff_id: int) -> int:
        """Ends every session of the account; how many there were."""
        async with self._sessions() as session, session.begin():
            if await session.get(Staff, staff_id) is None:
                raise AccountNotFound()
            ended = await end_sessions(session, staff_id)
            audit(session, actor_id, staff_id, "signed_out_everywhere", str(ended))
        return ended

    async def change_own_password(
        self, staff: Staff, *, current: str, new: str, confirmation: str
    ) -> None:
        """Needs the current password; ends every session of the account (the caller opens a
        new one for the browser that asked)."""
        check_new_password(new, confirmation)
        if not await asyncio.to_thread(verify_password, staff.password_hash, current):
            raise WrongCurrentPassword()
        new_hash = await asyncio.to_thread(hash_password, new)
        async with self._sessions() as session, session.begin():
            await self._change(session, staff.id, {"password_hash": new_hash}, guard_admin=False)
            await end_sessions(session, staff.id)
            audit(session, staff.id, staff.id, "password_changed")

    async def invited_account(self, token: str) -> Staff:
        """The account a usable invitation link is for; raises InvitationInvalid."""
        async with self._sessions() as session:
            invitation = await usable_invitation(session, self._settings, token)
            staff = await session.get(Staff, invitation.staff_id) if invitation else None
        if staff is None:
            raise InvitationInvalid()
        return staff

    async def accept_invitation(self, token: str, password: str, confirmation: str) -> Staff:
        """Sets the password and uses the link up (once: a second use is InvitationInvalid)."""
        check_new_password(password, confirmation)
        new_hash = await asyncio.to_thread(hash_password, password)
        async with self._sessions() as session, session.begin():
            invitation = await usable_invitation(session, self._settings, token)
            if invitation is None:
                raise InvitationInvalid()
            used = await session.execute(
                update(StaffInvitation)
                .where(StaffInvitation.key == invitation.key, StaffInvitation.used_at.is_(None))
                .values(used_at=utcnow())
            )
            if getattr(used, "rowcount", 1) == 0:  # a simultaneous use won
                raise InvitationInvalid()
            staff = await self._change(
                session, invitation.staff_id, {"password_hash": new_hash}, guard_admin=False
            )
            await end_sessions(session, staff.id)
            audit(session, staff.id, staff.id, "invitation_accepted")
        return staff
