"""Command line: ``python -m assistant run | cluster | serve | train | purge | staff | privacy | migrate``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import subprocess
import sys
import time

from assistant import launcher
from assistant.core.config import get_settings
from assistant.db.migrate_cli import add_migrate_parser
from assistant.foreground import foreground
from assistant.privacy.rights_cli import add_privacy_parser


def _run(_: argparse.Namespace) -> int:
    """Everything: train if needed, start Rasa and the app, print the URL, stop on Ctrl-C."""
    settings = get_settings()
    for port, what in (
        (settings.port, "app"),
        (settings.actions_port, "actions"),
        (int(settings.rasa_url.rsplit(":", 1)[1]), "Rasa"),
    ):
        if not launcher.port_is_free(port, "127.0.0.1"):
            print(
                f"Port {port} ({what}) is already in use: stop what uses it "
                "or set the ASSISTANT_* ports.",
                file=sys.stderr,
            )
            return 1
    model = launcher.ensure_model()
    token = settings.action_endpoint_token  # persisted in var/: the same for both sides
    rasa_port = int(settings.rasa_url.rsplit(":", 1)[1])
    started = time.monotonic()
    launcher.say("Starting the Rasa server (loopback) and the app")
    rasa = launcher.start_rasa(
        model,
        port=rasa_port,
        actions_url=settings.actions_url,
        token=token,
        tracker_url=settings.rasa_tracker_url,
        redis_url=settings.redis_url,
    )
    app = launcher.start_app(
        port=settings.port, actions_port=settings.actions_port, rasa_port=rasa_port, token=token
    )
    processes = [app, rasa]
    if settings.run_mail_sink:
        if not launcher.port_is_free(settings.smtp_port):
            print(f"Port {settings.smtp_port} (mail sink) is already in use.", file=sys.stderr)
            launcher.stop(processes)
            return 1
        processes.append(launcher.start_mail_sink())

    def ready() -> list[subprocess.Popen[bytes]]:
        launcher.wait_until(
            f"http://127.0.0.1:{settings.port}/health", app, "app", 60, ok=(200, 503)
        )
        launcher.check_action_token(settings.actions_port, token)
        launcher.say(
            "Waiting for Rasa to load its model and the knowledge base to be indexed (1 to 3 min)"
        )
        launcher.wait_until(
            f"http://127.0.0.1:{settings.port}/health", app, "Rasa or the knowledge base", 600
        )
        launcher.say(
            f"Ready in {time.monotonic() - started:.0f} s. Chat at {settings.base_url}/ "
            f"(API docs: {settings.base_url}/docs)"
        )
        print(
            f"Staff console: {settings.base_url}/staff (first account: "
            ".venvs/app/bin/python -m assistant.staff.create_admin --email E --name N)"
        )
        if settings.run_mail_sink:
            print(
                f"Emails to the Bureau land in {settings.mail_sink_dir}/ (development mail sink)."
            )
        return processes

    try:
        return foreground(ready, "Stopping")
    finally:
        launcher.stop(processes)


def _cluster(_: argparse.Namespace) -> int:
    """nginx, two apps, two Rasa, PostgreSQL and Redis on this machine (assistant/cluster/)."""
    from assistant.cluster.run import run_cluster

    return run_cluster()


def _serve(_: argparse.Namespace) -> int:
    """The app alone (public app + loopback action endpoint); Rasa is started separately."""
    from assistant.core.errors import MigrationError
    from assistant.server import event_loop_factory, serve

    try:
        with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
            runner.run(serve(get_settings()))
    except MigrationError as error:  # the schema could not be brought to head at start
        print(f"error: database schema: {error}", file=sys.stderr)
        return 1
    return 0


def _train(args: argparse.Namespace) -> int:
    launcher.ensure_model(config=args.config)
    return 0


def _purge(_: argparse.Namespace) -> int:
    """Delete what is past its retention period, in every store (the app also does it daily)."""
    from assistant.db.engine import create_engine, create_schema, session_factory
    from assistant.privacy.retention import RetentionPolicy, purge_everything

    settings = get_settings()

    async def purge() -> str:
        engine = create_engine(settings.database_url)
        try:
            await create_schema(engine)
            policy = RetentionPolicy.from_settings(settings)
            report = await purge_everything(session_factory(engine), policy)
        finally:
            await engine.dispose()
        return str(report)

    print(
        f"Retention {settings.case_retention_days} days (conversations without a case "
        f"{settings.conversation_retention_days}, logs {settings.log_retention_days}): "
        f"{asyncio.run(purge())}"
    )
    return 0


def _staff(arguments: list[str]) -> int:
    """Staff accounts: list, create (by invitation), disable, enable, reset, sign-out, role."""
    from assistant.staff import cli

    return cli.main(arguments)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(prog="python -m assistant")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "run", help="train if needed, start everything, print the URL"
    ).set_defaults(func=_run)
    commands.add_parser(
        "cluster", help="nginx, 2 apps, 2 Rasa, PostgreSQL, Redis on loopback; print the URL"
    ).set_defaults(func=_cluster)
    commands.add_parser("serve", help="start the app only").set_defaults(func=_serve)
    train = commands.add_parser("train", help="train the Rasa model if its inputs changed")
    train.add_argument("--config", default="config.yml")
    train.set_defaults(func=_train)
    commands.add_parser(
        "purge", help="delete everything past its retention period (cases, conversations, "
        "review inbox, mail and log files)"
    ).set_defaults(func=_purge)
    add_privacy_parser(commands)  # find | export | rectify | delete (assistant/privacy/)
    add_migrate_parser(commands)  # database schema (assistant/db/migrate_cli.py)
    commands.add_parser(
        "staff",
        help="staff accounts: list | create | disable | enable | reset | sign-out | role "
        "(python -m assistant staff --help)",
        add_help=False,
    )
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["staff"]:  # its own parser (assistant/staff/cli.py)
        return _staff(arguments[1:])
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except launcher.LaunchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
