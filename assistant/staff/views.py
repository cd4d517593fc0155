"""Builds what staff see (queue rows, a case's brief, transcript and notes) in their language."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.cases.brief import AUDIENCE_LABELS, REASON_LABELS, brief_lines
from assistant.core.i18n import STRINGS, t
from assistant.db.models import Case, Conversation, OutboxEmail, Staff
from assistant.staff.schemas import (
    BriefLinePublic,
    CaseDetailPublic,
    CaseListPublic,
    CasePublic,
    NotePublic,
    TranscriptLinePublic,
)
from assistant.staff.service import staff_names

if TYPE_CHECKING:
    from assistant.services import Services

EXCERPT_LENGTH = 160


def as_utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; every stored time is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def age_label(created_at: datetime, now: datetime, language: str) -> str:
    minutes = max(0, int((now - as_utc(created_at)).total_seconds() // 60))
    if minutes < 1:
        return t("staff.age.now", language)
    if minutes < 60:
        return t("staff.age.minutes", language).format(n=minutes)
    if minutes < 24 * 60:
        return t("staff.age.hours", language).format(n=minutes // 60)
    return t("staff.age.days", language).format(n=minutes // (24 * 60))


def time_label(moment: datetime, timezone: str) -> str:
    return as_utc(moment).astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


def _known(key: str, fallback: str, language: str) -> str:
    """The string for ``key``, or ``fallback`` (e.g. an unexpected status) as it is."""
    return t(key, language) if key in STRINGS else fallback


def _pick(table: dict[str, tuple[str, str]], key: str, language: str) -> str:
    fr, en = table.get(key, (key, key))
    return en if language == "en" else fr


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
        status_label=_known(f"staff.status.{case.status}", case.status, language),
        audience=case.audience,
        audience_label=_pick(AUDIENCE_LABELS, case.audience, language),
        language=case.language,
        language_label=_known(f"staff.language.{case.language}", case.language, language),
        reason=case.reason,
        reason_label=_pick(REASON_LABELS, case.reason, language),
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


async def queue_view(services: Services, viewer: Staff, language: str) -> CaseListPublic:
    """The open cases, oldest first, and the number of dead-letter emails."""
    cases = await services.cases.list_cases()
    names = await staff_names(services.sessions, (case.claimed_by for case in cases))
    now = datetime.now(UTC)
    return CaseListPublic(
        cases=[
            case_public(case, language=language, names=names, viewer=viewer, now=now)
            for case in cases
        ],
        dead_emails=await dead_email_count(services.sessions),
    )


def _brief(case: Case) -> list[BriefLinePublic]:
    lines = brief_lines(case)
    return [BriefLinePublic(label=label, value=value) for label, value in lines]


async def case_view(
    services: Services, case_id: int, viewer: Staff, language: str
) -> CaseDetailPublic:
    """One case: its brief, the visitor's transcript and the internal notes. Raises
    CaseNotFound."""
    case = await services.cases.get(case_id)
    transcript = await services.cases.transcript(case)
    names = await staff_names(
        services.sessions, [case.claimed_by, *(note.staff_id for note in case.notes)]
    )
    zone = services.settings.bureau_timezone
    return CaseDetailPublic(
        case=case_public(
            case, language=language, names=names, viewer=viewer, now=datetime.now(UTC)
        ),
        brief=_brief(case),
        transcript=[
            TranscriptLinePublic(
                sender=line.sender,
                sender_label=_known(f"staff.sender.{line.sender}", line.sender, language),
                text=line.text,
                created_at=as_utc(line.created_at),
                time_label=time_label(line.created_at, zone),
            )
            for line in transcript
        ],
        notes=[
            NotePublic(
                id=note.id,
                author=names.get(note.staff_id) if note.staff_id else None,
                text=note.text,
                created_at=as_utc(note.created_at),
                time_label=time_label(note.created_at, zone),
            )
            for note in case.notes
        ],
        conversation_status=await conversation_status(services.sessions, case.conversation_id),
        resolution=case.resolution,
    )
