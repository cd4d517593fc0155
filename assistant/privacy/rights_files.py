"""The files a person's data can reach outside the database, and the database file itself.

``mail_files``: the development mail sink's ``.eml`` files (``mail_sink_dir``) that name the
person — their email or a case reference, in any header or text part once decoded (MIME
encodings hide them from a plain byte search) — or carry one of their emails' Message-IDs.

``scrub_sqlite``: after a deletion, SQLite keeps deleted rows in free pages and in its
write-ahead log until they are reused; ``VACUUM`` rewrites the file without them and a
truncating checkpoint empties the log. PostgreSQL is left to its own vacuum.
"""

from __future__ import annotations

from collections.abc import Iterable
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine


def _readable(path: Path) -> str:
    data = path.read_bytes()
    parts = [data.decode("utf-8", "replace")]
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    parts += [f"{name}: {value}" for name, value in message.items()]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            try:
                parts.append(str(part.get_content()))
            except (LookupError, ValueError):
                continue
    return "\n".join(parts).casefold()


def mail_files(directory: Path, needles: Iterable[str], message_ids: Iterable[str]) -> list[Path]:
    """The ``.eml`` files in ``directory`` naming any of ``needles`` or ``message_ids``."""
    wanted = [n.casefold() for n in (*needles, *message_ids) if n]
    if not wanted or not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.glob("*.eml")):
        try:
            text = _readable(path)
        except OSError:  # removed while we listed the directory
            continue
        if any(needle in text for needle in wanted):
            found.append(path)
    return found


def remove_files(paths: Iterable[Path]) -> int:
    removed = 0
    for path in paths:
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
    return removed


async def scrub_sqlite(engine: AsyncEngine) -> None:
    """No trace of deleted rows left in an SQLite file or its log (no-op on other databases)."""
    if engine.dialect.name != "sqlite":
        return
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.exec_driver_sql("VACUUM")
        await autocommit.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
