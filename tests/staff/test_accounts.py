"""The account service (assistant/staff/accounts.py): invitations through the outbox, the last
active admin, resets, one's own password, and the audit of every change."""

from __future__ import annotations

import asyncio

import pytest

from assistant.core.config import Settings
from assistant.services import Services
from assistant.staff.accounts import (
    AccountInvalid,
    InvitationInvalid,
    LastActiveAdmin,
    PasswordRefused,
    WrongCurrentPassword,
)
from assistant.staff.passwords import UNUSABLE, verify_password
from assistant.staff.service import StaffExists
from tests.db_dump import dump
from tests.staff.accounts_helpers import (
    account_service,
    audit_rows,
    outbox,
    reload,
    token_of,
)
from tests.staff.conftest import PASSWORD, add_staff

NEW_PASSWORD = "a brand new passphrase"


async def test_an_invitation_creates_the_account_without_a_password_and_emails_a_link(
    services: Services,
):
    admin = await add_staff(services, "admin@ville.quebec.qc.ca", role="admin")
    accounts = account_service(services)

    invited = await accounts.invite(
        admin.id, email=" Zoe@Ville.Quebec.QC.ca ", name="Zoé Côté", role="editor"
    )

    assert invited.staff.email == "zoe@ville.quebec.qc.ca"
    assert invited.staff.password_hash == UNUSABLE and invited.staff.role == "editor"
    (email,) = await outbox(services)
    assert email.to_address == "zoe@ville.quebec.qc.ca" and email.kind == "invitation"
    assert "Zoé Côté" in email.body and invited.link in email.body
    assert "Zoé" not in email.subject  # names never go in a header
    assert (await accounts.invited_account(token_of(email.body))).id == invited.staff.id
    (record,) = await audit_rows(services)
    assert (record.actor_id, record.staff_id, record.action, record.detail) == (
        admin.id,
        invited.staff.id,
        "created",
        "editor",
    )


@pytest.mark.parametrize(
    ("email", "name", "role", "key"),
    [
        ("not-an-email", "Zoé", "agent", "staff.email_invalid"),
        ("zoe@x.ca\r\nBcc: all@x.ca", "Zoé", "agent", "staff.email_invalid"),
        ("zoe@ville.quebec.qc.ca", " ", "agent", "staff.name_invalid"),
        ("zoe@ville.quebec.qc.ca", "Zoé", "owner", "accounts.role_invalid"),
    ],
)
async def test_an_invalid_invitation_is_refused_and_sends_nothing(
    services: Services, email: str, name: str, role: str, key: str
):
    with pytest.raises(AccountInvalid) as refused:
        await account_service(services).invite(None, email=email, name=name, role=role)
    assert refused.value.key == key
    assert await outbox(services) == []


async def test_an_existing_email_is_refused(services: Services):
    await add_staff(services, "zoe@ville.quebec.qc.ca")
    with pytest.raises(StaffExists):
        await account_service(services).invite(
            None, email="ZOE@ville.quebec.qc.ca", name="Zoé", role="agent"
        )
    assert await outbox(services) == []


async def test_the_link_sets_the_password_once(services: Services):
    accounts = account_service(services)
    invited = await accounts.invite(None, email="zoe@x.ca", name="Zoé", role="agent")
    token = token_of(invited.link)

    with pytest.raises(PasswordRefused) as short:
        await accounts.accept_invitation(token, "short", "short")
    assert short.value.key == "staff.password_too_short"
    with pytest.raises(PasswordRefused) as mismatch:
        await accounts.accept_invitation(token, NEW_PASSWORD, NEW_PASSWORD + "!")
    assert mismatch.value.key == "staff.password_mismatch"

    staff = await accounts.accept_invitation(token, NEW_PASSWORD, NEW_PASSWORD)
    assert verify_password((await reload(services, staff.id)).password_hash, NEW_PASSWORD)
    with pytest.raises(InvitationInvalid):
        await accounts.accept_invitation(token, "another passphrase!", "another passphrase!")
    assert [r.action for r in await audit_rows(services)] == ["created", "invitation_accepted"]


