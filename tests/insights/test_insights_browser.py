"""In headless Chromium against the real app: an agent opens Insights on synthetic data; axe
finds no WCAG 2.1 A/AA violation in French or in English, the data tables open from the
keyboard, and a CSV downloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from assistant.insights.seed import seed
from assistant.services import Services
from tests.staff.conftest import PASSWORD, LiveServer, add_staff
from tests.widget.conftest import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
TOP = {"x": 0, "y": 0, "width": 1280, "height": 1700}  # the README shows the first charts


async def _seed(services: Services) -> str:
    await seed(services.engine, 2000, 120)
    return (await add_staff(services, "agathe@ville.quebec.qc.ca")).email


def test_insights_pass_axe_in_both_languages_and_tables_open_from_the_keyboard(
    live_server: LiveServer, page: Page
):
    services = live_server.services
    assert services is not None
    email = live_server.run(_seed(services))

    page.goto(f"{live_server.url}/staff/insights")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{live_server.url}/staff/insights")
    assert page.locator("svg[role=img]").count() == 8
    assert run_axe(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "staff-insights-fr.png"), full_page=True, clip=TOP)

    # a chart's data table opens from the keyboard
    summary = page.locator("#chart-outcomes details.data summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#chart-outcomes table.data-table").is_visible()

    page.get_by_label("Durée").select_option("90")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**/staff/insights?days=90**")
    assert "(90 jours)" in (page.locator(".period-shown").text_content() or "")

    page.goto(f"{live_server.url}/staff/insights?lang=en")
    assert page.locator("h1").text_content() == "Insights"
    assert run_axe(page) == []
    page.screenshot(path=str(SCREENSHOTS / "staff-insights-en.png"), full_page=True, clip=TOP)

    with page.expect_download() as download:
        page.locator("#chart-regions a[download]").click()
    assert download.value.suggested_filename.startswith("insights-regions-")
