"""ASVS V3 (session management): staff sessions live on the server, so ending one — signing
out, a password change, a disabled account, an admin's "sign out everywhere" — makes its
cookie worthless at once, even replayed by someone who copied it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from assistant.db.staff_models import StaffSessionRecord
from assistant.services import Services
from tests.staff.accounts_helpers import account_service, session_count
from tests.staff.conftest import ALICE, PASSWORD, Clients, StaffClient, add_staff

NEW_PASSWORD = "a brand new passphrase"


def _cookie(client: StaffClient) -> tuple[str, str]:
    return next(iter(client.http.cookies.items()))


async def _replay(clients: Clients, cookie: tuple[str, str]) -> int:
    """The status a copy of ``cookie`` gets from another client."""
    thief = await clients.anonymous("198.51.100.9")
    thief.cookies.set(*cookie)
    return (await thief.get("/api/staff/cases")).status_code


async def test_v3_2_1_every_sign_in_gets_a_new_session_id(services: Services, clients: Clients):
    alice = await add_staff(services, ALICE)
    browser = await clients.sign_in(alice)
    first = _cookie(browser)

    again = await browser.http.post("/staff/login", data={"email": ALICE, "password": PASSWORD})

    assert again.status_code == 303
    second = _cookie(browser)
    assert second[1] != first[1]
    assert await _replay(clients, first) == 401  # the session it replaced has ended
    assert await _replay(clients, second) == 200
    assert await session_count(services, alice.id) == 1


async def test_v3_2_2_the_cookie_is_a_random_id_the_database_keeps_only_its_digest(
    services: Services, agent: StaffClient
):
    _, value = _cookie(agent)
    # a bare random token: no signed payload ("1.<signature>") that would carry the staff id
    assert len(value) >= 43 and re.fullmatch(r"[A-Za-z0-9_-]+", value)
    async with services.sessions() as session:
        keys = list((await session.execute(select(StaffSessionRecord.key))).scalars())
    assert len(keys) == 1 and value not in keys[0] and len(keys[0]) == 64


async def test_v3_3_1_sign_out_invalidates_session(clients: Clients, agent: StaffClient):
    cookie = _cookie(agent)

    assert (await agent.submit("/staff/logout")).status_code == 303

    assert await _replay(clients, cookie) == 401
    assert await session_count(clients.app.state.services, agent.staff.id) == 0


async def test_v3_3_2_an_expired_session_is_refused(services: Services, agent: StaffClient):
    async with services.sessions() as session, session.begin():
        await session.execute(
            update(StaffSessionRecord).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert (await agent.get("/api/staff/cases")).status_code == 401
    assert (await agent.get("/staff")).status_code == 303  # back to the sign-in page


async def test_v3_3_3_a_password_change_ends_the_other_sessions(
    services: Services, clients: Clients
):
    alice = await add_staff(services, ALICE)
    laptop = await clients.sign_in(alice)
    phone = await clients.sign_in(alice, host="10.0.0.2")
    old_laptop_cookie = _cookie(laptop)

    changed = await laptop.submit(
        "/staff/account/password",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirmation": NEW_PASSWORD},
    )

    assert changed.status_code == 303
    assert changed.headers["location"] == "/staff/account?notice=password_changed"
    assert (await phone.get("/api/staff/cases")).status_code == 401
    assert await _replay(clients, old_laptop_cookie) == 401
    assert (await laptop.get("/api/staff/cases")).status_code == 200  # a new session here
    assert await session_count(services, alice.id) == 1


async def test_v3_3_4_an_admin_signs_an_account_out_everywhere(
    services: Services, clients: Clients, agent: StaffClient
):
    admin = await clients.sign_in(await add_staff(services, "admin@x.ca", role="admin"))
    second_browser = await clients.sign_in(agent.staff, host="10.0.0.2")

    response = await admin.submit(f"/staff/accounts/{agent.staff.id}/sign-out")

    assert response.status_code == 303
    assert (await agent.get("/api/staff/cases")).status_code == 401
    assert (await second_browser.get("/api/staff/cases")).status_code == 401
    assert (await admin.get("/api/staff/cases")).status_code == 200


async def test_v3_3_1_disabling_an_account_ends_its_sessions_for_good(
    services: Services, clients: Clients, agent: StaffClient
):
    cookie = _cookie(agent)
    accounts = account_service(services)

    await accounts.set_active(None, agent.staff.id, False)
    assert await session_count(services, agent.staff.id) == 0
    await accounts.set_active(None, agent.staff.id, True)

    assert await _replay(clients, cookie) == 401  # enabling again does not revive it


async def test_v3_4_1_the_session_cookie_never_reaches_javascript_or_other_sites(
    services: Services, clients: Clients
):
    await add_staff(services, ALICE)
    http = await clients.anonymous()
    response = await http.post("/staff/login", data={"email": ALICE, "password": PASSWORD})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
