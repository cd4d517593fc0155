"""Create an administrator account (the first one, typically).

    python -m assistant.staff.create_admin --email E --name N

The password comes from ASSISTANT_ADMIN_PASSWORD or is asked twice (not echoed); it must be
at least 12 characters. An existing email is refused. Exit status 0 on success, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys

from assistant.core.config import Settings, get_settings
from assistant.core.i18n import t
from assistant.db.engine import create_engine, create_schema, session_factory
from assistant.staff.passwords import hash_password, password_problem
from assistant.staff.service import StaffExists, create_staff

PASSWORD_ENV = "ASSISTANT_ADMIN_PASSWORD"  # noqa: S105 - the variable's name, not a password


class Refused(Exception):
    """The account cannot be created; the message says why, in French and English."""


def _both(key: str) -> str:
    return f"{t(key, 'fr')}\n{t(key, 'en')}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.staff.create_admin",
        description="Create an administrator of the staff console. The password is read from "
        f"{PASSWORD_ENV} or asked twice.",
    )
    parser.add_argument("--email", required=True, help="sign-in email (case-insensitive)")
    parser.add_argument("--name", required=True, help="the name shown to colleagues")
    return parser.parse_args(argv)


def read_password() -> str:
    """From the environment, else typed twice; raises Refused when unacceptable."""
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = getpass.getpass("Mot de passe / Password: ")
        if getpass.getpass("Confirmez / Confirm: ") != password:
            raise Refused(_both("staff.password_mismatch"))
    problem = password_problem(password)
    if problem:
        raise Refused(_both(problem))
    return password


def check_identity(email: str, name: str) -> None:
    if "@" not in email.strip() or len(email.strip()) > 254:
        raise Refused(_both("staff.email_invalid"))
    if not name.strip() or len(name.strip()) > 200:
        raise Refused(_both("staff.name_invalid"))


async def create_admin(settings: Settings, *, email: str, name: str, password: str) -> int:
    """The new administrator's id; raises Refused for an existing email."""
    engine = create_engine(settings.database_url)
    try:
        await create_schema(engine)
        staff = await create_staff(
            session_factory(engine),
            email=email,
            name=name,
            password_hash=hash_password(password),
            role="admin",
        )
    except StaffExists as error:
        raise Refused(_both("staff.admin_exists")) from error
    finally:
        await engine.dispose()
    return staff.id


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    args = parse_args(argv)
    try:
        check_identity(args.email, args.name)
        password = read_password()
        staff_id = asyncio.run(
            create_admin(
                settings or get_settings(), email=args.email, name=args.name, password=password
            )
        )
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    print(_both("staff.admin_created").format(id=staff_id))
    return 0


if __name__ == "__main__":
    sys.exit(main())
