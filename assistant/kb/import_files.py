"""Import kb/ files into the knowledge base store: the other half of the round trip.

    python -m assistant.kb.import_files [DIR]   # DIR defaults to ASSISTANT_KB_DIR (kb/entries)

Every new or changed entry is published as a new version (audited as "import"), so a change
reviewed in version control reaches visitors without the editor; running app processes are
notified at the commit on PostgreSQL (assistant/events), else pick it up within
ASSISTANT_KB_WATCH_SECONDS. Entries absent from DIR are left as they are (retire them in
the editor). Nothing is imported when any file is invalid: every problem is listed. Exit status
0 on success, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from assistant.core.config import Settings, get_settings
from assistant.core.errors import KnowledgeBaseError
from assistant.db.engine import create_engine, create_schema, session_factory
from assistant.events import create_notifier, track_changes
from assistant.kb.loader import load_entries
from assistant.kb.store import KnowledgeBaseStore


async def import_files(settings: Settings, directory: Path) -> tuple[int, int]:
    """(entries read, entries published as a new version)."""
    entries = load_entries(directory)
    engine = create_engine(settings.database_url)
    try:
        await create_schema(engine)
        sessions = session_factory(engine)
        track_changes(sessions, create_notifier(engine))  # sends only: no LISTEN to start
        store = KnowledgeBaseStore(sessions)
        changed = await store.import_entries(entries, staff_id=None)
    finally:
        await engine.dispose()
    return len(entries), changed


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(
        prog="python -m assistant.kb.import_files",
        description="Publish the new or changed entries of DIR/<topic>/<id>.yml.",
    )
    parser.add_argument("directory", nargs="?", type=Path, default=settings.kb_dir)
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        print(f"{args.directory}: no such directory", file=sys.stderr)
        return 1
    try:
        read, changed = asyncio.run(import_files(settings, args.directory))
    except KnowledgeBaseError as error:
        print(f"Nothing imported; fix these files first:\n{error}", file=sys.stderr)
        return 1
    print(f"{read} entries read from {args.directory}: {changed} published as a new version")
    return 0


if __name__ == "__main__":
    sys.exit(main())
