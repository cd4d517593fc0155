"""Export the published knowledge base back to its portable form, for version control.

    python -m assistant.kb.export [DIR]      # DIR defaults to ASSISTANT_KB_DIR (kb/entries)

Writes ``DIR/<topic>/<id>.yml`` for every published entry, in the format the loader reads
(kb/README.md), and removes the files of entries that are no longer published. Drafts are
not exported. Exit status 0 on success, 1 when the database holds no knowledge base yet.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from assistant.core.config import Settings, get_settings
from assistant.db.engine import create_engine, create_schema, session_factory
from assistant.kb.files import write_entries
from assistant.kb.store import KnowledgeBaseStore


async def export(settings: Settings, directory: Path) -> tuple[int, int, int]:
    """(published entries, files written, files removed)."""
    engine = create_engine(settings.database_url)
    try:
        await create_schema(engine)
        store = KnowledgeBaseStore(session_factory(engine))
        if await store.is_empty():
            raise SystemExit(
                "La base de connaissances n'a pas encore été importée (démarrez l'application).\n"
                "The knowledge base has not been imported yet (start the app first)."
            )
        entries = await store.published_entries()
    finally:
        await engine.dispose()
    written, removed = write_entries(directory, entries)
    return len(entries), written, removed


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(
        prog="python -m assistant.kb.export",
        description="Write the published knowledge base to DIR/<topic>/<id>.yml.",
    )
    parser.add_argument("directory", nargs="?", type=Path, default=settings.kb_dir)
    args = parser.parse_args(argv)
    try:
        count, written, removed = asyncio.run(export(settings, args.directory))
    except SystemExit as refusal:
        print(refusal, file=sys.stderr)
        return 1
    print(
        f"{count} entries published: {written} files written, {removed} removed ({args.directory})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
