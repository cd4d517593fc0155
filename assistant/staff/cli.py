"""Staff accounts from the command line (for the server's operators; the same rules and audit
as the console's admin pages, the actor recorded as "command line"):

    python -m assistant staff list
    python -m assistant staff create --email E --name N [--role agent|editor|admin]
    python -m assistant staff disable|enable|reset|sign-out EMAIL
    python -m assistant staff role EMAIL agent|editor|admin

``create`` and ``reset`` stage an invitation email in the outbox (the running app sends it) and
print its link as well. The first administrator can also be created with a password directly:
``python -m assistant.staff.create_admin``. Exit status 0 on success, 1 when refused.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.config import Settings, get_settings
from assistant.core.errors import AssistantError
from assistant.core.i18n import t
from assistant.db.engine import create_engine, create_schema, session_factory
from assistant.staff.accounts import AccountInvalid, AccountService, PasswordRefused
from assistant.staff.passwords import UNUSABLE
from assistant.staff.roles import ROLES
from assistant.staff.service import find_by_email


class Refused(Exception):
    """The command is refused; the message says why, in French and English."""


def _both(key: str) -> str:
    return f"{t(key, 'fr')}\n{t(key, 'en')}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m assistant staff", description="Manage the staff console's accounts."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="every account: id, email, role, status, name")
    create = commands.add_parser("create", help="create an account and email an invitation")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument("--role", choices=ROLES, default="agent")
    for name, what in (
        ("disable", "disable an account (its sessions end)"),
        ("enable", "enable a disabled account"),
        ("reset", "reset the password: the old one stops working, a new invitation is sent"),
        ("sign-out", "end every session of an account"),
    ):
        commands.add_parser(name, help=what).add_argument("email")
    role = commands.add_parser("role", help="change an account's role")
    role.add_argument("email")
    role.add_argument("role", choices=ROLES)
    return parser.parse_args(argv)


def _status(active: bool, password_hash: str) -> str:
    if not active:
        return "disabled"
    return "invited" if password_hash == UNUSABLE else "active"


async def _run(args: argparse.Namespace, settings: Settings) -> list[str]:
    """What to print; raises Refused."""
    engine = create_engine(settings.database_url)
    try:
        await create_schema(engine)
        sessions = session_factory(engine)
        return await _command(args, AccountService(sessions, settings), sessions)
    except (AccountInvalid, PasswordRefused) as error:
        raise Refused(_both(error.key)) from error
    except AssistantError as error:
        raise Refused(_both(error.code)) from error
    finally:
        await engine.dispose()


async def _command(
    args: argparse.Namespace,
    accounts: AccountService,
    sessions: async_sessionmaker[AsyncSession],
) -> list[str]:
    if args.command == "list":
        return [
            f"{s.id}\t{s.email}\t{s.role}\t{_status(s.active, s.password_hash)}\t{s.name}"
            for s in await accounts.list_accounts()
        ]
    if args.command == "create":
        invited = await accounts.invite(None, email=args.email, name=args.name, role=args.role)
        return [f"{invited.staff.id}\t{invited.staff.email}\t{args.role}", invited.link]
    staff = await find_by_email(sessions, args.email)
    if staff is None:
        raise Refused(_both("account_not_found"))
    actions: dict[str, Callable[[], Awaitable[object]]] = {
        "disable": lambda: accounts.set_active(None, staff.id, False),
        "enable": lambda: accounts.set_active(None, staff.id, True),
        "reset": lambda: accounts.reset_password(None, staff.id),
        "sign-out": lambda: accounts.sign_out_everywhere(None, staff.id),
        "role": lambda: accounts.change_role(None, staff.id, args.role),
    }
    result = await actions[args.command]()
    link = getattr(result, "link", None)
    return [f"{args.command}: {staff.email}"] + ([link] if link else [])


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    args = parse_args(argv)
    try:
        lines = asyncio.run(_run(args, settings or get_settings()))
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