async def test_the_last_active_admin_can_be_neither_disabled_nor_demoted(services: Services):
    admin = await add_staff(services, "admin@x.ca", role="admin")
    accounts = account_service(services)

    with pytest.raises(LastActiveAdmin):
        await accounts.set_active(admin.id, admin.id, False)
    with pytest.raises(LastActiveAdmin):
        await accounts.change_role(admin.id, admin.id, "editor")
    assert (await reload(services, admin.id)).role == "admin"
    assert (await reload(services, admin.id)).active

    second = await add_staff(services, "second@x.ca", role="admin")
    await accounts.set_active(admin.id, second.id, False)  # a disabled admin is no admin
    with pytest.raises(LastActiveAdmin):
        await accounts.change_role(admin.id, admin.id, "agent")
    await accounts.set_active(admin.id, second.id, True)
    await accounts.change_role(second.id, admin.id, "agent")  # now another admin remains
    assert (await reload(services, admin.id)).role == "agent"
    assert [r.action for r in await audit_rows(services)] == [
        "disabled",
        "enabled",
        "role_changed",
    ]


async def test_two_admins_demoting_each_other_at_once_leave_one_admin(services: Services):
    accounts = account_service(services)
    for round_ in range(3):
        one = await add_staff(services, f"one{round_}@x.ca", role="admin")
        two = await add_staff(services, f"two{round_}@x.ca", role="admin")
        for other in await accounts.list_accounts():  # only these two are active admins
            if other.id not in (one.id, two.id) and other.role == "admin":
                await accounts.change_role(one.id, other.id, "agent")

        results = await asyncio.gather(
            accounts.change_role(one.id, two.id, "agent"),
            accounts.set_active(two.id, one.id, False),
            return_exceptions=True,
        )

        refused = [r for r in results if isinstance(r, BaseException)]
        assert len(refused) == 1 and isinstance(refused[0], LastActiveAdmin), results
        admins = [s for s in await accounts.list_accounts() if s.role == "admin" and s.active]
        assert len(admins) == 1


async def test_a_reset_stops_the_old_password_and_the_old_link(services: Services):
    alice = await add_staff(services, "alice@x.ca")
    accounts = account_service(services)
    first = await accounts.reset_password(None, alice.id)
    second = await accounts.reset_password(None, alice.id)

    assert not verify_password((await reload(services, alice.id)).password_hash, PASSWORD)
    with pytest.raises(InvitationInvalid):
        await accounts.invited_account(token_of(first.link))  # replaced by the second
    await accounts.accept_invitation(token_of(second.link), NEW_PASSWORD, NEW_PASSWORD)
    assert [e.kind for e in await outbox(services)] == ["invitation", "invitation"]
    assert "reset" in (await outbox(services))[-1].body


async def test_changing_ones_password_needs_the_current_one(services: Services):
    alice = await add_staff(services, "alice@x.ca")
    accounts = account_service(services)

    with pytest.raises(WrongCurrentPassword):
        await accounts.change_own_password(
            alice, current="not my password", new=NEW_PASSWORD, confirmation=NEW_PASSWORD
        )
    await accounts.change_own_password(
        alice, current=PASSWORD, new=NEW_PASSWORD, confirmation=NEW_PASSWORD
    )

    stored = (await reload(services, alice.id)).password_hash
    assert verify_password(stored, NEW_PASSWORD) and not verify_password(stored, PASSWORD)
    (record,) = await audit_rows(services)
    assert (record.actor_id, record.action) == (alice.id, "password_changed")


async def test_the_audit_holds_no_password_and_no_token(services: Services, settings: Settings):
    alice = await add_staff(services, "alice@x.ca")
    accounts = account_service(services)
    reset = await accounts.reset_password(None, alice.id)
    await accounts.accept_invitation(token_of(reset.link), NEW_PASSWORD, NEW_PASSWORD)
    await accounts.sign_out_everywhere(None, alice.id)

    records = await audit_rows(services)
    assert [r.action for r in records] == [
        "password_reset",
        "invitation_accepted",
        "signed_out_everywhere",
    ]
    everything = dump(settings.database_url)
    assert NEW_PASSWORD not in everything
    assert token_of(reset.link) not in everything.replace(reset.link, "")  # only in the email


async def test_an_invited_admin_without_a_password_does_not_count_as_the_other_admin(
    services: Services,
):
    admin = await add_staff(services, "admin@x.ca", role="admin")
    accounts = account_service(services)
    invited = await accounts.invite(admin.id, email="new@x.ca", name="New", role="admin")

    with pytest.raises(LastActiveAdmin):
        await accounts.set_active(admin.id, admin.id, False)
    await accounts.accept_invitation(token_of(invited.link), NEW_PASSWORD, NEW_PASSWORD)
    await accounts.set_active(invited.staff.id, admin.id, False)  # now someone can sign in
    assert not (await reload(services, admin.id)).active
