"""Staff accounts: creating them and finding them (emails are compared lower-cased)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.errors import AssistantError
from assistant.db.models import Staff

if TYPE_CHECKING:
    from assistant.staff.roles import Role


class StaffExists(AssistantError):
    """A staff account with this email already exists."""

    code = "staff_exists"


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def create_staff(
    sessions: async_sessionmaker[AsyncSession],
    *,
    email: str,
    name: str,
    password_hash: str,
    role: Role = "agent",
) -> Staff:
    """A new active account; the caller hashes the password (assistant.staff.passwords)."""
    staff = Staff(
        email=normalise_email(email), name=name.strip(), password_hash=password_hash, role=role
    )
    try:
        async with sessions() as session, session.begin():
            session.add(staff)
    except IntegrityError as error:
        raise StaffExists() from error
    return staff


async def find_by_email(sessions: async_sessionmaker[AsyncSession], email: str) -> Staff | None:
    async with sessions() as session:
        query = select(Staff).where(Staff.email == normalise_email(email))
        return (await session.execute(query)).scalar_one_or_none()


async def get_staff(sessions: async_sessionmaker[AsyncSession], staff_id: int) -> Staff | None:
    async with sessions() as session:
        return await session.get(Staff, staff_id)


async def staff_names(
    sessions: async_sessionmaker[AsyncSession], ids: Iterable[int | None]
) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    async with sessions() as session:
        rows = await session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(wanted)))
        return {staff_id: name for staff_id, name in rows}
