"""``python -m assistant staff``: the operators' account commands, with the console's rules
(the last admin stays) and its audit (the actor is the command line)."""

from __future__ import annotations

import asyncio

import pytest

from assistant.__main__ import main as assistant_main
from assistant.core.config import Settings
from assistant.services import Services
from assistant.staff.cli import main
from tests.staff.accounts_helpers import audit_rows, outbox, reload, token_of
from tests.staff.conftest import add_staff


async def _run(capsys: pytest.CaptureFixture[str], settings: Settings, *argv: str):
    status = await asyncio.to_thread(main, list(argv), settings)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


async def test_create_list_role_disable_enable(
    services: Services, settings: Settings, capsys: pytest.CaptureFixture[str]
):
    await add_staff(services, "admin@x.ca", role="admin")
    status, out, _ = await _run(
        capsys, settings, "create", "--email", "zoe@x.ca", "--name", "Zoé", "--role", "editor"
    )
    assert status == 0
    (email,) = await outbox(services)
    assert token_of(out) == token_of(email.body)  # printed and emailed: the same link

    assert (await _run(capsys, settings, "role", "zoe@x.ca", "admin"))[0] == 0
    assert (await _run(capsys, settings, "disable", "zoe@x.ca"))[0] == 0
    status, out, _ = await _run(capsys, settings, "list")
    assert status == 0 and out.split("\n")[1].split("\t")[1:] == [
        "zoe@x.ca",
        "admin",
        "disabled",
        "Zoé",
    ]
    assert (await _run(capsys, settings, "enable", "zoe@x.ca"))[0] == 0
    records = await audit_rows(services)
    assert [r.action for r in records] == ["created", "role_changed", "disabled", "enabled"]
    assert all(r.actor_id is None for r in records)  # the command line


async def test_the_last_admin_is_refused_in_both_languages(
    services: Services, settings: Settings, capsys: pytest.CaptureFixture[str]
):
    admin = await add_staff(services, "admin@x.ca", role="admin")
    status, _, err = await _run(capsys, settings, "disable", "admin@x.ca")
    assert status == 1
    assert "dernier administrateur actif" in err and "last active administrator" in err
    assert (await reload(services, admin.id)).active


async def test_reset_and_unknown_accounts(
    services: Services, settings: Settings, capsys: pytest.CaptureFixture[str]
):
    alice = await add_staff(services, "alice@x.ca")
    status, out, _ = await _run(capsys, settings, "reset", "alice@x.ca")
    assert status == 0 and "/staff/invitation/" in out
    assert (await reload(services, alice.id)).password_hash == "!unusable"
    status, _, err = await _run(capsys, settings, "sign-out", "nobody@x.ca")
    assert status == 1 and "This account does not exist." in err


def test_the_staff_command_is_reachable_from_python_m_assistant(
    capsys: pytest.CaptureFixture[str],
):
    with pytest.raises(SystemExit) as exit_:
        assistant_main(["staff", "--help"])
    assert exit_.value.code == 0
    assert "create" in capsys.readouterr().out
