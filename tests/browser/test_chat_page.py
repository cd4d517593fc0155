"""The home page (the chat widget, opened) in headless Chromium against the real stack."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.rasa, pytest.mark.slow]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WIDGET = "#bri-assistant-widget"  # Playwright's CSS locators pierce its shadow root


def test_a_visitor_types_a_question_and_reads_the_answer(stack, page):
    page.goto(f"{stack.url}/")
    page.get_by_label("Votre question").fill("Comment obtenir un permis de travail?")
    page.keyboard.press("Enter")
    bot = page.locator(f"{WIDGET} .msg.bot").first
    bot.wait_for(timeout=20000)
    assert "permis" in bot.inner_text().lower()
    assert bot.get_attribute("lang") == "fr"
    visitor = page.locator(f"{WIDGET} .msg.visitor .text").first
    assert visitor.inner_text() == "Comment obtenir un permis de travail?"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chat-page-fr.png"), full_page=True)


def test_bot_text_is_shown_as_text_never_as_html(stack, page):
    page.goto(f"{stack.url}/?lang=en")
    page.evaluate("window.__pwned = false")
    page.get_by_label("Your question").fill('<img src=x onerror="window.__pwned=true"> hello')
    page.keyboard.press("Enter")
    page.locator(f"{WIDGET} .msg.bot").first.wait_for(timeout=20000)
    assert page.locator(f"{WIDGET} .log img").count() == 0
    assert page.evaluate("window.__pwned") is False
    assert "<img" in page.locator(f"{WIDGET} .msg.visitor .text").first.inner_text()
