"""In headless Chromium against the real app: an editor sees a failed question, masked, and
turns it into a new phrasing of the suggested entry in two clicks."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from assistant.services import Services
from tests.inbox.conftest import add_staff, add_turn
from tests.staff.conftest import PASSWORD, LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
RAW = (
    "Bonjour, je m'appelle Marie Tremblay (marie.tremblay@example.com, 418-555-0100). "
    "Où stationner près du centre des congrès?"
)
MASKED = "Bonjour, je m'appelle [nom] ([courriel], [téléphone]). Où stationner près du centre des congrès?"


async def seed(services: Services) -> str:
    editor = await add_staff(services, "eloise@ville.quebec.qc.ca", name="Éloïse", role="editor")
    await add_turn(services, RAW, "fallback")
    return editor.email


def test_an_editor_turns_a_masked_failed_question_into_a_phrasing_in_two_clicks(
    live_server: LiveServer, page: Page
):
    services = live_server.services
    assert services is not None
    email = live_server.run(seed(services))

    page.goto(f"{live_server.url}/staff/inbox")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/staff/inbox")

    group = page.locator(".inbox-group").first
    assert group.locator("h2.question").text_content() == MASKED
    body = page.locator("main").text_content() or ""
    assert "Tremblay" not in body and "example.com" not in body and "555" not in body
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "staff-inbox.png"), full_page=True)

    # click 1: the suggested entry
    suggested = group.locator("ul.entries li").first
    assert "Centre des congrès de Québec" in (suggested.text_content() or "")
    suggested.get_by_role("link", name="Ajouter comme formulation").click()
    page.wait_for_url("**/staff/inbox/phrasing?**")
    assert page.locator("#phrasing-text").input_value() == MASKED
    # click 2: confirm
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url("**/staff/inbox?notice=phrased**")

    notice = page.locator(".flash.notice").text_content() or ""
    assert "Formulation ajoutée" in notice
    assert page.locator(".inbox-group").count() == 0
    entry = live_server.run(services.kb_store.published_entry("events-congress-centre"))
    assert entry is not None and MASKED in entry.content("fr").questions
    assert services.kb is not None and services.kb.retriever is not None
    decision = services.kb.retriever.decide(MASKED)
    assert decision.kind == "answer"
    assert decision.candidates[0].entry.id == "events-congress-centre"
