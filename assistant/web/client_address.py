"""Which address a request comes from, for the sign-in throttling and the abuse limits.

The direct peer, unless it is one of ``trusted_proxies`` (``ASSISTANT_TRUSTED_PROXIES``): then
``X-Forwarded-For`` is read from the right, skipping the trusted proxies, and the first address
that is not one of them is the client. A client can write anything in the header, but only
the part our own proxies appended is believed — so nobody can pose as another address, and a
proxy's own address never stands for everyone behind it.

uvicorn rewrites the peer itself when ``proxy_headers`` is on and the peer is in its
``forwarded_allow_ips`` (default 127.0.0.1); ``assistant.server`` turns that off so that this
module is the one place deciding. Running the app under another server, give it
``--no-proxy-headers`` (or the same list as ``--forwarded-allow-ips``).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def trusted_networks(setting: str) -> tuple[Network, ...]:
    """The networks of the comma-separated setting (checked at start by ``Settings``)."""
    parts = (part.strip() for part in setting.split(","))
    return tuple(ipaddress.ip_network(part, strict=False) for part in parts if part)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(peer: str | None, forwarded_for: str | None, trusted: str) -> str | None:
    """The client's address: ``peer``, or from ``forwarded_for`` when ``peer`` is trusted."""
    networks = trusted_networks(trusted)
    if peer is None or not forwarded_for or not _is_trusted(peer, networks):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # garbage where our proxy should have written an address
    return hops[0] if hops else peer
