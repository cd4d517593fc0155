"""Which committed writes notify whom: the session hooks that feed the notifier.

- a staff or system message, or a status change, on a conversation: ``conversation:<id>``
  (the visitor's open streams, ``assistant/chat/events.py``);
- a case created or changed (claim, reply, status): ``cases`` (the staff queue page);
- a KB entry published, rolled back or retired: ``kb`` (every process's live index).

The hooks watch the ORM (flushes, and bulk UPDATE/DELETE of cases), so every writer (the case service, the expiry job, the KB store, a
future one) notifies without calling anything. Only ids travel, never personal data.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session

from assistant.db.kb_models import KBEntryRecord
from assistant.db.models import Case, Conversation, Message
from assistant.events.notifier import Notifier

CASES = "cases"
KB = "kb"
PUSHED_SENDERS = ("staff", "system")  # what the visitor's stream shows besides the status
_NOTIFIER = "assistant.events.notifier"  # session.info key


def conversation_channel(conversation_id: str) -> str:
    return f"conversation:{conversation_id}"


def track_changes(sessions: async_sessionmaker[AsyncSession], notifier: Notifier) -> None:
    """Every session made by ``sessions`` from now on notifies ``notifier`` of its commits."""
    sessions.configure(info={_NOTIFIER: notifier})
    for name, hook in (
        ("after_flush", _after_flush),
        ("do_orm_execute", _on_execute),
        ("after_commit", _after_commit),
        ("after_soft_rollback", _after_rollback),
    ):
        if not event.contains(Session, name, hook):
            event.listen(Session, name, hook)


def changed_channels(session: Session) -> set[str]:
    """The channels that the pending (flushed, not yet committed) changes concern."""
    channels: set[str] = set()
    for item in session.new:
        if isinstance(item, Message) and item.sender in PUSHED_SENDERS:
            channels.add(conversation_channel(item.conversation_id))
        elif isinstance(item, Case):
            channels.add(CASES)
        elif isinstance(item, KBEntryRecord) and item.current_version is not None:
            channels.add(KB)
    for item in session.dirty:
        if isinstance(item, Conversation) and _changed(item, "status"):
            channels.add(conversation_channel(item.id))
        elif isinstance(item, Case) and session.is_modified(item):
            channels.add(CASES)
        elif isinstance(item, KBEntryRecord) and _changed(item, "current_version", "retired_at"):
            channels.add(KB)
    for item in session.deleted:
        if isinstance(item, Case):
            channels.add(CASES)
        elif isinstance(item, KBEntryRecord):
            channels.add(KB)
    return channels


def _changed(item: object, *attributes: str) -> bool:
    state = inspect(item)
    return any(state.attrs[name].history.has_changes() for name in attributes)


def _notifier(session: Session) -> Notifier | None:
    notifier = session.info.get(_NOTIFIER)
    return notifier if isinstance(notifier, Notifier) else None


def _after_flush(session: Session, _context: Any) -> None:
    notifier = _notifier(session)
    if notifier is None:
        return
    for channel in sorted(changed_channels(session)):
        notifier.stage(session, channel)


def _on_execute(state: ORMExecuteState) -> None:
    """Bulk statements bypass the flush: ``UPDATE cases ...`` (a claim, the expiry job)."""
    if not (state.is_update or state.is_delete):
        return
    notifier = _notifier(state.session)
    mapper = state.bind_mapper
    if notifier is not None and mapper is not None and mapper.class_ is Case:
        notifier.stage(state.session, CASES)


def _after_commit(session: Session) -> None:
    notifier = _notifier(session)
    if notifier is not None:
        notifier.committed(session)


def _after_rollback(session: Session, previous: Any) -> None:
    notifier = _notifier(session)
    if notifier is not None and not previous.nested:  # a savepoint's rollback keeps the rest
        notifier.rolled_back(session)
