"""ASVS 4.0.3 V1.11.3 / V11.1.6: business flows hold when the same action arrives twice at
the same instant (no race, no lost update, no 500) — on SQLite thanks to ``BEGIN IMMEDIATE``
(``assistant/db/engine.py``), on PostgreSQL thanks to ``SELECT ... FOR UPDATE`` and the
unique constraints the same code relies on."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from assistant.chat.rasa_client import RasaTurn
from assistant.core.errors import AssistantUnavailable
from assistant.core.i18n import t
from assistant.db.models import Message
from assistant.services import Services
from tests.fakes import FakeRasa
from tests.postgres import settings  # noqa: F401  (both databases, whatever --database says)
from tests.staff.conftest import Clients, StaffClient, add_staff

ENTRY = "talent-work-permit"
API = f"/api/staff/kb/entries/{ENTRY}"


class SlowRasa(FakeRasa):
    """Rasa taking its time (a cold model): the window in which a retry races the first."""

    def __init__(self, seconds: float = 0.4) -> None:
        super().__init__()
        self.seconds = seconds

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
        down = self.down  # as it was when the request arrived
        await asyncio.sleep(self.seconds)
        if down:
            self.calls.append((conversation_id, text, language_hint))
            raise AssistantUnavailable("down")
        return await super().send(conversation_id, text, language_hint)


@pytest.fixture
def slow_rasa(services: Services) -> SlowRasa:
    fake = SlowRasa()
    services.chat._rasa = fake  # type: ignore[assignment]
    services.rasa = fake  # type: ignore[assignment]
    return fake


async def _editor(services: Services, clients: Clients, email: str, name: str) -> StaffClient:
    staff = await add_staff(services, email, name=name, role="editor")
    return await clients.sign_in(staff)


@pytest.fixture
async def editors(services: Services, clients: Clients) -> tuple[StaffClient, StaffClient]:
    first = await _editor(services, clients, "edith@ville.quebec.qc.ca", "Edith")
    second = await _editor(services, clients, "eric@ville.quebec.qc.ca", "Éric")
    return first, second


async def _read(editor: StaffClient) -> dict[str, Any]:
    response = await editor.get(API)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _with_answer(state: dict[str, Any], fr: str) -> dict[str, Any]:
    entry = dict(state["draft"] or state["current"])
    entry["fr"] = {**entry["fr"], "answer": fr}
    return entry


# --- knowledge base: publishing and saving drafts ------------------------------------------


async def test_v11_1_6_two_editors_publishing_the_same_entry_at_once_make_one_version_and_one_409(
    services, editors
):
    edith, eric = editors
    state = await _read(edith)
    entry = _with_answer(state, "Les permis de travail relèvent d'IRCC : https://www.canada.ca")
    assert (await edith.post(f"{API}/draft", {"entry": entry})).status_code == 200

    both = await asyncio.gather(
        edith.post(f"{API}/publish", {"comment": "Edith"}),
        eric.post(f"{API}/publish", {"comment": "Éric"}),
    )

    assert sorted(r.status_code for r in both) == [200, 409], [r.text for r in both]
    refused = next(r for r in both if r.status_code == 409).json()["error"]
    assert refused["code"] == "kb_no_draft"  # the draft was already published: nothing left
    assert refused["message"] == f"{t('kb_no_draft', 'fr')} / {t('kb_no_draft', 'en')}"
    assert [v.number for v in await services.kb_store.versions(ENTRY)] == [2, 1]
    published = await services.kb_store.published_entry(ENTRY)
    assert published is not None and published.content("fr").answer.startswith("Les permis")


async def test_v11_1_6_two_editors_publishing_from_the_editor_page_at_once(services, editors):
    edith, eric = editors
    page = await edith.get(f"/staff/kb/{ENTRY}")
    version = (await _read(edith))["draft_version"]
    assert f'name="draft_version" value="{version}"' in page.text
    form = {
        "draft_version": version,
        "topic": "talent",
        "competent_body": "gouvernement-du-canada",
        "audiences": "talent",
        "last_verified": "2026-11-28",
        "sources": "https://www.canada.ca",
        "fr_title": "Permis de travail",
        "fr_answer": "Voir IRCC : https://www.canada.ca",
        "fr_questions": "Comment obtenir un permis de travail?",
        "en_title": "Work permits",
        "en_answer": "See IRCC: https://www.canada.ca",
        "en_questions": "How do I get a work permit?",
    }

    both = await asyncio.gather(
        edith.submit(f"/staff/kb/{ENTRY}/publish", form),
        eric.submit(f"/staff/kb/{ENTRY}/publish", form),
    )

    places = sorted(r.headers["location"] for r in both)
    assert [r.status_code for r in both] == [303, 303]
    assert places == [
        f"/staff/kb/{ENTRY}?error=kb_draft_conflict",
        f"/staff/kb/{ENTRY}?notice=published",
    ]
    assert [v.number for v in await services.kb_store.versions(ENTRY)] == [2, 1]
    shown = await eric.get(places[0])
    assert "Enregistrement refusé : une autre personne a modifié ce brouillon" in shown.text


async def test_v11_1_6_saving_over_another_editors_newer_draft_is_refused(services, editors):
    edith, eric = editors
    read_by_edith, read_by_eric = await _read(edith), await _read(eric)
    assert read_by_edith["draft_version"] == read_by_eric["draft_version"]

    saved = await edith.post(
        f"{API}/draft",
        {
            "entry": _with_answer(read_by_edith, "Version d'Edith : https://www.canada.ca"),
            "draft_version": read_by_edith["draft_version"],
        },
    )
    assert saved.status_code == 200
    assert saved.json()["draft_version"] != read_by_edith["draft_version"]

    stale = await eric.post(
        f"{API}/draft",
        {
            "entry": _with_answer(read_by_eric, "Version d'Éric : https://www.canada.ca"),
            "draft_version": read_by_eric["draft_version"],
        },
    )
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "kb_draft_conflict"
    assert t("kb_draft_conflict", "fr") in error["message"]
    assert t("kb_draft_conflict", "en") in error["message"]
    assert (await _read(eric))["draft"]["fr"]["answer"].startswith("Version d'Edith")

    # Éric reloads: his save on top of Edith's draft goes through.
    fresh = await _read(eric)
    again = await eric.post(
        f"{API}/draft",
        {
            "entry": _with_answer(fresh, "Version d'Éric : https://www.canada.ca"),
            "draft_version": fresh["draft_version"],
        },
    )
    assert again.status_code == 200
    assert again.json()["draft"]["fr"]["answer"].startswith("Version d'Éric")


async def test_v11_1_6_two_saves_from_the_same_version_at_once_keep_exactly_one(editors):
    edith, eric = editors
    state = await _read(edith)
    both = await asyncio.gather(
        *(
            editor.post(
                f"{API}/draft",
                {
                    "entry": _with_answer(state, f"Version de {name} : https://www.canada.ca"),
                    "draft_version": state["draft_version"],
                },
            )
            for editor, name in ((edith, "Edith"), (eric, "Éric"))
        )
    )
    assert sorted(r.status_code for r in both) == [200, 409]
    kept = next(r for r in both if r.status_code == 200).json()["draft"]["fr"]["answer"]
    assert (await _read(edith))["draft"]["fr"]["answer"] == kept


# --- visitor messages: idempotent on client_message_id -------------------------------------


async def _visitor_messages(services: Services, conversation_id: str, client_id: str) -> int:
    async with services.sessions() as session:
        count = await session.scalar(
            select(func.count(Message.id)).where(
                Message.conversation_id == conversation_id,
                Message.client_message_id == client_id,
            )
        )
    return int(count or 0)


async def test_v1_11_3_identical_messages_sent_at_once_get_one_rasa_turn_and_one_reply(
    services, client: httpx.AsyncClient, slow_rasa
):
    opened = await client.post("/api/chat", json={"text": "Bonjour", "language": "fr"})
    assert opened.status_code == 200
    conversation_id = opened.json()["conversation_id"]
    body = {
        "text": "Comment obtenir un permis de travail?",
        "conversation_id": conversation_id,
        "client_message_id": "double-click-1",
    }

    replies = await asyncio.gather(*(client.post("/api/chat", json=body) for _ in range(5)))

    assert [r.status_code for r in replies] == [200] * 5, [r.text for r in replies]
    assert all(r.json() == replies[0].json() for r in replies)
    assert [c[1] for c in slow_rasa.calls].count(body["text"]) == 1
    assert await _visitor_messages(services, conversation_id, "double-click-1") == 1
    assert len(services.chat._turn_locks) == 0  # nothing left behind


async def test_v1_11_3_a_retry_while_the_first_waits_on_rasa_gets_the_same_reply(
    services, client: httpx.AsyncClient, slow_rasa
):
    opened = await client.post("/api/chat", json={"text": "Bonjour", "language": "fr"})
    conversation_id = opened.json()["conversation_id"]
    body = {"text": "Merci", "conversation_id": conversation_id, "client_message_id": "m-2"}

    first = asyncio.create_task(client.post("/api/chat", json=body))
    await asyncio.sleep(slow_rasa.seconds / 2)  # the first is now waiting on Rasa
    retry = await client.post("/api/chat", json=body)

    assert retry.status_code == 200 and (await first).json() == retry.json()
    assert [c[1] for c in slow_rasa.calls].count("Merci") == 1


async def test_v1_11_3_a_retry_after_rasa_failed_is_answered_not_stuck(
    services, client: httpx.AsyncClient, slow_rasa
):
    opened = await client.post("/api/chat", json={"text": "Bonjour", "language": "fr"})
    conversation_id = opened.json()["conversation_id"]
    body = {"text": "Allo?", "conversation_id": conversation_id, "client_message_id": "m-3"}

    slow_rasa.down = True
    first = asyncio.create_task(client.post("/api/chat", json=body))
    await asyncio.sleep(slow_rasa.seconds / 2)
    slow_rasa.down = False  # Rasa is back while the retry waits behind the failing first
    retry = await client.post("/api/chat", json=body)

    assert (await first).status_code == 503
    assert retry.status_code == 200 and retry.json()["messages"][0]["text"] == "Bonjour!"
    assert await _visitor_messages(services, conversation_id, "m-3") == 1


async def test_v1_11_3_a_copy_stored_by_another_process_meanwhile_returns_its_reply(
    services, fake_rasa, monkeypatch
):
    """A second app process (its own queue) checks before the first stores, inserts after: the
    unique (conversation, client_message_id) refuses it, and it answers with the stored reply."""
    from assistant.chat.schemas import ChatRequest
    from assistant.chat.service import ChatService
    from assistant.chat.turn_store import TurnStore

    first = await services.chat.handle(ChatRequest(text="Bonjour", language="fr"))
    request = ChatRequest(
        text="Merci", conversation_id=first.conversation_id, client_message_id="p"
    )
    answered = await services.chat.handle(request)

    store = TurnStore(services.sessions)  # as on PostgreSQL, where processes share a database
    other_process = ChatService(services.sessions, fake_rasa, store=store)
    real_lookup = store._conversation

    looked: list[bool] = []

    async def saw_nothing_yet(session, request):  # type: ignore[no-untyped-def]
        conversation, stored = await real_lookup(session, request)
        if not looked:  # its first look happened before the first process stored the message
            looked.append(True)
            return conversation, None
        return conversation, stored

    monkeypatch.setattr(store, "_conversation", saw_nothing_yet)
    assert await other_process.handle(request) == answered
    assert [c[1] for c in fake_rasa.calls].count("Merci") == 1
    assert await _visitor_messages(services, first.conversation_id, "p") == 1
