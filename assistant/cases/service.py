"""Creating cases from escalations and the staff queue's operations on them.

Every state change is one transaction; a case's emails are staged in the same transaction
(outbox), so a case never exists without its email and vice versa. Claiming is a single
conditional UPDATE: of N simultaneous claims exactly one wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.cases import emails
from assistant.cases.brief import TranscriptLine
from assistant.cases.references import new_reference
from assistant.chat.clicks import shown_texts
from assistant.chat.limits import AbuseLimits
from assistant.core.config import Settings
from assistant.core.errors import AssistantError
from assistant.db.models import Case, CaseNote, CaseTurn, Conversation, Message
from assistant.mail.message import is_plain_address
from assistant.mail.outbox import enqueue


class CaseNotFound(AssistantError):
    """No case with this id."""

    code = "case_not_found"


class CaseAlreadyClaimed(AssistantError):
    """Another staff member claimed the case first."""

    code = "case_already_claimed"


class CaseNotOwned(AssistantError):
    """Only the staff member who claimed the case may do this."""

    code = "case_not_owned"


class CaseConsent(Protocol):
    """The visitor's consent, recorded with the case in the case's own transaction
    (``assistant/privacy/consent.py``: ``Consent``; a protocol, so that cases need not import
    the privacy package, which imports cases for the retention purge)."""

    async def record_given(self, session: AsyncSession, case_id: int) -> object: ...


@dataclass(frozen=True)
class NewCase:
    conversation_id: str | None
    language: str
    audience: str = "other"
    reason: str = "visitor_request"
    name: str | None = None
    email: str | None = None
    organisation: str | None = None
    country: str | None = None
    summary: str = ""
    fields: dict[str, str] | None = None
    visitor_timezone: str | None = None
    consent: CaseConsent | None = None  # recorded with the case (time, notice, language)
    client_message_id: str | None = None  # the visitor message whose turn opens the case


def _now() -> datetime:
    return datetime.now(UTC)


class CaseService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        limits: AbuseLimits | None = None,
    ) -> None:
        self._sessions = sessions
        self._settings = settings
        self._limits = limits  # the app always has them; None: unlimited (unit tests)

    async def create(self, new: NewCase) -> Case:
        """The case, its email to the Bureau and (with an address) the visitor's copy: atomically.

        Over the escalation limits (per conversation, per client address) ``EscalationsLimited``
        and no case; over the acknowledgement limit for the visitor's address, the case and the
        Bureau's email but no copy to that address. Idempotent on the turn: a turn run again
        (``client_message_id``) gets the case it opened, with no second email."""
        opened = await self._opened_by_turn(new)
        if opened is not None:
            return opened
        try:
            return await self._create(new)
        except IntegrityError:  # the same turn, run twice at once: the other run's case
            opened = await self._opened_by_turn(new)
            if opened is None:
                raise
            return opened

    async def _opened_by_turn(self, new: NewCase) -> Case | None:
        if not (new.conversation_id and new.client_message_id):
            return None
        async with self._sessions() as session:
            found = await session.execute(
                select(Case)
                .join(CaseTurn, CaseTurn.case_id == Case.id)
                .where(
                    CaseTurn.conversation_id == new.conversation_id,
                    CaseTurn.client_message_id == new.client_message_id,
                )
            )
            return found.scalar_one_or_none()

    async def _create(self, new: NewCase) -> Case:
        acknowledge = bool(new.email and self._settings.send_acknowledgement)
        if self._limits is not None:
            await self._limits.escalation(new.conversation_id, new.language)
            if acknowledge:
                acknowledge = await self._limits.acknowledgement(str(new.email))
        async with self._sessions() as session, session.begin():
            timezone = new.visitor_timezone
            if timezone is None and new.conversation_id:
                conversation = await session.get(Conversation, new.conversation_id)
                timezone = conversation.visitor_timezone if conversation else None
            case = Case(
                reference=new_reference(_now()),
                conversation_id=new.conversation_id,
                language=new.language,
                audience=new.audience,
                reason=new.reason,
                name=new.name,
                email=new.email,
                organisation=new.organisation,
                country=new.country,
                summary=new.summary,
                fields=new.fields or {},
                visitor_timezone=timezone,
            )
            session.add(case)
            await session.flush()
            if new.conversation_id and new.client_message_id:
                session.add(
                    CaseTurn(
                        case_id=case.id,
                        conversation_id=new.conversation_id,
                        client_message_id=new.client_message_id,
                    )
                )
            if new.consent is not None:
                await new.consent.record_given(session, case.id)
            transcript = await self._transcript(session, new.conversation_id)
            brief = emails.case_email(case, transcript)
            enqueue(
                session,
                to=self._settings.bureau_email,
                subject=brief.subject,
                body=brief.text,
                kind="case",
                case_id=case.id,
                reply_to=brief.reply_to,  # staff answer the visitor with Reply
                html=brief.html,
            )
            if acknowledge and new.email:
                subject, body = emails.acknowledgement_email(case)
                enqueue(
                    session,
                    to=new.email,
                    subject=subject,
                    body=body,
                    kind="acknowledgement",
                    case_id=case.id,
                    reply_to=self._reply_to_bureau(),  # the visitor's reply reaches the Bureau
                )
        return case

    def _reply_to_bureau(self) -> str | None:
        address = self._settings.bureau_email
        return address if is_plain_address(address) else None

    async def list_cases(self, *, include_closed: bool = False) -> list[Case]:
        async with self._sessions() as session:
            query = select(Case).order_by(Case.created_at)
            if not include_closed:
                query = query.where(Case.status != "closed")
            return list((await session.execute(query)).scalars())

    async def get(self, case_id: int) -> Case:
        async with self._sessions() as session:
            case = await session.get(Case, case_id)
            if case is None:
                raise CaseNotFound(str(case_id))
            await session.refresh(case, ["notes"])
            return case

    async def transcript(self, case: Case) -> list[TranscriptLine]:
        async with self._sessions() as session:
            return await self._transcript(session, case.conversation_id)

    async def claim(self, case_id: int, staff_id: int) -> Case:
        """Atomic: the conditional UPDATE lets exactly one of concurrent claims through."""
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                update(Case)
                .where(Case.id == case_id, Case.claimed_by.is_(None), Case.status != "closed")
                .values(claimed_by=staff_id, claimed_at=_now(), status="claimed")
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                if await session.get(Case, case_id) is None:
                    raise CaseNotFound(str(case_id))
                raise CaseAlreadyClaimed(str(case_id))
            case = await session.get(Case, case_id)
            assert case is not None
            await self._set_conversation(session, case, "handoff", system_key="staff_joined")
        return case

    async def reply(self, case_id: int, staff_id: int, text: str) -> Message:
        """A staff message into the visitor's live chat (pushed to the widget)."""
        async with self._sessions() as session, session.begin():
            case = await self._owned(session, case_id, staff_id)
            if case.conversation_id is None:
                raise CaseNotFound("this case has no live conversation")
            message = Message(conversation_id=case.conversation_id, sender="staff", text=text)
            session.add(message)
        return message

    async def hand_back(self, case_id: int, staff_id: int) -> None:
        async with self._sessions() as session, session.begin():
            case = await self._owned(session, case_id, staff_id)
            await self._set_conversation(session, case, "bot", system_key="back_to_bot")

    async def close(self, case_id: int, staff_id: int, resolution: str) -> None:
        async with self._sessions() as session, session.begin():
            case = await self._owned(session, case_id, staff_id)
            case.status, case.resolution, case.closed_at = "closed", resolution, _now()
            await self._set_conversation(session, case, "bot", system_key="back_to_bot")

    async def add_note(self, case_id: int, staff_id: int, text: str) -> CaseNote:
        async with self._sessions() as session, session.begin():
            if await session.get(Case, case_id) is None:
                raise CaseNotFound(str(case_id))
            note = CaseNote(case_id=case_id, staff_id=staff_id, text=text)
            session.add(note)
        return note

    async def expire_unclaimed(self) -> list[Case]:
        """Cases nobody claimed in time continue by email; the visitor is told, with hours.

        One conditional UPDATE ... RETURNING takes the cases: whatever the number of app
        processes running this at once, each case is expired (and its visitor told) by exactly
        one of them; a staff claim racing it gives one result too (claimed first: not
        expired; expired first: the claim takes a case that continues by email)."""
        deadline = _now() - timedelta(seconds=self._settings.claim_timeout_seconds)
        async with self._sessions() as session, session.begin():
            result = await session.scalars(
                update(Case)
                .where(
                    Case.status == "new", Case.claimed_by.is_(None), Case.created_at < deadline
                )
                .values(status="email")
                .returning(Case),
                execution_options={"synchronize_session": False},
            )
            expired = list(result)
            for case in expired:
                if case.conversation_id:
                    from assistant.cases.hours import unclaimed_message

                    session.add(
                        Message(
                            conversation_id=case.conversation_id,
                            sender="system",
                            text=unclaimed_message(case, self._settings),
                        )
                    )
        return expired

    async def _owned(self, session: AsyncSession, case_id: int, staff_id: int) -> Case:
        case = await session.get(Case, case_id)
        if case is None:
            raise CaseNotFound(str(case_id))
        if case.claimed_by != staff_id:
            raise CaseNotOwned(str(case_id))
        return case

    async def _set_conversation(
        self, session: AsyncSession, case: Case, status: str, *, system_key: str
    ) -> None:
        if case.conversation_id is None:
            return
        conversation = await session.get(Conversation, case.conversation_id)
        if conversation is None or conversation.status == status:
            return
        from assistant.core.i18n import t

        conversation.status = status
        session.add(
            Message(
                conversation_id=conversation.id,
                sender="system",
                text=t(system_key, conversation.language),
            )
        )

    @staticmethod
    async def _transcript(
        session: AsyncSession, conversation_id: str | None
    ) -> list[TranscriptLine]:
        if conversation_id is None:
            return []
        conversation = await session.get(Conversation, conversation_id)
        result = await session.execute(
            select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
        )
        messages = list(result.scalars())
        # What the visitor clicked is shown by its button's title, not its payload.
        shown = shown_texts(
            ((m.sender, m.text, m.payload) for m in messages),
            conversation.language if conversation else None,
        )
        return [
            TranscriptLine(m.sender, s.text, m.created_at, button=s.button)
            for m, s in zip(messages, shown, strict=True)
        ]
