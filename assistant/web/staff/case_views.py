"""Builds what staff see (queue rows, a case's brief, transcript and notes) in their language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.cases.brief import AUDIENCE_LABELS, REASON_LABELS, brief_lines
from assistant.cases.service import CaseService
from assistant.db.clock import as_utc
from assistant.db.models import Case, Conversation, OutboxEmail, Staff
from assistant.staff.service import staff_names
from assistant.web.staff.labels import age_label, known_label, pick_label, time_label
from assistant.web.staff.schemas import (
    BriefLinePublic,
    CaseDetailPublic,
    CaseListPublic,
    CasePublic,
    NotePublic,
    TranscriptLinePublic,
)

EXCERPT_LENGTH = 160


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"


def case_public(
    case: Case, *, language: str, names: dict[int, str], viewer: Staff, now: datetime
) -> CasePublic:
    return CasePublic(
        id=case.id,
        reference=case.reference,
        status=case.status,
        status_label=known_label(f"staff.status.{case.status}", case.status, language),
        audience=case.audience,
        audience_label=pick_label(AUDIENCE_LABELS, case.audience, language),
        language=case.language,
        language_label=known_label(f"staff.language.{case.language}", case.language, language),
        reason=case.reason,
        reason_label=pick_label(REASON_LABELS, case.reason, language),
        visitor=case.name or "",
        summary_excerpt=_excerpt(case.summary),
        created_at=as_utc(case.created_at),
        age_label=age_label(case.created_at, now, language),
        claimed_by=case.claimed_by,
        claimed_by_name=names.get(case.claimed_by) if case.claimed_by else None,
        mine=case.claimed_by is not None and case.claimed_by == viewer.id,
        has_conversation=case.conversation_id is not None,
    )


async def dead_email_count(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session:
        query = select(func.count(OutboxEmail.id)).where(OutboxEmail.status == "dead")
        return await session.scalar(query) or 0


async def conversation_status(
    sessions: async_sessionmaker[AsyncSession], conversation_id: str | None
) -> str | None:
    if conversation_id is None:
        return None
    async with sessions() as session:
        conversation = await session.get(Conversation, conversation_id)
        return conversation.status if conversation else None


def _brief(case: Case) -> list[BriefLinePublic]:
    lines = brief_lines(case)
    return [BriefLinePublic(label=label, value=value) for label, value in lines]


@dataclass(frozen=True)
class CaseViews:
    """The queue and a case as a staff member sees them, in their console language (the pages
    and the JSON API share it); times are shown in the Bureau's ``timezone``."""

    cases: CaseService
    sessions: async_sessionmaker[AsyncSession]
    timezone: str

    async def queue(self, viewer: Staff, language: str) -> CaseListPublic:
        """The open cases, oldest first, and the number of dead-letter emails."""
        open_cases = await self.cases.list_cases()
        names = await staff_names(self.sessions, (case.claimed_by for case in open_cases))
        now = datetime.now(UTC)
        return CaseListPublic(
            cases=[
                case_public(case, language=language, names=names, viewer=viewer, now=now)
                for case in open_cases
            ],
            dead_emails=await dead_email_count(self.sessions),
        )

    async def case(self, case_id: int, viewer: Staff, language: str) -> CaseDetailPublic:
        """One case: its brief, the visitor's transcript and the internal notes. Raises
        CaseNotFound."""
        case = await self.cases.get(case_id)
        transcript = await self.cases.transcript(case)
        staff_ids = [case.claimed_by, *(note.staff_id for note in case.notes)]
        names = await staff_names(self.sessions, staff_ids)
        return CaseDetailPublic(
            case=case_public(
                case, language=language, names=names, viewer=viewer, now=datetime.now(UTC)
            ),
            brief=_brief(case),
            transcript=[
                TranscriptLinePublic(
                    sender=line.sender,
                    sender_label=known_label(f"staff.sender.{line.sender}", line.sender, language),
                    text=line.text,
                    button=line.button,
                    created_at=as_utc(line.created_at),
                    time_label=time_label(line.created_at, self.timezone),
                )
                for line in transcript
            ],
            notes=[
                NotePublic(
                    id=note.id,
                    author=names.get(note.staff_id) if note.staff_id else None,
                    text=note.text,
                    created_at=as_utc(note.created_at),
                    time_label=time_label(note.created_at, self.timezone),
                )
                for note in case.notes
            ],
            conversation_status=await conversation_status(self.sessions, case.conversation_id),
            resolution=case.resolution,
        )
