"""A person's rights (Law 25, ss. 27–28): find everything held about one person, by email or
by case reference. Export, rectification and deletion (``rights_export.py``,
``rights_changes.py``) all start from what ``find_holdings`` returns, so they cover the same
stores:

- cases, their internal notes and consent records;
- conversations (every message) linked to those cases, and, by email, any conversation where
  the email was typed; the feedback given in those conversations;
- emails in the outbox (to the Bureau about those cases, copies to the person's address);
- review-inbox items counted from those messages, feedback or cases (the inbox keeps only
  masked text, but an item made only of this person's occurrences goes with them);
- mail files under ``mail_sink_dir`` (the development sink) naming the email, a case
  reference or one of the outbox emails' Message-IDs.

- Rasa's tracker events (``rasa_trackers.py``: its SQL tracker store) of those conversations
  and, by email, of any conversation whose events contain the email; ``RightsService`` adds
  them (``rasa_events``): they live in Rasa's own database, outside this session.

By reference, only that case (and its conversation) is found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from assistant.core.errors import AssistantError
from assistant.db.consent_models import ConsentRecord
from assistant.db.inbox_models import InboxItem, InboxOccurrence
from assistant.db.models import Case, CaseNote, Conversation, Feedback, Message, OutboxEmail
from assistant.privacy.rasa_trackers import TrackerEvent
from assistant.privacy.rights_files import mail_files


class PersonNotIdentified(AssistantError):
    """Give exactly one of an email or a case reference."""

    code = "person_not_identified"


@dataclass(frozen=True)
class Person:
    """Who a request is about: an email, or a case reference (``BRI-2026-7K3M9Q``)."""

    email: str | None = None
    reference: str | None = None

    def __post_init__(self) -> None:
        email = (self.email or "").strip().casefold() or None
        reference = (self.reference or "").strip().upper() or None
        if (email is None) == (reference is None):
            raise PersonNotIdentified()
        object.__setattr__(self, "email", email)
        object.__setattr__(self, "reference", reference)

    @property
    def kind(self) -> str:
        """``email`` or ``reference`` — what the audit keeps (never the value)."""
        return "email" if self.email else "reference"


@dataclass
class Holdings:
    """Everything held about one person."""

    person: Person
    cases: list[Case] = field(default_factory=list)
    notes: list[CaseNote] = field(default_factory=list)
    consents: list[ConsentRecord] = field(default_factory=list)
    conversations: list[Conversation] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    emails: list[OutboxEmail] = field(default_factory=list)
    inbox_occurrences: list[InboxOccurrence] = field(default_factory=list)
    inbox_items: list[InboxItem] = field(default_factory=list)
    mail_files: list[Path] = field(default_factory=list)
    rasa_events: list[TrackerEvent] = field(default_factory=list)

    @property
    def rasa_conversations(self) -> list[str]:
        """The conversations Rasa's tracker store holds events of, in order."""
        return list(dict.fromkeys(e.conversation_id for e in self.rasa_events))

    @property
    def empty(self) -> bool:
        return not any(self.counts().values())

    @property
    def language(self) -> str:
        """The person's language: their latest case's, else their conversation's, else French."""
        for case in reversed(self.cases):
            return case.language
        for conversation in self.conversations:
            return conversation.language
        return "fr"

    def counts(self) -> dict[str, int]:
        """How many of each: what the audit keeps of a request (no personal data)."""
        return {
            "cases": len(self.cases),
            "notes": len(self.notes),
            "consents": len(self.consents),
            "conversations": len(self.conversations),
            "messages": len(self.messages),
            "feedback": len(self.feedback),
            "emails": len(self.emails),
            "inbox_items": len(self.inbox_items),
            "mail_files": len(self.mail_files),
            "rasa_trackers": len(self.rasa_conversations),
        }


def _contains(column, text: str):  # type: ignore[no-untyped-def]
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


async def find_holdings(session: AsyncSession, person: Person, mail_dir: Path) -> Holdings:
    """Everything held about ``person``, read in ``session`` (the caller's transaction, so a
    deletion removes exactly what it found)."""
    found = Holdings(person)
    if person.email:
        where_case = func.lower(Case.email) == person.email
    else:
        where_case = Case.reference == person.reference
    found.cases = list(
        (await session.execute(select(Case).where(where_case).order_by(Case.id))).scalars()
    )
    case_ids = [c.id for c in found.cases]
    conversation_ids = {c.conversation_id for c in found.cases if c.conversation_id}
    if person.email:
        typed = select(Message.conversation_id).where(_contains(Message.text, person.email))
        conversation_ids |= set((await session.execute(typed)).scalars())
    found.notes = await _all(session, select(CaseNote).where(CaseNote.case_id.in_(case_ids)))
    found.consents = await _all(
        session, select(ConsentRecord).where(ConsentRecord.case_id.in_(case_ids))
    )
    found.conversations = await _all(
        session,
        select(Conversation)
        .where(Conversation.id.in_(conversation_ids))
        .order_by(Conversation.created_at),
    )
    found.messages = await _all(
        session,
        select(Message).where(Message.conversation_id.in_(conversation_ids)).order_by(Message.id),
    )
    found.feedback = await _all(
        session, select(Feedback).where(Feedback.conversation_id.in_(conversation_ids))
    )
    to_person = func.lower(OutboxEmail.to_address) == person.email if person.email else false()
    found.emails = await _all(
        session,
        select(OutboxEmail)
        .where(or_(OutboxEmail.case_id.in_(case_ids), to_person))
        .order_by(OutboxEmail.id),
    )
    await _inbox(session, found)
    needles = [person.email or "", *(c.reference for c in found.cases)]
    found.mail_files = mail_files(
        mail_dir, [n for n in needles if n], [e.message_id for e in found.emails]
    )
    return found


async def _all(session: AsyncSession, query):  # type: ignore[no-untyped-def]
    return list((await session.execute(query)).scalars())


async def _inbox(session: AsyncSession, found: Holdings) -> None:
    sources = {
        "message": [m.id for m in found.messages if m.sender == "visitor"],
        "feedback": [f.id for f in found.feedback],
        "case": [c.id for c in found.cases],
    }
    ours = or_(
        *(
            and_(InboxOccurrence.source == source, InboxOccurrence.source_id.in_(ids))
            for source, ids in sources.items()
        )
    )
    found.inbox_occurrences = await _all(session, select(InboxOccurrence).where(ours))
    item_ids = {o.item_id for o in found.inbox_occurrences}
    others = select(InboxOccurrence.item_id).where(InboxOccurrence.item_id.in_(item_ids), ~ours)
    shared = set((await session.execute(others)).scalars())
    found.inbox_items = await _all(
        session, select(InboxItem).where(InboxItem.id.in_(item_ids - shared))
    )
