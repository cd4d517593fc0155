"""Where failed questions come from: the chat's stored turns, 👎 votes and escalated cases.

Each reader returns ``Failure`` records with the *raw* visitor text; the collector masks it
before anything is stored (``assistant/inbox/collector.py``). Nothing here logs visitor text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from assistant.chat.payloads import is_payload
from assistant.db.clock import as_utc
from assistant.db.inbox_models import InboxOccurrence
from assistant.db.models import Case, Feedback, Message

Reason = Literal["no_answer", "clarify", "out_of_scope", "thumbs_down", "escalated"]
REASONS: tuple[Reason, ...] = ("no_answer", "clarify", "out_of_scope", "thumbs_down", "escalated")
Source = Literal["message", "feedback", "case"]

# A visitor turn's outcome (the chat API's) -> why it is a failure.
FAILED_OUTCOMES: dict[str, Reason] = {
    "fallback": "no_answer",  # the KB had no confident answer, or the message was not understood
    "clarify": "clarify",  # the assistant had to ask which entry was meant
    "out_of_scope": "out_of_scope",  # kept only if it looks in scope (see the collector)
}
# Outcomes of a turn where the visitor asked something (not a form answer, not small talk).
QUESTION_OUTCOMES = frozenset({"answer", "clarify", "fallback", "out_of_scope"})
# A visitor turn without a reply yet is waited for this long before the cursor passes it.
REPLY_GRACE = timedelta(minutes=2)
BATCH = 2000


@dataclass(frozen=True)
class Failure:
    source: Source
    source_id: int
    text: str  # raw: mask before storing
    language: str
    reason: Reason
    occurred_at: datetime
    conversation_id: str | None
    candidates: tuple[str, ...] = ()  # KB entry ids the turn involved
    known_names: tuple[str, ...] = field(default=(), repr=False)  # from escalation forms


def _language(value: Any) -> str:
    return "en" if value == "en" else "fr"


def _entries(payload: dict[str, Any] | None) -> tuple[str, ...]:
    values = (payload or {}).get("kb_entries") or []
    return tuple(str(v) for v in values if isinstance(v, str))


def _outcome(message: Message) -> str | None:
    outcome = (message.payload or {}).get("outcome")
    return outcome if isinstance(outcome, str) else None


async def failed_turns(
    session: AsyncSession, after_id: int, now: datetime
) -> tuple[list[Failure], int]:
    """Visitor messages after ``after_id`` whose reply was a failure, and the new cursor: the
    last message read, except that a recent message still waiting for its reply stops it."""
    rows = await session.execute(
        select(Message)
        .where(Message.sender == "visitor", Message.id > after_id)
        .order_by(Message.id)
        .limit(BATCH)
    )
    failures: list[Failure] = []
    cursor = after_id
    waiting = False
    for message in rows.scalars():
        if message.payload is None and as_utc(message.created_at) > now - REPLY_GRACE:
            waiting = True
        if not waiting:
            cursor = message.id
        reason = FAILED_OUTCOMES.get(_outcome(message) or "")
        if reason is None or is_payload(message.text):
            continue
        failures.append(
            Failure(
                source="message",
                source_id=message.id,
                text=message.text,
                language=_language((message.payload or {}).get("language")),
                reason=reason,
                occurred_at=as_utc(message.created_at),
                conversation_id=message.conversation_id,
                candidates=_entries(message.payload),
            )
        )
    return failures, cursor


def _not_counted(source: Source, column: Any) -> Any:
    return ~exists().where(InboxOccurrence.source == source, InboxOccurrence.source_id == column)


async def thumbs_down(session: AsyncSession) -> list[Failure]:
    """Answers a visitor voted 👎 on, not yet counted."""
    rows = await session.execute(
        select(Feedback)
        .where(Feedback.value == "down", _not_counted("feedback", Feedback.id))
        .order_by(Feedback.id)
        .limit(BATCH)
    )
    return [
        Failure(
            source="feedback",
            source_id=vote.id,
            text=vote.question,
            language=_language(vote.language),
            reason="thumbs_down",
            occurred_at=as_utc(vote.created_at),
            conversation_id=vote.conversation_id,
            candidates=(vote.kb_entry,),
        )
        for vote in rows.scalars()
        if vote.question.strip() and not is_payload(vote.question)
    ]


async def escalations(session: AsyncSession) -> list[Failure]:
    """For each escalated case not yet counted: the visitor's last question before it (a turn
    the assistant tried to answer), else the summary they wrote in the form."""
    cases = (
        (
            await session.execute(
                select(Case).where(_not_counted("case", Case.id)).order_by(Case.id).limit(BATCH)
            )
        )
        .scalars()
        .all()
    )
    failures: list[Failure] = []
    for case in cases:
        question = await _question_before(session, case)
        text = question.text if question else case.summary
        if not text or not text.strip():
            continue
        failures.append(
            Failure(
                source="case",
                source_id=case.id,
                text=text,
                language=_language(case.language),
                reason="escalated",
                occurred_at=as_utc(case.created_at),
                conversation_id=case.conversation_id,
                candidates=_entries(question.payload) if question else (),
                known_names=tuple(n for n in (case.name, case.email) if n),
            )
        )
    return failures


async def _question_before(session: AsyncSession, case: Case) -> Message | None:
    if case.conversation_id is None:
        return None
    rows = await session.execute(
        select(Message)
        .where(
            Message.conversation_id == case.conversation_id,
            Message.sender == "visitor",
            Message.created_at <= case.created_at,
        )
        .order_by(Message.id.desc())
        .limit(200)
    )
    for message in rows.scalars():
        if _outcome(message) in QUESTION_OUTCOMES and not is_payload(message.text):
            return message
    return None


async def names_given(
    session: AsyncSession, conversation_ids: Iterable[str | None]
) -> dict[str, tuple[str, ...]]:
    """The names and addresses visitors typed in escalation forms, per conversation, so that
    the same name is masked in that conversation's other questions too."""
    wanted = {c for c in conversation_ids if c}
    if not wanted:
        return {}
    rows = await session.execute(
        select(Case.conversation_id, Case.name, Case.email).where(Case.conversation_id.in_(wanted))
    )
    found: dict[str, tuple[str, ...]] = {}
    for conversation_id, name, email in rows.all():
        given = tuple(v for v in (name, email) if v)
        found[str(conversation_id)] = (*found.get(str(conversation_id), ()), *given)
    return found
