"""ASVS V2.2 (anti-automation) and V2.4 (password storage) at the staff sign-in: attempts are
recorded before the password is verified, capped per account and per client address, and the
client address comes from X-Forwarded-For only behind a configured proxy."""

from __future__ import annotations

import asyncio

import pytest

from assistant.core.config import Settings
from assistant.services import Services
from assistant.staff import auth
from assistant.staff.passwords import needs_rehash, verify_password
from tests.staff.accounts_helpers import reload
from tests.staff.conftest import ALICE, PASSWORD, Clients, add_staff, login_form

PROXY = "10.0.0.1"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "login_max_failures_per_account": 8,
            "login_max_failures_per_address": 12,
            "trusted_proxies": f"{PROXY}, 10.9.0.0/16",
        }
    )


async def _statuses(http, email: str, password: str, times: int, **headers: str) -> list[int]:
    return [
        (
            await http.post("/staff/login", data=login_form(email, password), headers=headers)
        ).status_code
        for _ in range(times)
    ]


async def test_v2_2_1_attempts_sent_at_once_get_no_more_verifications_than_the_cap(
    services: Services, settings: Settings, clients: Clients, monkeypatch: pytest.MonkeyPatch
):
    await add_staff(services, ALICE)
    verified: list[str] = []
    real = auth.verify_password

    def spy(password_hash: str, password: str) -> bool:
        verified.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", spy)
    http = await clients.anonymous("203.0.113.5")

    responses = await asyncio.gather(
        *(http.post("/staff/login", data=login_form(ALICE, f"guess {i}")) for i in range(20))
    )

    statuses = sorted(r.status_code for r in responses)
    assert len(verified) <= settings.login_max_failures
    assert statuses.count(401) == len(verified) and statuses.count(429) == 20 - len(verified)
    assert (await _statuses(http, ALICE, PASSWORD, 1)) == [429]  # even the right one waits


async def test_v2_2_1_an_account_is_capped_across_addresses(services: Services, clients: Clients):
    await add_staff(services, ALICE)
    for i in range(4):  # 4 addresses x 2 failures: under the pair cap, at the account cap
        http = await clients.anonymous(f"203.0.113.{i + 1}")
        assert await _statuses(http, ALICE, "wrong password!", 2) == [401, 401]

    elsewhere = await clients.anonymous("198.51.100.77")
    assert await _statuses(elsewhere, ALICE, PASSWORD, 1) == [429]
    other = await add_staff(services, "bruno@ville.quebec.qc.ca")
    assert await _statuses(elsewhere, other.email, PASSWORD, 1) == [303]  # others unaffected


async def test_v2_2_1_an_address_is_capped_across_accounts(services: Services, clients: Clients):
    emails = [f"guess{i}@ville.quebec.qc.ca" for i in range(12)]
    attacker = await clients.anonymous("203.0.113.66")
    for email in emails:
        assert await _statuses(attacker, email, "wrong password!", 1) == [401]

    await add_staff(services, ALICE)
    assert await _statuses(attacker, ALICE, PASSWORD, 1) == [429]
    colleague = await clients.anonymous("203.0.113.67")
    assert await _statuses(colleague, ALICE, PASSWORD, 1) == [303]


async def test_v2_2_1_x_forwarded_for_from_an_untrusted_peer_changes_nothing(
    services: Services, clients: Clients
):
    await add_staff(services, ALICE)
    attacker = await clients.anonymous("203.0.113.5")
    for i in range(5):  # a new "address" in the header at every try
        forged = {"X-Forwarded-For": f"198.51.100.{i}"}
        assert await _statuses(attacker, ALICE, "wrong password!", 1, **forged) == [401]
    forged = {"X-Forwarded-For": "198.51.100.200"}
    assert await _statuses(attacker, ALICE, PASSWORD, 1, **forged) == [429]


async def test_v2_2_1_behind_a_trusted_proxy_one_client_cannot_lock_out_another(
    services: Services, clients: Clients
):
    await add_staff(services, ALICE)
    proxy = await clients.anonymous(PROXY)
    attacker = {"X-Forwarded-For": "203.0.113.5"}
    assert await _statuses(proxy, ALICE, "wrong password!", 5, **attacker) == [401] * 5
    assert await _statuses(proxy, ALICE, PASSWORD, 1, **attacker) == [429]

    alice = {"X-Forwarded-For": "192.0.2.10"}  # the real Alice, through the same proxy
    assert await _statuses(proxy, ALICE, PASSWORD, 1, **alice) == [303]
    # the attacker cannot pose as Alice by writing her address first
    spoofed = {"X-Forwarded-For": "192.0.2.10, 203.0.113.5"}
    assert await _statuses(proxy, ALICE, PASSWORD, 1, **spoofed) == [429]


async def test_v2_4_4_a_password_hashed_with_weaker_parameters_is_rehashed_at_sign_in(
    services: Services, clients: Clients
):
    alice = await add_staff(services, ALICE)  # the fixtures' cheap Argon2 parameters
    assert needs_rehash(alice.password_hash)

    assert await _statuses(await clients.anonymous(), ALICE, PASSWORD, 1) == [303]

    stored = (await reload(services, alice.id)).password_hash
    assert stored != alice.password_hash and not needs_rehash(stored)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(stored, PASSWORD)
