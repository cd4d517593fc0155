"""Staff sign-in, throttling, password storage, session cookies, CSRF, roles, and the
create_admin command."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import Depends, Response
from sqlalchemy import select, update

from assistant.core.config import Settings
from assistant.db.models import LoginAttempt, Staff
from assistant.services import Services
from assistant.staff import auth, create_admin
from assistant.staff.roles import RoleForbidden, has_role
from assistant.staff.session import SessionCodec, new_session
from assistant.staff.throttle import throttle_key
from assistant.web.deps import require_role
from assistant.web.staff.cookies import SECURE_COOKIE_NAME, set_session_cookie
from tests.staff.conftest import PASSWORD, Clients, StaffClient, add_staff, open_case

ROOT = Path(__file__).resolve().parents[2]
ALICE = "alice@ville.quebec.qc.ca"


def login_form(email: str, password: str, **extra: str) -> dict[str, str]:
    return {"email": email, "password": password, **extra}


# --- signing in ----------------------------------------------------------------------------


async def test_a_wrong_password_is_401_and_opens_no_session(services: Services, clients: Clients):
    await add_staff(services, ALICE)
    http = await clients.anonymous()

    response = await http.post("/staff/login", data=login_form(ALICE, "not the password"))

    assert response.status_code == 401
    assert "set-cookie" not in response.headers
    assert "Courriel ou mot de passe incorrect." in response.text
    assert "Wrong email or password." in response.text  # sign-in errors are bilingual
    api = await http.get("/api/staff/cases")
    assert api.status_code == 401
    assert api.json() == {
        "error": {
            "code": "not_signed_in",
            "message": "Connectez-vous à la console du personnel. / Please sign in to the staff "
            "console.",
            "conversation_id": None,
        }
    }
    page = await http.get("/staff")
    assert page.status_code == 303
    assert page.headers["location"] == "/staff/login?next=%2Fstaff"


async def test_the_right_password_opens_a_session_and_returns_to_the_page_asked_for(
    services: Services, clients: Clients
):
    alice = await add_staff(services, ALICE, name="Alice Tremblay")
    http = await clients.anonymous()

    response = await http.post(
        "/staff/login",
        data=login_form("  Alice@Ville.Quebec.QC.ca ", PASSWORD, next="/staff/cases/7"),
    )

    assert response.status_code == 303
    assert response.headers["location"] == "/staff/cases/7"
    me = (await http.get("/api/staff/session")).json()
    assert me["staff"] == {"id": alice.id, "name": "Alice Tremblay", "role": "agent"}
    assert len(me["csrf_token"]) >= 32


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil", "/other"])
async def test_sign_in_never_redirects_outside_the_console(
    services: Services, clients: Clients, target: str
):
    await add_staff(services, ALICE)
    http = await clients.anonymous()
    response = await http.post("/staff/login", data=login_form(ALICE, PASSWORD, next=target))
    assert response.headers["location"] == "/staff"


async def test_a_sign_in_posted_from_another_site_is_refused(services: Services, clients: Clients):
    await add_staff(services, ALICE)
    http = await clients.anonymous()
    response = await http.post(
        "/staff/login",
        data=login_form(ALICE, PASSWORD),
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert "set-cookie" not in response.headers


async def test_an_unknown_email_costs_a_password_verification_too(
    services: Services, clients: Clients, monkeypatch: pytest.MonkeyPatch
):
    await add_staff(services, ALICE)
    verified: list[str] = []
    real = auth.verify_password

    def spy(password_hash: str, password: str) -> bool:
        verified.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", spy)
    http = await clients.anonymous()

    unknown = await http.post("/staff/login", data=login_form("nobody@example.org", PASSWORD))
    wrong = await http.post("/staff/login", data=login_form(ALICE, "wrong password!"))

    assert unknown.status_code == wrong.status_code == 401
    assert len(verified) == 2 and all(h.startswith("$argon2id$") for h in verified)
    assert _error_text(unknown.text) == _error_text(wrong.text)  # nothing tells them apart


def _error_text(html: str) -> str:
    start = html.index('id="login-error"')
    return html[start : html.index("</div>", start)]


async def test_a_disabled_account_cannot_sign_in(services: Services, clients: Clients):
    alice = await add_staff(services, ALICE)
    async with services.sessions() as session, session.begin():
        await session.execute(update(Staff).where(Staff.id == alice.id).values(active=False))
    http = await clients.anonymous()
    response = await http.post("/staff/login", data=login_form(ALICE, PASSWORD))
    assert response.status_code == 401


# --- throttling ----------------------------------------------------------------------------


async def _fail(http, email: str, times: int) -> list[int]:
    return [
        (await http.post("/staff/login", data=login_form(email, "wrong password!"))).status_code
        for _ in range(times)
    ]


async def test_after_max_failures_even_the_right_password_gets_429(
    services: Services, settings: Settings, clients: Clients
):
    await add_staff(services, ALICE)
    http = await clients.anonymous("10.0.0.1")
    assert await _fail(http, ALICE, settings.login_max_failures) == [401] * 5

    response = await http.post("/staff/login", data=login_form(ALICE, PASSWORD, lang="en"))

    assert response.status_code == 429
    assert response.headers["retry-after"] == str(settings.login_window_seconds)
    assert "set-cookie" not in response.headers
    assert "Too many failed sign-in attempts" in response.text
    assert "Trop de tentatives de connexion échouées" in response.text
    assert (await http.get("/api/staff/session")).status_code == 401


async def test_throttling_is_per_email_and_client_address(services: Services, clients: Clients):
    await add_staff(services, ALICE)
    await add_staff(services, "bruno@ville.quebec.qc.ca")
    attacker = await clients.anonymous("10.0.0.1")
    await _fail(attacker, ALICE, 5)
    assert (
        await attacker.post("/staff/login", data=login_form(ALICE, PASSWORD))
    ).status_code == 429

    # another account from the same address, and the same account from another address
    other_account = await attacker.post(
        "/staff/login", data=login_form("bruno@ville.quebec.qc.ca", PASSWORD)
    )
    elsewhere = await clients.anonymous("10.0.0.2")
    same_account = await elsewhere.post("/staff/login", data=login_form(ALICE, PASSWORD))

    assert other_account.status_code == 303
    assert same_account.status_code == 303


async def test_failures_older_than_the_window_no_longer_count(
    services: Services, settings: Settings, clients: Clients
):
    await add_staff(services, ALICE)
    http = await clients.anonymous("10.0.0.1")
    await _fail(http, ALICE, 5)
    past = datetime.now(UTC) - timedelta(seconds=settings.login_window_seconds + 1)
    async with services.sessions() as session, session.begin():
        await session.execute(update(LoginAttempt).values(created_at=past))

    response = await http.post("/staff/login", data=login_form(ALICE, PASSWORD))

    assert response.status_code == 303


async def test_attempts_are_keyed_by_a_digest_not_the_email(services: Services, clients: Clients):
    await add_staff(services, ALICE)
    http = await clients.anonymous("10.0.0.1")
    await _fail(http, ALICE, 2)
    async with services.sessions() as session:
        keys = list((await session.execute(select(LoginAttempt.key))).scalars())
    assert keys == [throttle_key(ALICE, "10.0.0.1")] * 2
    assert all("alice" not in key and len(key) == 64 for key in keys)


async def test_a_successful_sign_in_clears_the_failures(services: Services, clients: Clients):
    await add_staff(services, ALICE)
    http = await clients.anonymous("10.0.0.1")
    await _fail(http, ALICE, 4)
    assert (await http.post("/staff/login", data=login_form(ALICE, PASSWORD))).status_code == 303
    assert await _fail(http, ALICE, 5) == [401] * 5


# --- passwords and cookies -----------------------------------------------------------------


async def test_passwords_are_stored_only_as_argon2id_hashes(
    services: Services, settings: Settings, clients: Clients
):
    await add_staff(services, ALICE, real_hash=True)
    assert (
        await (await clients.anonymous()).post("/staff/login", data=login_form(ALICE, PASSWORD))
    ).status_code == 303

    database = settings.database_url.split("///", 1)[1]
    with sqlite3.connect(database) as connection:
        (stored,) = connection.execute("SELECT password_hash FROM staff").fetchone()
        everything = "\n".join(line for line in connection.iterdump())
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
    settings = Settings(environment="production", secret_key="s" * 40)
    response = Response()
    set_session_cookie(response, settings, new_session(1, "fr"))
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SECURE_COOKIE_NAME}=")
    assert "; Secure" in cookie and "; HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Domain" not in cookie


def test_a_forged_or_expired_session_is_refused(settings: Settings):
    codec = SessionCodec(settings)
    session = new_session(42, "fr")
    value = codec.encode(session)
    assert codec.decode(value) == session

    payload, signature = value.split(".")
    forged = SessionCodec(Settings(environment="test", secret_key="another secret")).encode(session)
    assert codec.decode(forged) is None
    assert codec.decode(f"{payload}x.{signature}") is None
    assert codec.decode("garbage") is None
    later = session.issued_at + settings.session_max_age_seconds + 1
    assert codec.decode(value, now=later) is None


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


# --- create_admin --------------------------------------------------------------------------


def _create_admin(
    settings: Settings, email: str, password: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ASSISTANT_DATABASE_URL": settings.database_url,
        "ASSISTANT_ENVIRONMENT": "test",
        "ASSISTANT_ADMIN_PASSWORD": password,
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.staff.create_admin",
            "--email",
            email,
            "--name",
            "Ada Admin",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _staff_rows(settings: Settings) -> list[tuple[str, str, str]]:
    with sqlite3.connect(settings.database_url.split("///", 1)[1]) as connection:
        return connection.execute("SELECT email, role, password_hash FROM staff").fetchall()


def test_create_admin_creates_an_admin_and_refuses_a_duplicate(settings: Settings):
    created = _create_admin(settings, "Ada@Ville.Quebec.QC.ca", PASSWORD)
    assert created.returncode == 0, created.stderr
    assert "Administrator account created" in created.stdout
    assert "ada@" not in created.stdout.lower() + created.stderr.lower()  # no email echoed
    [(email, role, password_hash)] = _staff_rows(settings)
    assert (email, role) == ("ada@ville.quebec.qc.ca", "admin")
    assert password_hash.startswith("$argon2id$")

    duplicate = _create_admin(settings, "ada@ville.quebec.qc.ca", "another long password")
    assert duplicate.returncode == 1
    assert "already exists" in duplicate.stderr and "existe déjà" in duplicate.stderr
    assert len(_staff_rows(settings)) == 1


def test_create_admin_refuses_a_short_password(settings: Settings):
    refused = _create_admin(settings, "ada@ville.quebec.qc.ca", "short-11chr")
    assert refused.returncode == 1
    assert "at least 12 characters" in refused.stderr
    assert "au moins 12 caractères" in refused.stderr


def test_create_admin_asks_twice_without_the_variable(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    monkeypatch.delenv(create_admin.PASSWORD_ENV, raising=False)
    typed = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr(create_admin.getpass, "getpass", lambda prompt: next(typed))
    argv = ["--email", "ada@x.ca", "--name", "Ada"]
    assert create_admin.main(argv, settings=settings) == 1
    assert "do not match" in capsys.readouterr().err

    typed = iter([PASSWORD, PASSWORD])
    assert create_admin.main(argv, settings=settings) == 0
    assert [row[:2] for row in _staff_rows(settings)] == [("ada@x.ca", "admin")]


async def test_the_created_admin_can_sign_in(
    settings: Settings, services: Services, clients: Clients
):
    result = await asyncio.to_thread(_create_admin, settings, "ada@x.ca", PASSWORD)
    assert result.returncode == 0, result.stderr
    http = await clients.anonymous()
    assert (
        await http.post("/staff/login", data=login_form("ada@x.ca", PASSWORD))
    ).status_code == 303
    assert (await http.get("/api/staff/session")).json()["staff"]["role"] == "admin"


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
