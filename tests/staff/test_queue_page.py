"""The queue page in headless Chromium: a case created while a staff member has the page open
appears without a reload and is announced, in the status region and in the tab title."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.staff.conftest import LiveServer, add_staff, open_case
from tests.staff.test_xss import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_new_case_appears_and_is_announced_while_the_queue_is_open(
    live_server: LiveServer, page: Page
):
    services = live_server.services
    assert services is not None
    staff = live_server.run(add_staff(services, "agathe@ville.quebec.qc.ca"))
    live_server.run(open_case(services, conversation_id="conv-old", name="Déjà là"))
    sign_in(page, live_server.url, staff.email)
    expect(page.locator("#queue tbody tr[data-case-id]")).to_have_count(1)
    title = page.title()

    live_server.run(open_case(services, conversation_id="conv-new", name="Nouvelle Venue"))
    with page.expect_response(lambda response: "/api/staff/cases" in response.url):
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")

    expect(page.locator("#queue tbody tr[data-case-id]")).to_have_count(2)
    expect(page.locator("#queue td.visitor", has_text="Nouvelle Venue")).to_be_visible()
    expect(page.locator("#refresh-status")).to_have_text(
        "Nouveaux dossiers depuis votre arrivée sur la page : 1"
    )
    assert page.title() == f"(1) {title}"
