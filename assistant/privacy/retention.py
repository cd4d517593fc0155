"""Retention that covers every store: what the notice says is kept N days is gone after N days.

The daily purge (``Services.purge``, run once across app processes by ``assistant.jobs``) and
``python -m assistant purge`` run ``purge_everything``, which deletes, each against its own
period from ``Settings``:

* cases, their notes and emails (``case_retention_days``) and conversations without a case —
  messages, feedback — (``conversation_retention_days``): ``assistant.cases.retention``;
* review-inbox items not seen for ``case_retention_days`` (masked text, but still a visitor's
  question), with their occurrences;
* the emails the development sink saved under ``mail_sink_dir`` (``case_retention_days``);
* log files under ``log_dir`` not written for ``log_retention_days``;
* Rasa's tracker events older than ``conversation_retention_days``, in its SQL tracker store
  (``rasa_tracker_url``): ``assistant.privacy.retention_trackers``.

Files are judged by their modification time. ``now`` can be moved forward (tests).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.cases.retention import PurgeReport, purge_expired
from assistant.core.config import Settings
from assistant.db.inbox_models import InboxItem, InboxOccurrence
from assistant.privacy.retention_trackers import (
    ENDPOINTS,
    TrackerStoreNotPurged,
    tracker_purge,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionPolicy:
    """The periods and places, from ``Settings`` (``from_settings``)."""

    case_days: int
    conversation_days: int
    log_days: int
    mail_dir: Path
    log_dir: Path
    tracker_url: str = ""  # Rasa's tracker store (endpoints.yml); unused when in memory
    endpoints: Path = ENDPOINTS

    @classmethod
    def from_settings(cls, settings: Settings) -> RetentionPolicy:
        return cls(
            case_days=settings.case_retention_days,
            conversation_days=settings.conversation_retention_days,
            log_days=settings.log_retention_days,
            mail_dir=settings.mail_sink_dir,
            log_dir=settings.log_dir,
            tracker_url=settings.rasa_tracker_url,
        )


@dataclass(frozen=True)
class RetentionReport:
    database: PurgeReport
    inbox_items: int
    mail_files: int
    log_files: int
    trackers: int
    problems: list[str] = field(default_factory=list)  # stores that could not be purged

    def __str__(self) -> str:
        text = (
            f"{self.database}, {self.inbox_items} review-inbox item(s), "
            f"{self.mail_files} mail file(s), {self.log_files} log file(s), "
            f"{self.trackers} Rasa tracker(s)"
        )
        return text + "".join(f"; NOT PURGED: {problem}" for problem in self.problems)


async def purge_inbox(sessions: async_sessionmaker[AsyncSession], cutoff: datetime) -> int:
    """Review-inbox items whose last occurrence is older than ``cutoff``, with their
    occurrences (whatever their review status)."""
    async with sessions() as session, session.begin():
        old = select(InboxItem.id).where(InboxItem.last_seen < cutoff)
        ids = list((await session.execute(old)).scalars())
        if ids:
            await session.execute(delete(InboxOccurrence).where(InboxOccurrence.item_id.in_(ids)))
            await session.execute(delete(InboxItem).where(InboxItem.id.in_(ids)))
    return len(ids)


def purge_files(directory: Path, cutoff: datetime) -> int:
    """Regular files under ``directory`` (recursively) last modified before ``cutoff``."""
    if not directory.is_dir():
        return 0
    limit = cutoff.timestamp()
    deleted = 0
    for path in sorted(directory.rglob("*")):
        try:
            if path.is_file() and not path.is_symlink() and path.stat().st_mtime < limit:
                path.unlink()
                deleted += 1
        except FileNotFoundError:  # removed meanwhile (e.g. a sink's temporary file)
            continue
    return deleted


async def purge_everything(
    sessions: async_sessionmaker[AsyncSession],
    policy: RetentionPolicy,
    now: datetime | None = None,
) -> RetentionReport:
    """The database first (one transaction), then the inbox, the files and Rasa's trackers."""
    now = now or datetime.now(UTC)
    case_cutoff = now - timedelta(days=policy.case_days)
    database = await purge_expired(
        sessions, policy.case_days, now=now, conversation_days=policy.conversation_days
    )
    inbox_items = await purge_inbox(sessions, case_cutoff)
    mail_files = purge_files(policy.mail_dir, case_cutoff)
    log_files = purge_files(policy.log_dir, now - timedelta(days=policy.log_days))
    problems: list[str] = []
    trackers = 0
    try:
        trackers = await tracker_purge(policy.tracker_url, policy.endpoints).purge_before(
            now - timedelta(days=policy.conversation_days)
        )
    except TrackerStoreNotPurged as error:
        problems.append(str(error))
        log.error("retention: %s", error)
    except (SQLAlchemyError, OSError) as error:  # Rasa's database unreachable: tomorrow again
        problems.append(f"Rasa tracker store: {type(error).__name__}")
        log.error("retention: Rasa tracker store not purged (%s)", type(error).__name__)
    return RetentionReport(database, inbox_items, mail_files, log_files, trackers, problems)
