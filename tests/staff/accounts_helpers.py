"""Helpers for the staff-account tests: the account service on the test app's database, the
invitation emails staged in the outbox, and the token of a link."""

from __future__ import annotations

import re

from sqlalchemy import select

from assistant.db.models import OutboxEmail, Staff
from assistant.db.staff_models import AccountAudit, StaffSessionRecord
from assistant.services import Services
from assistant.staff.accounts import AccountService

LINK = re.compile(r"https?://\S+/staff/invitation/([A-Za-z0-9_-]+)")


def account_service(services: Services) -> AccountService:
    return AccountService(services.sessions, services.settings)


async def outbox(services: Services) -> list[OutboxEmail]:
    async with services.sessions() as session:
        return list((await session.execute(select(OutboxEmail).order_by(OutboxEmail.id))).scalars())


def token_of(text: str) -> str:
    """The token of the (last) invitation link in an email body or a printed line."""
    found = LINK.findall(text)
    assert found, text
    return found[-1]


async def audit_rows(services: Services) -> list[AccountAudit]:
    async with services.sessions() as session:
        query = select(AccountAudit).order_by(AccountAudit.id)
        return list((await session.execute(query)).scalars())


async def session_count(services: Services, staff_id: int) -> int:
    async with services.sessions() as session:
        query = select(StaffSessionRecord).where(StaffSessionRecord.staff_id == staff_id)
        return len(list((await session.execute(query)).scalars()))


async def reload(services: Services, staff_id: int) -> Staff:
    async with services.sessions() as session:
        staff = await session.get(Staff, staff_id)
        assert staff is not None
        return staff
