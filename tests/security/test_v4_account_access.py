"""ASVS V4 (access control) on the account pages: only admins manage accounts, every change
carries the session's CSRF token, and an invitation link is the only credential its page
accepts (single use, expiring, never from another site)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from assistant.db.staff_models import StaffInvitation
from assistant.services import Services
from tests.staff.accounts_helpers import account_service, audit_rows, reload, token_of
from tests.staff.conftest import Clients, StaffClient, add_staff

ADMIN_PAGES = ["/staff/accounts", "/staff/accounts/audit"]
NEW_PASSWORD = "a brand new passphrase"


@pytest.mark.parametrize("role", ["agent", "editor"])
async def test_v4_1_1_only_admins_reach_the_account_pages(
    services: Services, clients: Clients, role: str
):
    member = await clients.sign_in(await add_staff(services, f"{role}@x.ca", role=role))
    victim = await add_staff(services, "victim@x.ca")

    for path in ADMIN_PAGES:
        assert (await member.get(path)).status_code == 403
    for action in ("disable", "reset", "sign-out"):
        assert (await member.submit(f"/staff/accounts/{victim.id}/{action}")).status_code == 403
    escalate = await member.submit(f"/staff/accounts/{member.staff.id}/role", {"role": "admin"})
    invite = await member.submit("/staff/accounts", {"email": "new@x.ca", "name": "N"})
    assert escalate.status_code == invite.status_code == 403
    assert (await reload(services, member.staff.id)).role == role
    assert (await reload(services, victim.id)).active
    assert await audit_rows(services) == []
    page = (await member.get("/staff")).text
    assert 'id="nav-accounts"' not in page and 'id="nav-my-account"' in page


async def test_v4_1_1_signed_out_visitors_are_sent_to_sign_in(clients: Clients):
    http = await clients.anonymous()
    for path in [*ADMIN_PAGES, "/staff/account"]:
        response = await http.get(path)
        assert response.status_code == 303 and response.headers["location"].startswith(
            "/staff/login"
        )


async def test_v4_2_2_account_changes_need_the_sessions_csrf_token(
    services: Services, clients: Clients, agent: StaffClient
):
    admin = await clients.sign_in(await add_staff(services, "admin@x.ca", role="admin"))
    for path, data in [
        (f"/staff/accounts/{agent.staff.id}/disable", {}),
        (f"/staff/accounts/{agent.staff.id}/role", {"role": "admin"}),
        ("/staff/accounts", {"email": "new@x.ca", "name": "N", "role": "admin"}),
        ("/staff/account/password", {"current_password": "x", "new_password": NEW_PASSWORD}),
    ]:
        response = await admin.http.post(path, data={**data, "csrf_token": "forged"})
        assert response.status_code == 403, path
    assert (await reload(services, agent.staff.id)).active
    assert await audit_rows(services) == []


async def test_v2_3_1_an_invitation_link_expires(services: Services, clients: Clients):
    invited = await account_service(services).invite(None, email="z@x.ca", name="Z", role="agent")
    async with services.sessions() as session, session.begin():
        past = datetime.now(UTC) - timedelta(seconds=1)
        await session.execute(update(StaffInvitation).values(expires_at=past))

    http = await clients.anonymous()
    link = f"/staff/invitation/{token_of(invited.link)}"
    assert (await http.get(link)).status_code == 404
    response = await http.post(link, data={"password": NEW_PASSWORD, "confirmation": NEW_PASSWORD})
    assert response.status_code == 404


async def test_v2_3_1_a_disabled_accounts_link_no_longer_works(
    services: Services, clients: Clients
):
    accounts = account_service(services)
    invited = await accounts.invite(None, email="z@x.ca", name="Z", role="agent")
    await accounts.set_active(None, invited.staff.id, False)
    http = await clients.anonymous()
    assert (await http.get(f"/staff/invitation/{token_of(invited.link)}")).status_code == 404


async def test_v4_2_2_an_invitation_posted_from_another_site_is_refused(
    services: Services, clients: Clients
):
    invited = await account_service(services).invite(None, email="z@x.ca", name="Z", role="agent")
    http = await clients.anonymous()
    response = await http.post(
        f"/staff/invitation/{token_of(invited.link)}",
        data={"password": NEW_PASSWORD, "confirmation": NEW_PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert (await reload(services, invited.staff.id)).password_hash == invited.staff.password_hash
