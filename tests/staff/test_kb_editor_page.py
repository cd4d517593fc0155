"""The KB editor end to end in headless Chromium: an editor signs in, changes an answer in
French and English side by side, previews it, publishes it, and visitors get it at once."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.staff.conftest import LiveServer, add_staff
from tests.staff.test_xss import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NEW_FR = "Le Centre des congrès de Québec accueille aussi les salons; réservez sur https://www.convention.qc.ca/"
NEW_EN = "The Québec City Convention Centre also hosts trade shows; book at https://www.convention.qc.ca/"


def test_an_editor_changes_previews_publishes_and_rolls_back(live_server: LiveServer, page: Page):
    services = live_server.services
    assert services is not None
    editor = live_server.run(add_staff(services, "edith@ville.quebec.qc.ca", role="editor"))
    sign_in(page, live_server.url, editor.email)

    page.click("#nav-kb")
    expect(page.locator("h1")).to_have_text("Base de connaissances")
    page.click("a[href='/staff/kb/events-congress-centre']")
    expect(page.locator("#fr_title")).to_have_value("Centre des congrès de Québec")
    expect(page.locator("#en_title")).to_have_value("Québec City Convention Centre")

    page.fill("#fr_answer", NEW_FR)
    page.fill("#en_answer", NEW_EN)
    page.fill("#en_questions", "Where can we host a congress in Québec City?\ntrade show venue")
    page.fill("#preview-question", "trade show venue")
    page.select_option("#preview-language", "en")
    page.click("#preview")
    expect(page.locator("#preview-result")).to_contain_text(NEW_EN)
    expect(page.locator("#preview-result")).to_contain_text("avec ce brouillon")
    # not live yet
    live = services.kb.retriever.entry("events-congress-centre")
    assert live is not None and live.en.answer != NEW_EN

    page.fill("#comment", "salons")
    page.click("#publish")
    expect(page.locator(".flash.notice")).to_contain_text("Publiée")
    expect(page.locator("#entry-status")).to_have_text("Publiée")
    decision = services.kb.retriever.decide("trade show venue")
    assert decision.kind == "answer"
    assert decision.candidates[0].entry.content("en").answer == NEW_EN

    page.click("#history-link")
    expect(page.locator("#diff")).to_contain_text("salons")
    page.click("#rollback-1")
    expect(page.locator(".flash.notice")).to_contain_text("Version republiée")
    restored = services.kb.retriever.entry("events-congress-centre")
    assert restored is not None and restored.en.answer != NEW_EN
