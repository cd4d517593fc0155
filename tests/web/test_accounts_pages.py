"""The account pages, as a browser uses them: an admin invites a colleague, who sets a password
from the emailed link and signs in; an admin disables, enables, resets, changes a role, and
reads the audit; the last admin is protected; everyone changes their own password."""

from __future__ import annotations

import re
from html import unescape

from assistant.core.config import Settings
from assistant.mail.worker import OutboxWorker
from assistant.services import Services
from tests.mail.worker.conftest import Mailbox
from tests.staff.accounts_helpers import outbox, reload, token_of
from tests.staff.conftest import PASSWORD, Clients, StaffClient, add_staff, free_port

NEW_PASSWORD = "a brand new passphrase"
ZOE = "zoe.cote@ville.quebec.qc.ca"


async def _admin(services: Services, clients: Clients) -> StaffClient:
    return await clients.sign_in(
        await add_staff(services, "admin@ville.quebec.qc.ca", role="admin")
    )


def _row(html: str, staff_id: int) -> str:
    start = html.index(f'id="account-{staff_id}"')
    return html[start : html.index("</tr>", start)]


async def test_an_invited_colleague_sets_a_password_from_the_link_and_signs_in(
    services: Services, clients: Clients
):
    admin = await _admin(services, clients)
    invited = await admin.submit(
        "/staff/accounts", {"email": ZOE, "name": "Zoé Côté", "role": "editor"}
    )
    assert invited.headers["location"] == "/staff/accounts?notice=invited"
    page = await admin.get(invited.headers["location"])
    assert "Compte créé : l'invitation part par courriel." in unescape(page.text)
    assert "Zoé Côté" in page.text and "Invité (mot de passe à choisir)" in page.text

    (email,) = await outbox(services)
    link = f"/staff/invitation/{token_of(email.body)}"
    zoe = await clients.anonymous("10.0.0.3")
    form = await zoe.get(link)
    assert form.status_code == 200 and ZOE in form.text
    assert form.headers["cache-control"] == "no-store"
    mismatch = await zoe.post(link, data={"password": NEW_PASSWORD, "confirmation": "other"})
    assert mismatch.status_code == 422
    assert "Les deux mots de passe ne correspondent pas." in mismatch.text

    done = await zoe.post(link, data={"password": NEW_PASSWORD, "confirmation": NEW_PASSWORD})

    assert done.headers["location"] == "/staff/login?notice=password_set&lang=fr"
    assert (
        "Mot de passe enregistré : connectez-vous."
        in (await zoe.get(done.headers["location"])).text
    )
    signed_in = await zoe.post("/staff/login", data={"email": ZOE, "password": NEW_PASSWORD})
    assert signed_in.status_code == 303
    assert (await zoe.get("/api/staff/session")).json()["staff"]["role"] == "editor"
    again = await (await clients.anonymous()).get(link)
    assert again.status_code == 404 and "Ce lien n'est plus valable" in unescape(again.text)


async def test_the_invitation_email_reaches_the_mailbox(
    services: Services, settings: Settings, clients: Clients
):
    admin = await _admin(services, clients)
    await admin.submit("/staff/accounts", {"email": ZOE, "name": "Zoé Côté", "role": "agent"})
    port = free_port()
    with Mailbox(port) as mailbox:
        worker = OutboxWorker(services.sessions, settings.model_copy(update={"smtp_port": port}))
        assert await worker.run_once() == 1

    (received,) = mailbox.received
    assert received.rcpt_tos == [ZOE]
    body = received.message.get_content()
    assert "Bonjour Zoé Côté" in body and "Hello Zoé Côté" in body
    assert re.search(r"http://127\.0\.0\.1:8000/staff/invitation/[\w-]{43}", body)


async def test_an_admin_disables_enables_resets_and_changes_roles_and_reads_the_audit(
    services: Services, clients: Clients, agent: StaffClient
):
    admin = await _admin(services, clients)
    target = agent.staff.id

    assert (
        (await admin.submit(f"/staff/accounts/{target}/disable"))
        .headers["location"]
        .endswith("notice=disabled")
    )
    assert "Désactivé" in _row((await admin.get("/staff/accounts")).text, target)
    assert (await agent.get("/staff")).status_code == 303  # signed out
    await admin.submit(f"/staff/accounts/{target}/enable")
    await admin.submit(f"/staff/accounts/{target}/role", {"role": "editor"})
    assert (await reload(services, target)).role == "editor"
    await admin.submit(f"/staff/accounts/{target}/reset")
    refused = await (await clients.anonymous()).post(  # the old password no longer works
        "/staff/login", data={"email": agent.staff.email, "password": PASSWORD}
    )
    assert refused.status_code == 401

    audit = (await admin.get("/staff/accounts/audit?lang=en")).text
    rows = re.findall(
        r"<tr><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", audit
    )
    assert [(who, what) for who, account, what in rows] == [
        ("Admin", "Password reset (new invitation)"),
        ("Admin", "Role changed: Editor (queue and knowledge base)"),
        ("Admin", "Enabled"),
        ("Admin", "Disabled"),
    ]
    assert {account for _, account, _ in rows} == {agent.staff.email}


async def test_the_last_admin_is_told_why_they_cannot_leave(services: Services, clients: Clients):
    admin = await _admin(services, clients)

    refused = await admin.submit(f"/staff/accounts/{admin.staff.id}/role", {"role": "agent"})

    assert refused.headers["location"] == "/staff/accounts?error=last_active_admin"
    page = await admin.get(refused.headers["location"] + "&lang=en")
    assert "Refused: this is the last active administrator." in page.text
    assert (await reload(services, admin.staff.id)).role == "admin"


async def test_an_unknown_account_is_a_404_page(services: Services, clients: Clients):
    admin = await _admin(services, clients)
    response = await admin.submit("/staff/accounts/999/disable")
    assert response.status_code == 404 and "Ce compte n'existe pas." in unescape(response.text)


async def test_names_are_shown_as_text(services: Services, clients: Clients):
    admin = await _admin(services, clients)
    name = '<script>alert("x")</script>'
    await admin.submit("/staff/accounts", {"email": ZOE, "name": name, "role": "agent"})
    page = (await admin.get("/staff/accounts")).text
    assert name not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


async def test_everyone_changes_their_own_password_with_the_current_one(agent: StaffClient):
    page = await agent.get("/staff/account?lang=en")
    assert "Change my password" in page.text and agent.staff.email in page.text

    wrong = await agent.submit(
        "/staff/account/password",
        {
            "current_password": "not it at all",
            "new_password": NEW_PASSWORD,
            "confirmation": NEW_PASSWORD,
        },
    )
    assert wrong.headers["location"] == "/staff/account?error=wrong_current_password"
    assert "The current password is wrong." in (await agent.get(wrong.headers["location"])).text
    short = await agent.submit(
        "/staff/account/password",
        {"current_password": PASSWORD, "new_password": "short", "confirmation": "short"},
    )
    assert short.headers["location"] == "/staff/account?error=staff.password_too_short"

    done = await agent.submit(
        "/staff/account/password",
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirmation": NEW_PASSWORD},
    )
    assert (
        "Password changed; your other sessions are ended."
        in (await agent.get(done.headers["location"])).text
    )
