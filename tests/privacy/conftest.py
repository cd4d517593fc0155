"""Privacy fixtures: the staff console's fixtures and a signed-in administrator; a whole
escalation driven through the real chat route (``POST /api/chat``) with a scripted Rasa whose
last turn runs the real submit action (as Rasa's action server call would), so the messages,
case, consent and emails are stored exactly as in production."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.escalation import ActionSubmitEscalation
from assistant.chat.rasa_client import RasaTurn, parse_turn
from assistant.core.i18n import t
from assistant.db.models import Case
from assistant.privacy.consent import FormPrivacy, notice_text
from assistant.services import Services
from tests.fakes import FakeRasa
from tests.staff.conftest import (  # noqa: F401 (fixtures)
    Clients,
    StaffClient,
    add_staff,
    agent,
    app,
    clients,
)


@pytest.fixture
async def admin(services: Services, clients: Clients) -> StaffClient:  # noqa: F811
    staff = await add_staff(services, "adele@ville.quebec.qc.ca", name="Adèle Admin", role="admin")
    return await clients.sign_in(staff)


class ScriptedRasa(FakeRasa):
    """Replies from a list set per turn; ``on_send`` runs first (an action, like Rasa would)."""

    def __init__(self) -> None:
        super().__init__()
        self.on_send: Callable[[str], Awaitable[list[dict[str, Any]]]] | None = None

    async def send(
        self,
        conversation_id: str,
        text: str,
        language_hint: str | None,
        *,
        page_language: str | None = None,
        message_id: str | None = None,
        retry: bool = False,
    ) -> RasaTurn:
        if self.on_send is not None:
            hook, self.on_send = self.on_send, None
            return parse_turn(await hook(conversation_id))
        return await super().send(conversation_id, text, language_hint)


def bot(text: str, language: str, outcome: str = "form", **custom: Any) -> list[dict[str, Any]]:
    return [
        {"recipient_id": "x", "text": text},
        {"recipient_id": "x", "custom": {"outcome": outcome, "language": language, **custom}},
    ]


def form_tracker(conversation_id: str, language: str, slots: dict[str, Any], turns: int) -> Tracker:
    """Rasa's tracker at the end of the form: the notice shown, consent answered, ``turns``
    visitor messages since the form started."""
    now = time.time()
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "trigger", "timestamp": now - 60},
        {"event": "active_loop", "name": "escalation_form", "timestamp": now - 59},
        {"event": "bot", "text": notice_text(language, 730), "timestamp": now - 58},
    ]
    events += [{"event": "user", "text": "…", "timestamp": now - 50 + i} for i in range(turns)]
    events.insert(
        4,
        {"event": "slot", "name": "consent", "value": slots.get("consent"), "timestamp": now - 57},
    )
    return Tracker(
        sender_id=conversation_id,
        slots={"language": language, **slots},
        latest_message={"text": "", "intent": {"name": "affirm"}, "entities": []},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": "escalation_form"},
        latest_action_name="action_listen",
    )


@dataclass
class Escalated:
    conversation_id: str
    case: Case


async def escalate(
    services: Services,
    client: httpx.AsyncClient,
    rasa: ScriptedRasa,
    *,
    name: str,
    email: str,
    language: str = "fr",
    summary: str = "Nous organisons un congrès de 800 personnes en 2027.",
) -> Escalated:
    """A full escalation: a KB answer, then the form from consent to Send; the case is made by
    the real submit action during the last turn."""

    async def chat(text: str, conversation_id: str | None, reply: list[dict[str, Any]]) -> str:
        rasa.reply = reply
        body = {"text": text, "conversation_id": conversation_id, "language": language}
        response = await client.post("/api/chat", json=body)
        assert response.status_code == 200, response.text
        return str(response.json()["conversation_id"])

    answer = bot(
        "Le Centre des congrès accueille 3 000 personnes.",
        language,
        "answer",
        kb_entries=["congress-centre"],
    )
    cid = await chat("Quelle est la capacité du centre des congrès?", None, answer)
    cid = await chat("Je veux parler à quelqu'un", cid, bot(notice_text(language, 730), language))
    slots = {
        "consent": True,
        "audience": "event_organizer",
        "contact_name": name,
        "contact_email": email,
        "organisation": "Congrès Mondial",
        "country": "France",
        "event_dates": "juin 2027",
        "attendance": "800",
        "summary": summary,
        "escalation_confirmed": True,
    }
    answers = [
        "oui",
        "organisateur",
        name,
        email,
        "Congrès Mondial",
        "France",
        "juin 2027",
        "800",
        summary,
    ]
    for text in answers:
        cid = await chat(text, cid, bot(t("ask.summary", language), language))
    summary_text = "\n".join([t("confirm_intro", language), name, email])
    cid = await chat("800", cid, bot(summary_text, language))  # repeated answer, summary shown
    dispatcher = CollectingDispatcher()
    privacy = FormPrivacy(services.sessions, 730)

    async def submit(conversation_id: str) -> list[dict[str, Any]]:
        tracker = form_tracker(conversation_id, language, slots, len(answers) + 2)
        await ActionSubmitEscalation(services.cases, privacy).run(dispatcher, tracker, {})
        return [
            {"recipient_id": "x", "text": m["text"], "custom": m.get("custom")}
            for m in dispatcher.messages
        ]

    rasa.on_send = submit
    await chat("/affirm", cid, [])
    cases = await services.cases.list_cases(include_closed=True)
    case = next(c for c in cases if c.conversation_id == cid)
    return Escalated(cid, case)
