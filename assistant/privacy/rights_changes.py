"""Rectifying and deleting a person's data (Law 25, s. 28), and the service the console and the
command line share (``RightsService``). Every action writes an audit entry without personal
data (``rights_audit.py``).

Rectification changes the cases' name, email and organisation, and the address of emails not
yet sent; the transcripts keep what was typed. Deletion removes, in one database transaction,
everything ``find_holdings`` found (with its audit entry), then the mail files and Rasa's
trackers of those conversations, then rewrites an SQLite file so no deleted row survives in its
free pages or log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from assistant.core.errors import AssistantError
from assistant.db.consent_models import ConsentRecord
from assistant.db.inbox_models import InboxItem, InboxOccurrence
from assistant.db.models import Case, CaseNote, Conversation, Feedback, Message, OutboxEmail
from assistant.privacy.access_log import AccessLog, forget_references
from assistant.privacy.rasa_trackers import RasaTrackers
from assistant.privacy.rights import Holdings, Person, find_holdings
from assistant.privacy.rights_audit import Actor, record
from assistant.privacy.rights_export import export_document, export_json
from assistant.privacy.rights_files import remove_files, scrub_sqlite

ORGANISATION_MAX_LENGTH = 200
NAME_LENGTH = (2, 100)  # as the escalation form accepts (assistant/cases/intake.py)
EMAIL = re.compile(r"^[^@\s<>]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")


def read_name(value: str) -> str | None:
    name = " ".join(value.split())
    shortest, longest = NAME_LENGTH
    usable = shortest <= len(name) <= longest and not any(c in name for c in "?@/<>")
    return name if usable else None


def read_email(value: str) -> str | None:
    email = value.strip()
    return email if len(email) <= 254 and EMAIL.match(email) else None


class RectificationInvalid(AssistantError):
    """A corrected value is not usable (empty change, bad email or name)."""

    code = "rectification_invalid"


class NothingHeld(AssistantError):
    """Nothing is held about this person."""

    code = "nothing_held"


@dataclass(frozen=True)
class Rectification:
    """New values; ``None`` leaves a field as it is."""

    name: str | None = None
    email: str | None = None
    organisation: str | None = None

    def checked(self) -> dict[str, str]:
        changes: dict[str, str] = {}
        if self.name is not None and self.name.strip():
            name = read_name(self.name)
            if name is None:
                raise RectificationInvalid("name")
            changes["name"] = name
        if self.email is not None and self.email.strip():
            email = read_email(self.email)
            if email is None:
                raise RectificationInvalid("email")
            changes["email"] = email
        if self.organisation is not None and self.organisation.strip():
            organisation = " ".join(self.organisation.split())
            if len(organisation) > ORGANISATION_MAX_LENGTH:
                raise RectificationInvalid("organisation")
            changes["organisation"] = organisation
        if not changes:
            raise RectificationInvalid("nothing to change")
        return changes


class RightsService:
    """``access_log``: where a staff member's export is also logged (``access_log.py``), one
    entry per case exported (or one without a case); the command line has no staff id, its
    exports are in the rights audit only. ``trackers``: Rasa's tracker store (None: Rasa keeps
    nothing the app can reach)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        engine: AsyncEngine,
        mail_dir: Path,
        access_log: AccessLog | None = None,
        trackers: RasaTrackers | None = None,
    ) -> None:
        self._sessions = sessions
        self._engine = engine
        self._mail_dir = mail_dir
        self._access_log = access_log
        self._trackers = trackers

    async def _find(self, session: AsyncSession, person: Person) -> Holdings:
        """``find_holdings``, with the Rasa tracker events of the conversations found."""
        found = await find_holdings(session, person, self._mail_dir)
        if self._trackers is not None:
            found.rasa_events = await self._trackers.events_of(
                [c.id for c in found.conversations], [person.email or ""]
            )
        return found

    async def find(self, person: Person) -> Holdings:
        """What is held (read-only; looking is not audited, exporting is)."""
        async with self._sessions() as session:
            return await self._find(session, person)

    async def export(
        self, person: Person, actor: Actor, reason: str, subject: str = "personal-information"
    ) -> tuple[dict[str, Any], str]:
        """The JSON export and the readable document (HTML, the person's language); ``subject``
        names the export in the access log."""
        async with self._sessions() as session, session.begin():
            found = await self._find(session, person)
            record(session, actor, "export", person.kind, reason, found.counts())
        if self._access_log is not None and actor.staff_id is not None:
            for case in found.cases:
                await self._access_log.exported(actor.staff_id, subject, case.id, case.reference)
            if not found.cases:  # a conversation only: logged without a case
                await self._access_log.exported(actor.staff_id, subject)
        return export_json(found), export_document(found)

    async def rectify(
        self, person: Person, changes: Rectification, actor: Actor, reason: str
    ) -> int:
        """The corrected fields on every case found; returns how many cases changed."""
        values = changes.checked()
        async with self._sessions() as session, session.begin():
            found = await find_holdings(session, person, self._mail_dir)
            if not found.cases:
                raise NothingHeld()
            old_emails = {(c.email or "").casefold() for c in found.cases}
            for case in found.cases:
                for name, value in values.items():
                    setattr(case, name, value)
            readdressed = 0
            if "email" in values:
                for email in found.emails:
                    if email.status == "pending" and email.to_address.casefold() in old_emails:
                        email.to_address = values["email"]
                        readdressed += 1
            what = {"fields": sorted(values), "cases": len(found.cases), "emails": readdressed}
            record(session, actor, "rectify", person.kind, reason, what)
        return len(found.cases)

    async def delete(self, person: Person, actor: Actor, reason: str) -> dict[str, int]:
        """Everything found, in one transaction with its audit entry; then the files."""
        async with self._sessions() as session, session.begin():
            found = await self._find(session, person)
            if found.empty:
                raise NothingHeld()
            await _delete_rows(session, found)
            record(session, actor, "delete", person.kind, reason, found.counts())
        remove_files(found.mail_files)
        if self._trackers is not None:
            await self._trackers.delete(found.rasa_conversations)
        await scrub_sqlite(self._engine)
        return found.counts()


def _ids(rows: list[Any]) -> list[Any]:
    return [row.id for row in rows]


async def _delete_rows(session: AsyncSession, found: Holdings) -> None:
    """Children first (SQLite may run without foreign-key cascades)."""
    case_ids = _ids(found.cases)
    conversation_ids = _ids(found.conversations)
    await session.execute(
        delete(InboxOccurrence).where(InboxOccurrence.id.in_(_ids(found.inbox_occurrences)))
    )
    await session.execute(delete(InboxItem).where(InboxItem.id.in_(_ids(found.inbox_items))))
    await session.execute(delete(OutboxEmail).where(OutboxEmail.id.in_(_ids(found.emails))))
    await session.execute(delete(CaseNote).where(CaseNote.case_id.in_(case_ids)))
    await session.execute(delete(ConsentRecord).where(ConsentRecord.case_id.in_(case_ids)))
    await session.execute(delete(Case).where(Case.id.in_(case_ids)))
    await forget_references(session, case_ids)  # the access log keeps who, when and what
    await session.execute(delete(Feedback).where(Feedback.conversation_id.in_(conversation_ids)))
    await session.execute(delete(Message).where(Message.conversation_id.in_(conversation_ids)))
    await session.execute(delete(Conversation).where(Conversation.id.in_(conversation_ids)))
