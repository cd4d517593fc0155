"""``python -m assistant privacy find|export|rectify|delete --email E | --reference R``: a
person's rights from the command line, for the privacy officer (same service, same audit as the
console; the audit records the actor as ``cli``).

    privacy find --email E                       what is held, per store
    privacy export --email E --out DIR           DIR/personal-information.json and .html
    privacy rectify --reference R --name N       also --new-email, --organisation
    privacy delete --email E --yes               everything, then the files (audited)

``--reason`` takes a code of ``assistant.privacy.rights_audit.REASONS``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from assistant.core.config import Settings, get_settings
from assistant.core.errors import AssistantError
from assistant.db.engine import create_engine, create_schema, session_factory
from assistant.privacy.rasa_trackers import RasaTrackers
from assistant.privacy.rights import Person
from assistant.privacy.rights_audit import CLI, REASONS
from assistant.privacy.rights_changes import Rectification, RightsService

DEFAULT_REASONS = {
    "export": "access_request",
    "rectify": "rectification_request",
    "delete": "deletion_request",
}


def add_privacy_parser(commands: Any) -> None:
    """``privacy`` and its four actions, on the main parser's subcommands."""
    privacy = commands.add_parser(
        "privacy", help="a person's rights: find, export, rectify, delete"
    )
    actions = privacy.add_subparsers(dest="action", required=True)
    for action, help_text in (
        ("find", "everything held about a person"),
        ("export", "write it as JSON and as a readable HTML document"),
        ("rectify", "correct name, email or organisation on their cases"),
        ("delete", "delete everything (one transaction, then the mail files)"),
    ):
        parser = actions.add_parser(action, help=help_text)
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--email")
        who.add_argument("--reference", help="a case reference, e.g. BRI-2026-7K3M9Q")
        if action != "find":
            parser.add_argument("--reason", choices=REASONS, default=DEFAULT_REASONS[action])
        if action == "export":
            parser.add_argument("--out", type=Path, default=Path("."))
        if action == "rectify":
            parser.add_argument("--name")
            parser.add_argument("--new-email")
            parser.add_argument("--organisation")
        if action == "delete":
            parser.add_argument("--yes", action="store_true", help="confirm the deletion")
        parser.set_defaults(func=run_privacy)


async def _with_service(settings: Settings, work: Callable[[RightsService], Awaitable[int]]) -> int:
    engine = create_engine(settings.database_url)
    try:
        await create_schema(engine)
        trackers = RasaTrackers.from_settings(settings)
        rights = RightsService(
            session_factory(engine), engine, settings.mail_sink_dir, None, trackers
        )
        return await work(rights)
    finally:
        await engine.dispose()


def _print_counts(counts: dict[str, int]) -> None:
    for store, count in counts.items():
        print(f"  {store}: {count}")


async def _act(args: argparse.Namespace, rights: RightsService) -> int:
    person = Person(email=args.email, reference=args.reference)
    if args.action == "find" or (args.action == "delete" and not args.yes):
        found = await rights.find(person)
        print("Held:")
        _print_counts(found.counts())
        for case in found.cases:
            print(f"  case {case.reference} ({case.created_at:%Y-%m-%d}, {case.status})")
        if args.action == "delete":
            print("Nothing deleted: add --yes to delete all of the above.")
            return 1
        return 0
    if args.action == "export":
        data, document = await rights.export(person, CLI, args.reason)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "personal-information.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        (args.out / "personal-information.html").write_text(document, encoding="utf-8")
        print(f"Written: {args.out}/personal-information.json and .html")
        return 0
    if args.action == "rectify":
        changes = Rectification(args.name, args.new_email, args.organisation)
        cases = await rights.rectify(person, changes, CLI, args.reason)
        print(f"Rectified {cases} case(s).")
        return 0
    counts = await rights.delete(person, CLI, args.reason)
    print("Deleted:")
    _print_counts(counts)
    return 0


def run_privacy(args: argparse.Namespace, settings: Settings | None = None) -> int:
    try:
        return asyncio.run(
            _with_service(settings or get_settings(), lambda rights: _act(args, rights))
        )
    except AssistantError as error:
        print(f"error: {error.code}: {type(error).__doc__}")
        return 2
