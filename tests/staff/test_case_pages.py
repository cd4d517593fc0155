"""The staff console's pages: the case page from claim to close, a 404 page, the CSP and no-store
headers, the API in OpenAPI, and every console string in French and English."""

from __future__ import annotations

from markupsafe import escape

from assistant.core.i18n import t
from assistant.services import Services
from tests.staff.conftest import StaffClient, open_case

# --- the pages -----------------------------------------------------------------------------


async def test_the_case_page_walks_through_claim_reply_note_and_close(
    services: Services, agent: StaffClient, colleague: StaffClient
):
    case = await open_case(services, name="Jean Roy")
    page = f"/staff/cases/{case.id}"
    assert 'id="claim"' in (await agent.get(page)).text

    claimed = await agent.submit(f"{page}/claim")
    assert claimed.status_code == 303 and claimed.headers["location"] == f"{page}?notice=claimed"
    mine = (await agent.get(claimed.headers["location"])).text
    assert escape(t("staff.notice.claimed", "fr")) in mine
    assert 'id="reply"' in mine and 'id="handback"' in mine and 'id="close"' in mine

    theirs = (await colleague.get(page)).text
    assert 'id="reply"' not in theirs and 'id="claim"' not in theirs
    assert "a pris ce dossier en charge" in theirs
    refused = await colleague.submit(f"{page}/reply", {"text": "Bonjour"})
    assert refused.headers["location"] == f"{page}?error=case_not_owned"
    assert (
        escape(t("case_not_owned", "fr")) in (await colleague.get(refused.headers["location"])).text
    )

    assert (await agent.submit(f"{page}/reply", {"text": "Bonjour!"})).status_code == 303
    assert (await agent.submit(f"{page}/notes", {"text": "Rappeler lundi."})).status_code == 303
    empty = await agent.submit(f"{page}/notes", {"text": "  "})
    assert empty.headers["location"] == f"{page}?error=text_invalid"
    closed = await agent.submit(f"{page}/close", {"resolution": "Réglé au téléphone."})
    assert closed.headers["location"] == f"{page}?notice=closed"

    final = (await agent.get(page)).text
    assert "Bonjour!" in final and "Rappeler lundi." in final and "Réglé au téléphone." in final
    assert 'id="reply"' not in final
    assert (await services.cases.get(case.id)).status == "closed"


async def test_an_unknown_case_page_is_a_404_page(agent: StaffClient):
    response = await agent.get("/staff/cases/424242")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]


async def test_staff_pages_send_a_strict_csp_and_no_store(agent: StaffClient):
    for path in ["/staff", "/staff/login", "/api/staff/cases"]:
        response = await agent.get(path)
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        assert response.headers["cache-control"] == "no-store"
    page = (await agent.get("/staff")).text
    assert "<script>" not in page and " style=" not in page  # no inline script or style


async def test_the_api_is_documented_in_openapi(agent: StaffClient):
    schema = (await agent.get("/openapi.json")).json()
    staff_paths = {path for path in schema["paths"] if path.startswith("/api/staff")}
    assert {
        "/api/staff/cases",
        "/api/staff/cases/{case_id}",
        "/api/staff/cases/{case_id}/claim",
        "/api/staff/cases/{case_id}/reply",
        "/api/staff/cases/{case_id}/handback",
        "/api/staff/cases/{case_id}/close",
        "/api/staff/cases/{case_id}/notes",
    } <= staff_paths
    claim = schema["paths"]["/api/staff/cases/{case_id}/claim"]["post"]
    assert claim["tags"] == ["staff"]
    assert {"200", "401", "403", "404", "409"} <= set(claim["responses"])
    assert not any(path.startswith("/staff") for path in schema["paths"])  # pages stay out


def test_every_console_string_exists_in_french_and_english():
    import re
    from pathlib import Path

    from assistant.core.i18n import STRINGS

    root = Path(__file__).resolve().parents[2] / "assistant"
    sources = [*(root / "web" / "templates" / "staff").glob("*.html")]
    sources += [*(root / "web" / "staff").glob("*.py"), *(root / "staff").glob("*.py")]
    keys = set()
    for source in sources:
        text = source.read_text()
        keys |= set(re.findall(r"""tr(?:_other)?\(['"]([\w.]+)['"]\)""", text))
        keys |= set(re.findall(r"""['"](staff\.[a-z_]+(?:\.[a-z_]+)*)['"]""", text))
    keys |= {"staff.status." + s for s in ("new", "claimed", "email", "closed")}
    keys |= {"staff.sender." + s for s in ("visitor", "bot", "staff", "system")}
    keys |= {"staff.conversation." + s for s in ("bot", "handoff", "closed", "other")}
    keys |= {"case_not_found", "case_already_claimed", "case_not_owned", "not_signed_in"}
    keys |= {"invalid_credentials", "login_throttled", "csrf_rejected", "role_forbidden"}
    assert len(keys) > 60
    missing = sorted(k for k in keys if not (STRINGS.get(k, {}).get("fr") and STRINGS[k].get("en")))
    assert missing == []
