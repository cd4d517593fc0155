"""The access log: every staff view of a case (page or API) and every export (the incident
register, a person's data) is recorded with who, when and which case — never visitor data — and
the privacy roles (admin by default) read it filtered; others may not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from markupsafe import escape
from sqlalchemy import select

from assistant.db.access_models import AccessEntry
from assistant.services import Services
from tests.privacy.conftest import StaffClient
from tests.staff.conftest import open_case

ACCESS = "/staff/privacy/access"


async def _entries(services: Services) -> list[AccessEntry]:
    async with services.sessions() as session:
        return list((await session.execute(select(AccessEntry).order_by(AccessEntry.id))).scalars())


async def test_case_views_and_exports_are_logged_and_admins_read_them(
    services: Services, agent: StaffClient, admin: StaffClient
):
    case = await open_case(services, name="Zoé Visiteuse", email="zoe@example.org")
    assert (await agent.get(f"/staff/cases/{case.id}")).status_code == 200
    assert (await agent.get(f"/api/staff/cases/{case.id}")).status_code == 200
    assert (await agent.get("/staff/cases/424242")).status_code == 404  # nothing viewed
    assert (await admin.get("/staff/privacy/incidents.csv")).status_code == 200

    entries = await _entries(services)
    assert [(e.staff_id, e.action, e.case_reference) for e in entries] == [
        (agent.staff.id, "view_case", case.reference),
        (agent.staff.id, "view_case", case.reference),
        (admin.staff.id, "export", None),
    ]
    assert entries[2].subject == "incidents.csv"

    page = await admin.get(ACCESS)
    assert page.status_code == 200
    assert page.text.count(case.reference) >= 2 and agent.staff.name in page.text
    assert escape("Consultation d'un dossier") in page.text and "incidents.csv" in page.text
    assert "Zoé Visiteuse" not in page.text and "zoe@example.org" not in page.text
    english = await admin.get(ACCESS, params={"lang": "en"})
    assert "Case viewed" in english.text and "Access log" in english.text


async def test_the_log_is_filtered_by_staff_action_case_and_dates(
    services: Services, agent: StaffClient, admin: StaffClient
):
    first = await open_case(services, conversation_id="c1")
    second = await open_case(services, conversation_id="c2")
    await agent.get(f"/staff/cases/{first.id}")
    await admin.get(f"/staff/cases/{second.id}")
    await admin.get("/staff/privacy/incidents.csv")

    by_agent = (await admin.get(ACCESS, params={"staff": agent.staff.id})).text
    assert first.reference in by_agent and second.reference not in by_agent
    exports = (await admin.get(ACCESS, params={"action": "export"})).text
    assert "incidents.csv" in exports and first.reference not in exports
    by_case = (await admin.get(ACCESS, params={"reference": second.reference.lower()})).text
    assert second.reference in by_case and first.reference not in by_case
    today = datetime.now(UTC).date()
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert 'id="access-empty"' in (await admin.get(ACCESS, params={"since": tomorrow})).text
    assert first.reference in (await admin.get(ACCESS, params={"until": today.isoformat()})).text
    ignored = await admin.get(ACCESS, params={"since": "hier"})
    assert "a été ignoré" in ignored.text and first.reference in ignored.text


async def test_only_admins_read_the_access_log(agent: StaffClient, clients):
    assert (await agent.get(ACCESS)).status_code == 403
    assert 'id="nav-access-log"' not in (await agent.get("/staff")).text
    anonymous = await clients.anonymous()
    response = await anonymous.get(ACCESS)
    assert response.status_code == 303 and "/staff/login" in response.headers["location"]


async def test_an_admin_sees_the_links_in_the_console_bar(admin: StaffClient):
    page = (await admin.get("/staff")).text
    assert 'href="/staff/privacy/access"' in page and 'href="/staff/privacy/incidents"' in page


async def test_the_privacy_roles_setting_opens_the_log_and_the_register_too(
    services: Services, agent: StaffClient
):
    assert (await agent.get("/staff/privacy/incidents")).status_code == 403
    services.settings.privacy_roles = "agent, admin"  # e.g. a privacy officer with the agent role
    home = (await agent.get("/staff")).text
    for link in ("nav-privacy", "nav-access-log", "nav-incidents"):
        assert f'id="{link}"' in home, link
    assert (await agent.get(ACCESS)).status_code == 200
    assert (await agent.get("/staff/privacy/incidents")).status_code == 200


async def test_a_persons_export_is_logged_and_their_deletion_leaves_no_reference(
    services: Services, admin: StaffClient
):
    case = await open_case(services, name="Yuki Tanaka", email="yuki@example.jp")
    form = {"email": "yuki@example.jp", "reason": "access_request", "format": "document"}
    assert (await admin.submit("/staff/privacy/export", form)).status_code == 200
    [entry] = await _entries(services)
    assert (entry.staff_id, entry.action, entry.case_id, entry.case_reference) == (
        admin.staff.id,
        "export",
        case.id,
        case.reference,
    )
    assert entry.subject == "personal-information.html"

    form = {"email": "yuki@example.jp", "reason": "deletion_request", "confirm": "yes"}
    assert (await admin.submit("/staff/privacy/delete", form)).status_code == 303
    [entry] = await _entries(services)  # who, when and what stay; the reference goes
    assert (entry.action, entry.case_id, entry.case_reference) == ("export", case.id, None)
    page = (await admin.get(ACCESS)).text
    assert case.reference not in page and f"#{case.id}" in page
    assert "personal-information.html" in page
