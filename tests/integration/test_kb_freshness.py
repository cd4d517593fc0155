"""Live in seconds, against the real running app and Rasa: an editor publishes a changed answer
through the staff API and a visitor's /api/chat gets it within 60 s; rollback restores it."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from assistant.db.engine import create_engine, session_factory
from assistant.staff.service import create_staff
from tests.staff.conftest import _CHEAP, PASSWORD

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

QUESTION = "Hi! Where is the Centre des congrès de Québec and can it host our congress?"
ENTRY = "events-centre-des-congres"
MARKER = "Freshness check 4821"
DEADLINE_SECONDS = 60


async def _add_editor(database_url: str, email: str) -> None:
    engine = create_engine(database_url)
    try:
        await create_staff(
            session_factory(engine),
            email=email,
            name="Edith",
            password_hash=_CHEAP.hash(PASSWORD),
            role="editor",
        )
    finally:
        await engine.dispose()


def _answer(stack) -> str:
    reply = stack.chat(QUESTION)
    assert reply["kb_entries"] == [ENTRY], reply
    return reply["messages"][0]["text"]


def _wait_for(stack, condition) -> float:
    started = time.monotonic()
    while True:
        if condition(_answer(stack)):
            return time.monotonic() - started
        assert time.monotonic() - started < DEADLINE_SECONDS, "not live within 60 s"
        time.sleep(1)


def test_a_published_answer_reaches_visitors_within_a_minute_and_rollback_restores_it(stack):
    email = "edith.freshness@ville.quebec.qc.ca"
    asyncio.run(_add_editor(stack.database_url, email))
    before = _answer(stack)
    assert MARKER not in before

    with httpx.Client(base_url=stack.url, timeout=60) as editor:
        signed_in = editor.post("/staff/login", data={"email": email, "password": PASSWORD})
        assert signed_in.status_code == 303, signed_in.text
        csrf = {"X-CSRF-Token": editor.get("/api/staff/session").json()["csrf_token"]}
        entry = editor.get(f"/api/staff/kb/entries/{ENTRY}").json()
        current_version = entry["version"]
        changed = entry["current"]
        changed["en"]["answer"] = f"{MARKER}. {changed['en']['answer']}"[:2000]
        saved = editor.post(
            f"/api/staff/kb/entries/{ENTRY}/draft", json={"entry": changed}, headers=csrf
        )
        assert saved.status_code == 200, saved.text
        published = editor.post(f"/api/staff/kb/entries/{ENTRY}/publish", json={}, headers=csrf)
        assert published.status_code == 200, published.text

        waited = _wait_for(stack, lambda text: MARKER in text)
        print(f"published answer live after {waited:.1f} s")

        rolled = editor.post(
            f"/api/staff/kb/entries/{ENTRY}/rollback",
            json={"version": current_version},
            headers=csrf,
        )
        assert rolled.status_code == 200, rolled.text
        _wait_for(stack, lambda text: MARKER not in text)
    assert _answer(stack) == before
