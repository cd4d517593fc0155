"""Consent to the escalation form's notice, recorded: when, which exact notice (its SHA-256,
the text itself kept once in ``consent_notices``), in which language, and the answer.

A consent given is stored with its case, in the case's own transaction (``CaseService.create``
calls ``Consent.record_given``). A refusal is stored with no case and no conversation: nothing
personal. What the visitor typed in the form's turns when it is refused or cancelled is
replaced in the transcript (``assistant/privacy/form_turns.py``). Pure helpers read Rasa's
tracker events, so the actions stay thin.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from assistant.core.i18n import t
from assistant.db.consent_models import ConsentNotice, ConsentRecord
from assistant.privacy.form_turns import forget_form_turns
from assistant.privacy.notice import consent_link, duration


def notice_text(language: str, retention_days: int, public_url: str = "") -> str:
    """The notice exactly as the form shows it: the retention period (``notice.duration``),
    then the link to the full privacy notice (``public_url`` + ``/confidentialite``)."""
    period = duration(retention_days, language)
    notice = t("consent_notice", language).format(period=period)
    return notice + "\n\n" + consent_link(public_url, language)


def notice_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Consent:
    """The visitor's answer to one notice."""

    language: str
    notice: str  # the exact text shown
    answered_at: datetime

    @property
    def notice_hash(self) -> str:
        return notice_hash(self.notice)

    async def record_given(self, session: AsyncSession, case_id: int) -> ConsentRecord:
        """With the case, in its transaction (``CaseService.create``)."""
        return await add_given(session, case_id, self)


def consent_from_events(
    events: Iterable[Mapping[str, Any]], language: str, retention_days: int, public_url: str = ""
) -> Consent:
    """The consent in a Rasa tracker's events: the notice the bot last showed (in whichever
    language it was shown) and when the consent slot was last answered."""
    notices = {notice_text(lang, retention_days, public_url): lang for lang in ("fr", "en")}
    shown, shown_language = notice_text(language, retention_days, public_url), language
    answered = None
    for event in events:
        if event.get("event") == "bot" and event.get("text") in notices:
            shown = str(event["text"])
            shown_language = notices[shown]
        elif _consent_answer(event):
            answered = datetime.fromtimestamp(float(event["timestamp"]), UTC)
    return Consent(shown_language, shown, answered or datetime.now(UTC))


def _consent_answer(event: Mapping[str, Any]) -> bool:
    return (
        event.get("event") == "slot"
        and event.get("name") == "consent"
        and event.get("value") is not None
        and bool(event.get("timestamp"))
    )


async def _notice(session: AsyncSession, consent: Consent) -> str:
    digest = consent.notice_hash
    if await session.get(ConsentNotice, digest) is None:
        session.add(ConsentNotice(hash=digest, language=consent.language, text=consent.notice))
        await session.flush()
    return digest


async def add_given(session: AsyncSession, case_id: int, consent: Consent) -> ConsentRecord:
    """In the caller's transaction (the case's): the consent given for ``case_id``."""
    record = ConsentRecord(
        case_id=case_id,
        answer="given",
        language=consent.language,
        notice_hash=await _notice(session, consent),
        answered_at=consent.answered_at,
    )
    session.add(record)
    return record


class FormPrivacy:
    """What the escalation form's actions need when the visitor says no: the refusal recorded
    (nothing personal) and the form's turns forgotten in the stored transcript."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        retention_days: int,
        public_url: str = "",
    ) -> None:
        self._sessions = sessions
        self.retention_days = retention_days  # as the notice states them (``notice_text``)
        self.public_url = public_url

    async def refused(self, consent: Consent) -> None:
        async with self._sessions() as session, session.begin():
            session.add(
                ConsentRecord(
                    case_id=None,
                    answer="refused",
                    language=consent.language,
                    notice_hash=await _notice(session, consent),
                    answered_at=consent.answered_at,
                )
            )

    async def forget_turns(self, conversation_id: str, turns: int, language: str) -> int:
        """The visitor's last ``turns`` messages (and the bot's summary of them) replaced."""
        return await forget_form_turns(self._sessions, conversation_id, turns, language)
