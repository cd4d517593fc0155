"""Staff sign-in: a wrong or right password, where it returns to, a post from another site, an
unknown email, a disabled account, and the throttling of failed attempts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from assistant.core.config import Settings
from assistant.db.models import LoginAttempt, Staff
from assistant.services import Services
from assistant.staff import auth
from assistant.staff.throttle import account_key, address_key, throttle_key
from tests.staff.conftest import ALICE, PASSWORD, Clients, add_staff, login_form

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
    expected = [throttle_key(ALICE, "10.0.0.1"), account_key(ALICE), address_key("10.0.0.1")]
    assert sorted(keys) == sorted(expected * 2)  # per pair, per account, per address
    assert all("alice" not in key and len(key) == 64 for key in keys)


async def test_a_successful_sign_in_clears_the_failures(services: Services, clients: Clients):
    await add_staff(services, ALICE)
    http = await clients.anonymous("10.0.0.1")
    await _fail(http, ALICE, 4)
    assert (await http.post("/staff/login", data=login_form(ALICE, PASSWORD))).status_code == 303
    assert await _fail(http, ALICE, 5) == [401] * 5
