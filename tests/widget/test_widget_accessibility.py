"""The widget against the real stack for everyone: the keyboard alone, reflow at 320 px and
200% zoom, and axe-core with a conversation open."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.widget.conftest import (
    Widget,
    last_bot,
    no_errors,
    no_horizontal_scroll,
    open_demo,
    run_axe,
)

pytestmark = [pytest.mark.browser, pytest.mark.rasa, pytest.mark.slow]


# --- keyboard, reflow, axe ----------------------------------------------------------------


def focus_ring(page: Page) -> bool:
    return page.evaluate(
        """() => {
          const inner = document.activeElement.shadowRoot.activeElement;
          const style = getComputedStyle(inner);
          return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
        }"""
    )


def test_keyboard_only_open_type_send_choose_close(warm_stack, page, widget, clarification):
    page.goto(f"{warm_stack.url}/demo")
    for _ in range(40):  # Tab through the page until the launcher
        page.keyboard.press("Tab")
        if widget.active().get("cls", "").startswith("launcher"):
            break
    else:
        pytest.fail("the launcher cannot be reached with Tab")
    assert focus_ring(page)
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    assert widget.active()["tag"] == "TEXTAREA"
    page.keyboard.type(clarification.question)
    page.keyboard.press("Enter")
    widget.wait_idle()
    no_errors(widget)
    # back from the text box into the conversation, through the choices to the first one
    first_choice = clarification.choices[0]
    for _ in clarification.choices:
        page.keyboard.press("Shift+Tab")
        active = widget.active()
        assert "quick" in active["cls"], active
        if active["text"] == first_choice:
            break
    assert active["text"] == first_choice
    assert focus_ring(page)
    page.keyboard.press("Enter")
    widget.wait_idle()
    no_errors(widget)
    expect(last_bot(widget)).to_contain_text(clarification.first_answer)
    assert widget.active()["tag"] == "TEXTAREA"  # not lost with the retired buttons
    # no trap: Tab leaves the widget after its last control
    page.keyboard.press("Tab")
    assert widget.active().get("cls") == "send"
    page.keyboard.press("Tab")
    assert not widget.active().get("inPanel")
    # Esc closes and gives the focus back to the launcher
    page.keyboard.press("Shift+Tab")
    assert widget.active().get("cls") == "send"
    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    assert widget.active()["cls"].startswith("launcher")
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize(
    ("viewport", "scale"),
    [({"width": 320, "height": 640}, 1), ({"width": 640, "height": 400}, 2)],
    ids=["320px", "zoom-200"],
)
def test_reflow_at_320_px_and_200_percent_zoom(
    warm_stack, browser, viewport, scale, clarification
):
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    try:
        page = context.new_page()
        widget = Widget(page)
        open_demo(page, widget, warm_stack.url)
        widget.ask(clarification.question)  # a choice: buttons must wrap too
        no_errors(widget)
        widget.ask("Comment obtenir un permis de travail?")
        no_errors(widget)
        assert no_horizontal_scroll(page) == {
            "page": True,
            "log": True,
            "panelInside": True,
            "width": viewport["width"],
        }
        expect(widget.textarea).to_be_in_viewport()
        expect(page.locator("#bri-assistant-widget .send")).to_be_in_viewport()
        expect(page.locator("#bri-assistant-widget .close")).to_be_in_viewport()
    finally:
        context.close()


def test_axe_finds_no_wcag_21_aa_violation_with_a_conversation_open(warm_stack, page, widget):
    open_demo(page, widget, warm_stack.url)
    widget.ask("Bonjour")
    widget.ask("Comment obtenir un permis de travail?")
    widget.ask("visa")
    no_errors(widget)
    assert run_axe(page) == []
    page.locator("#bri-assistant-widget .header").get_by_role("button", name="English").click()
    expect(page.get_by_label("Your question")).to_be_visible()
    assert run_axe(page) == []
    # and closed, on the English page
    page.goto(f"{warm_stack.url}/demo?lang=en")
    expect(widget.launcher).to_be_visible()
    assert run_axe(page) == []
