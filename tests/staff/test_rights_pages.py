"""The privacy page (/staff/privacy): only the privacy roles (admin by default, or as
ASSISTANT_PRIVACY_ROLES says) see it and its link; search, export, rectify and delete carry
the CSRF token, never put the email in a URL, and show every string in French and English."""

from __future__ import annotations

from markupsafe import escape

from assistant.core.i18n import t
from assistant.services import Services
from tests.staff.conftest import Clients, StaffClient, add_staff, open_case

EMAIL = "yuki.tanaka@example.jp"


async def _admin(services: Services, clients: Clients) -> StaffClient:
    return await clients.sign_in(await add_staff(services, "root@ville.quebec.qc.ca", role="admin"))


async def test_only_the_privacy_roles_see_the_page_and_its_link(
    services: Services, clients: Clients, agent: StaffClient
):
    admin = await _admin(services, clients)
    home = (await admin.get("/staff")).text
    assert 'id="nav-privacy"' in home
    assert 'id="nav-privacy"' not in (await agent.get("/staff")).text
    assert (await agent.get("/staff/privacy")).status_code == 403
    refused = await agent.submit("/staff/privacy/search", {"email": EMAIL})
    assert refused.status_code == 403
    services.settings.privacy_roles = "agent, admin"  # e.g. a privacy officer with the agent role
    assert (await agent.get("/staff/privacy")).status_code == 200


async def test_a_search_without_the_csrf_token_is_refused(services: Services, clients: Clients):
    admin = await _admin(services, clients)
    response = await admin.http.post("/staff/privacy/search", data={"email": EMAIL})
    assert response.status_code == 403


async def test_search_shows_what_is_held_then_rectify_and_delete_in_english(
    services: Services, clients: Clients
):
    case = await open_case(services, name="Yuki Tanaka", email=EMAIL, language="en")
    admin = await _admin(services, clients)
    page = await admin.get("/staff/privacy?lang=en")
    assert escape(t("staff.privacy.title", "en")) in page.text
    found = await admin.submit("/staff/privacy/search", {"email": EMAIL})
    assert case.reference in found.text and f'href="/staff/cases/{case.id}"' in found.text
    for key in ("staff.privacy.count.cases", "staff.privacy.rasa", "staff.privacy.delete_confirm"):
        assert str(escape(t(key, "en"))) in found.text

    document = await admin.submit(
        "/staff/privacy/export",
        {"email": EMAIL, "reason": "access_request", "format": "document"},
    )
    assert document.headers["content-disposition"].startswith("attachment")
    assert '<html lang="en">' in document.text and "Yuki Tanaka" in document.text

    fixed = await admin.submit(
        "/staff/privacy/rectify",
        {"email": EMAIL, "name": "Yuki Tanaka-Sato", "reason": "rectification_request"},
    )
    assert fixed.headers["location"] == "/staff/privacy?notice=rectified"
    assert EMAIL not in fixed.headers["location"]
    assert (await services.cases.get(case.id)).name == "Yuki Tanaka-Sato"
    bad = await admin.submit(
        "/staff/privacy/rectify", {"email": EMAIL, "new_email": "x@", "reason": "inaccurate_data"}
    )
    assert bad.headers["location"] == "/staff/privacy?error=rectification_invalid"

    unconfirmed = await admin.submit(
        "/staff/privacy/delete", {"email": EMAIL, "reason": "deletion_request"}
    )
    assert unconfirmed.headers["location"] == "/staff/privacy?error=not_confirmed"
    deleted = await admin.submit(
        "/staff/privacy/delete", {"email": EMAIL, "reason": "deletion_request", "confirm": "yes"}
    )
    after = await admin.get(deleted.headers["location"])
    assert escape(t("staff.privacy.notice.deleted", "en")) in after.text
    assert EMAIL not in after.text and "Tanaka" not in after.text
    log = after.text.split('id="privacy-audit"')[1]
    assert escape(t("privacy.reason.deletion_request", "en")) in log and "cases: 1" in log
    assert (await services.cases.list_cases(include_closed=True)) == []


async def test_a_search_needs_exactly_one_of_email_or_reference_in_french(
    services: Services, clients: Clients
):
    admin = await _admin(services, clients)
    both = await admin.submit("/staff/privacy/search", {"email": EMAIL, "reference": "BRI-1"})
    assert both.headers["location"] == "/staff/privacy?error=person_not_identified"
    shown = await admin.get(both.headers["location"])
    assert escape(t("staff.privacy.error.person_not_identified", "fr")) in shown.text
    nothing = await admin.submit("/staff/privacy/search", {"email": EMAIL})
    assert escape(t("staff.privacy.nothing", "fr")) in nothing.text
    assert 'id="privacy-delete"' not in nothing.text
