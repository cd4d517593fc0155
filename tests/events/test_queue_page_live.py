"""The queue page in headless Chromium: a case created while it is open appears within a
couple of seconds, pushed by its live stream — its periodic refresh comes only after 10 s."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from tests.staff.conftest import LiveServer, add_staff, live_server, open_case, page  # noqa: F401
from tests.staff.test_xss import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("settings", ["sqlite"], indirect=True),
]


def test_a_new_case_is_pushed_to_the_open_queue_page(live_server: LiveServer, page: Page):  # noqa: F811
    services = live_server.services
    assert services is not None
    staff = live_server.run(add_staff(services, "agathe@ville.quebec.qc.ca"))
    sign_in(page, live_server.url, staff.email)
    expect(page.locator("#queue")).to_have_attribute("data-live", "true")
    loaded = time.monotonic()

    live_server.run(open_case(services, conversation_id="conv-pushed", name="Arrivée Poussée"))
    expect(page.locator("#queue td.visitor", has_text="Arrivée Poussée")).to_be_visible(
        timeout=3000
    )
    assert time.monotonic() - loaded < 9  # before the first periodic refresh (10 s)
    expect(page.locator("#refresh-status")).to_have_text(
        "Nouveaux dossiers depuis votre arrivée sur la page : 1"
    )
