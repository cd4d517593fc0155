"""The widget against the real stack with a staff member: an administrator created with the
real command claims a visitor's case, replies live (also while the panel is closed) and hands
the conversation back to the assistant."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.widget.conftest import ROOT, STORE_KEY, last_bot, no_errors

pytestmark = [pytest.mark.browser, pytest.mark.rasa, pytest.mark.slow]

STAFF_EMAIL = f"agathe.{uuid.uuid4().hex[:8]}@ville.quebec.qc.ca"  # one per test session
STAFF_PASSWORD = "widget tests only, long enough"  # noqa: S105 - a throwaway test account


# --- a staff member joins live -----------------------------------------------------------


class StaffDesk:
    """A signed-in staff member on the stack, through the staff JSON API."""

    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=30)
        response = self.http.post(
            "/staff/login", data={"email": STAFF_EMAIL, "password": STAFF_PASSWORD}
        )
        assert response.status_code == 303, response.text
        session = self.http.get("/api/staff/session")
        assert session.status_code == 200, session.text
        self.csrf_token = session.json()["csrf_token"]

    def post(self, path: str, json: Any = None) -> dict[str, Any]:
        response = self.http.post(path, json=json, headers={"X-CSRF-Token": self.csrf_token})
        assert response.status_code in (200, 201), response.text
        return response.json()

    def case_id(self, reference: str) -> int:
        cases = self.http.get("/api/staff/cases").json()["cases"]
        return next(case["id"] for case in cases if case["reference"] == reference)

    def transcript(self, case_id: int) -> list[str]:
        return [
            line["text"]
            for line in self.http.get(f"/api/staff/cases/{case_id}").json()["transcript"]
        ]


@pytest.fixture(scope="session")
def desk(warm_stack):
    """An administrator created in the stack's database with the real command, signed in."""
    result = subprocess.run(  # noqa: S603 - our own command
        [
            sys.executable,
            "-m",
            "assistant.staff.create_admin",
            "--email",
            STAFF_EMAIL,
            "--name",
            "Agathe",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "ASSISTANT_DATABASE_URL": warm_stack.database_url,
            "ASSISTANT_ADMIN_PASSWORD": STAFF_PASSWORD,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    desk = StaffDesk(warm_stack.url)
    yield desk
    desk.http.close()


def escalate_in_english(stack) -> tuple[str, str]:
    """A visitor's escalation through the API: (conversation id, case reference)."""
    turn = stack.chat("I need to talk to a person at the Bureau please")
    conversation = turn["conversation_id"]
    for text in [
        "/affirm",
        "Partner city or organisation",
        "Jean Dupont",
        "jean.dupont@mairie-exemple.fr",
        "Mairie d'Exemple",
        "France",
        "delegation visit",
        "A delegation of 8 people from 12 to 15 May.",
        "/affirm",
    ]:
        turn = stack.chat(text, conversation)
    reference = re.search(r"BRI-[0-9]{4}-[A-Z0-9]+", turn["messages"][-1]["text"])
    assert reference, turn
    return conversation, reference.group(0)


def test_a_staff_member_joins_replies_live_and_hands_back(warm_stack, desk, page, widget):
    conversation, reference = escalate_in_english(warm_stack)
    page.goto(f"{warm_stack.url}/demo?lang=en")
    page.evaluate(
        "([key, id]) => localStorage.setItem(key, JSON.stringify({conversation_id: id, expires: Date.now() + 60000}))",
        [STORE_KEY, conversation],
    )
    page.reload()
    widget.open()
    expect(widget.log).to_contain_text(reference)  # the conversation so far, restored
    case_id = desk.case_id(reference)

    desk.post(f"/api/staff/cases/{case_id}/claim")
    expect(widget.banner).to_have_text(
        "A staff member of the Bureau has joined the conversation.", timeout=15000
    )
    expect(widget.messages("system").last).to_be_visible()

    # the visitor writes: the assistant stays silent, the staff member reads it
    widget.ask("Thank you, I am here.")
    no_errors(widget)
    expect(page.locator("#bri-assistant-widget .typing")).to_be_hidden()
    expect(widget.messages("bot").last).not_to_contain_text("Thank you, I am here.")
    assert "Thank you, I am here." in desk.transcript(case_id)

    # a reply while the panel is closed: the launcher shows it
    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    desk.post(
        f"/api/staff/cases/{case_id}/reply", {"text": "Hello Jean, this is Agathe from the Bureau."}
    )
    expect(widget.launcher).to_contain_text("New message", timeout=15000)
    widget.open()
    staff = widget.messages("staff").last
    expect(staff).to_contain_text("Hello Jean, this is Agathe from the Bureau.")
    expect(staff).to_contain_text("Bureau staff")
    expect(staff).to_have_attribute("lang", "en")

    desk.post(f"/api/staff/cases/{case_id}/handback")
    expect(widget.banner).to_have_text("You are back with the automated assistant.", timeout=15000)
    widget.ask("Where is the Centre des congrès de Québec?")
    no_errors(widget)
    expect(last_bot(widget)).to_contain_text("Centre des congrès")
    expect(widget.banner).to_be_hidden()  # the assistant's answer says it all
