"""Which address a request comes from (assistant/web/client_address.py): the peer, unless the
peer is a trusted proxy — then X-Forwarded-For, read from the right, past our own proxies."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.core.config import Settings
from assistant.web.client_address import client_address

PROXIES = "10.0.0.1, 10.0.1.0/24"


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.5", "198.51.100.1", "", "203.0.113.5"),  # nothing trusted: the peer
        ("203.0.113.5", "198.51.100.1", PROXIES, "203.0.113.5"),  # the peer is no proxy of ours
        ("10.0.0.1", "198.51.100.1", PROXIES, "198.51.100.1"),
        ("10.0.0.1", None, PROXIES, "10.0.0.1"),
        # a client's own forged entries stand left of what our proxies appended
        ("10.0.0.1", "1.2.3.4, 198.51.100.1", PROXIES, "198.51.100.1"),
        ("10.0.0.1", "1.2.3.4, 198.51.100.1, 10.0.1.7", PROXIES, "198.51.100.1"),
        ("10.0.0.1", "10.0.1.7", PROXIES, "10.0.1.7"),  # only proxies: the first one
        ("10.0.0.1", "garbage", PROXIES, "10.0.0.1"),
        ("10.0.0.1", " 2001:db8::1 ", PROXIES, "2001:db8::1"),
        (None, "198.51.100.1", PROXIES, None),
    ],
)
def test_client_address(peer, forwarded, trusted, expected):
    assert client_address(peer, forwarded, trusted) == expected


def test_a_malformed_trusted_proxy_stops_the_start():
    with pytest.raises(ValidationError, match="not-an-address"):
        Settings(trusted_proxies="10.0.0.1, not-an-address")
