"""Case reference numbers visitors can read out on the phone: BRI-2026-7KQ4M2."""

from __future__ import annotations

import secrets
from datetime import datetime

_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L


def new_reference(now: datetime) -> str:
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(6))
    return f"BRI-{now.year}-{suffix}"
