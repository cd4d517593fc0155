"""Staff sessions: password storage, the session cookie, signing out, CSRF, roles, the console's
language, and the session of an account that gets disabled."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import Depends, Response
from sqlalchemy import update

from assistant.core.config import Settings
from assistant.db.models import Staff
from assistant.services import Services
from assistant.staff.roles import RoleForbidden, has_role
from assistant.staff.session import SessionStore, StaffSession
from assistant.web.deps import require_role
from assistant.web.staff.cookies import SECURE_COOKIE_NAME, set_session_cookie
from tests.db_dump import dump, rows
from tests.staff.conftest import (
    ALICE,
    PASSWORD,
    Clients,
    StaffClient,
    add_staff,
    login_form,
    open_case,
)

# --- passwords and cookies -----------------------------------------------------------------


async def test_passwords_are_stored_only_as_argon2id_hashes(
    services: Services, settings: Settings, clients: Clients
):
    await add_staff(services, ALICE, real_hash=True)
    assert (
        await (await clients.anonymous()).post("/staff/login", data=login_form(ALICE, PASSWORD))
    ).status_code == 303

    [(stored,)] = rows(settings.database_url, "SELECT password_hash FROM staff")
    everything = dump(settings.database_url)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PASSWORD not in stored
    assert PASSWORD not in everything


async def test_the_session_cookie_is_httponly_and_samesite_strict(
    services: Services, settings: Settings, clients: Clients
):
    await add_staff(services, ALICE)
    http = await clients.anonymous()
    response = await http.post("/staff/login", data=login_form(ALICE, PASSWORD))

    cookie = response.headers["set-cookie"]
    attributes = {part.strip().split("=")[0].lower(): part for part in cookie.split(";")}
    assert cookie.startswith("bri_staff=")
    assert "httponly" in attributes
    assert attributes["samesite"].strip().lower() == "samesite=strict"
    assert attributes["path"].strip() == "Path=/"
    assert attributes["max-age"].strip() == f"Max-Age={settings.session_max_age_seconds}"
    assert "secure" not in attributes  # plain http in tests; see the production test below


def test_in_production_the_cookie_is_secure_and_host_only():
    settings = Settings(environment="production", secret_key=secrets.token_urlsafe(32))
    response = Response()
    later = datetime.now(UTC) + timedelta(hours=1)
    set_session_cookie(response, settings, "the-id", StaffSession("k", 1, "c", "fr", later))
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SECURE_COOKIE_NAME}=the-id;")
    assert "; Secure" in cookie and "; HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Domain" not in cookie


async def test_an_unknown_ended_or_expired_session_id_is_refused(
    services: Services, settings: Settings
):
    store = SessionStore(services.sessions, settings)
    alice = await add_staff(services, ALICE)
    session_id, session = await store.open(alice.id, "fr")
    assert await store.read(session_id) == session
    assert session_id not in session.key  # the database keeps a digest, not the id

    assert await store.read(session_id[:-1] + ("A" if session_id[-1] != "A" else "B")) is None
    assert await store.read("garbage") is None
    later = datetime.now(UTC) + timedelta(seconds=settings.session_max_age_seconds + 1)
    assert await store.read(session_id, now=later) is None
    other_key = SessionStore(services.sessions, Settings(secret_key=secrets.token_urlsafe(32)))
    assert await other_key.read(session_id) is None  # a new secret key ends every session
    await store.end(session)
    assert await store.read(session_id) is None


async def test_a_tampered_cookie_is_401(agent: StaffClient):
    name, value = next(iter(agent.http.cookies.items()))
    agent.http.cookies.set(name, value[:-2] + ("AA" if not value.endswith("AA") else "BB"))
    assert (await agent.get("/api/staff/cases")).status_code == 401


async def test_signing_out_ends_the_session(agent: StaffClient):
    response = await agent.submit("/staff/logout")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/staff/login")
    assert (
        "Max-Age=0" in response.headers["set-cookie"]
        or 'bri_staff=""' in response.headers["set-cookie"]
    )
    assert (await agent.get("/api/staff/cases")).status_code == 401


# --- CSRF ----------------------------------------------------------------------------------


async def test_a_post_without_a_session_is_401(services: Services, clients: Clients):
    case = await open_case(services)
    http = await clients.anonymous()
    response = await http.post(f"/api/staff/cases/{case.id}/claim", headers={"X-CSRF-Token": "x"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_signed_in"


@pytest.mark.parametrize("token", [None, "", "not-the-token"])
async def test_an_api_post_without_the_sessions_csrf_token_is_403(
    services: Services, agent: StaffClient, token: str | None
):
    case = await open_case(services)
    headers = {} if token is None else {"X-CSRF-Token": token}

    response = await agent.http.post(f"/api/staff/cases/{case.id}/claim", headers=headers)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_rejected"
    assert response.json()["error"]["conversation_id"] is None
    assert (await services.cases.get(case.id)).claimed_by is None


async def test_another_sessions_csrf_token_is_refused(
    services: Services, agent: StaffClient, colleague: StaffClient
):
    case = await open_case(services)
    response = await agent.http.post(
        f"/api/staff/cases/{case.id}/claim", headers={"X-CSRF-Token": colleague.csrf_token}
    )
    assert response.status_code == 403


async def test_a_form_post_without_the_csrf_field_is_403(services: Services, agent: StaffClient):
    case = await open_case(services)
    missing = await agent.http.post(f"/staff/cases/{case.id}/claim", data={})
    wrong = await agent.http.post(f"/staff/cases/{case.id}/claim", data={"csrf_token": "nope"})
    assert missing.status_code == wrong.status_code == 403
    assert "Jeton de sécurité manquant ou invalide" in missing.text
    assert (await services.cases.get(case.id)).claimed_by is None
    assert (await agent.submit(f"/staff/cases/{case.id}/claim")).status_code == 303


# --- roles ---------------------------------------------------------------------------------


async def test_require_role_orders_agent_editor_admin(services: Services):
    agent = await add_staff(services, "agent@x.ca", role="agent")
    editor = await add_staff(services, "editor@x.ca", role="editor")
    admin = await add_staff(services, "admin@x.ca", role="admin")

    assert await require_role("agent")(admin) is admin
    assert await require_role("editor")(editor) is editor
    with pytest.raises(RoleForbidden):
        await require_role("admin")(agent)
    with pytest.raises(RoleForbidden):
        await require_role("admin")(editor)
    assert require_role("admin") is require_role("admin")  # one dependency per role
    assert not has_role(Staff(role="intern"), "agent")
    with pytest.raises(ValueError):
        require_role("owner")  # type: ignore[arg-type]


async def test_an_agent_gets_403_from_an_admin_only_route(
    services: Services, app, clients: Clients, agent: StaffClient
):
    @app.get("/test-only/admin", dependencies=[Depends(require_role("admin"))])
    async def admin_only() -> dict[str, bool]:
        return {"ok": True}

    admin = await clients.sign_in(await add_staff(services, "admin@x.ca", role="admin"))
    refused = await agent.get("/test-only/admin")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "role_forbidden"
    assert (await admin.get("/test-only/admin")).json() == {"ok": True}


# --- language ------------------------------------------------------------------------------


async def test_lang_en_switches_the_console_and_is_remembered(agent: StaffClient):
    french = await agent.get("/staff")
    assert '<html lang="fr">' in french.text and "Demandes en attente" in french.text

    english = await agent.get("/staff?lang=en")
    assert '<html lang="en">' in english.text and "Open cases" in english.text

    again = await agent.get("/staff")
    assert "Open cases" in again.text
    assert (await agent.get("/api/staff/session")).json()["language"] == "en"


async def test_a_session_stops_working_when_the_account_is_disabled(
    services: Services, agent: StaffClient
):
    assert (await agent.get("/api/staff/cases")).status_code == 200
    async with services.sessions() as session, session.begin():
        await session.execute(update(Staff).where(Staff.id == agent.staff.id).values(active=False))
    assert (await agent.get("/api/staff/cases")).status_code == 401
    assert (await agent.get("/staff")).status_code == 303
