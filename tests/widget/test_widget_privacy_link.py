"""The widget links the privacy notice on the assistant's own origin, in the interface language,
in a new tab (browser; scripted API, no Rasa)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.widget.conftest import SITE, host_page

pytestmark = [pytest.mark.browser]


def test_the_privacy_link_follows_the_interface_language(page, site, widget):
    site.serve(html=host_page(script="http://assistant.test/static/widget/widget.js"))
    site.serve(origin="http://assistant.test", path="/nothing")
    page.goto(f"{SITE}/")
    widget.open()
    link = widget.panel.get_by_role("link", name="Confidentialité (nouvel onglet)")
    expect(link).to_have_attribute("href", "http://assistant.test/confidentialite")
    expect(link).to_have_attribute("target", "_blank")
    widget.panel.get_by_role("button", name="English").click()
    english = widget.panel.get_by_role("link", name="Privacy (new tab)")
    expect(english).to_have_attribute("href", "http://assistant.test/privacy")
