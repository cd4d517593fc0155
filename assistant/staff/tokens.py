"""Random tokens handed to a browser (session ids, invitation links) and the keyed digest the
database keeps instead of them: a stolen database names no usable session or link, and a new
``ASSISTANT_SECRET_KEY`` ends every session and invitation at once."""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32  # 256 bits: not guessable


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(secret_key: str, purpose: str, token: str) -> str:
    """HMAC-SHA256 of ``token`` under the secret key, separated by ``purpose`` (hex, 64)."""
    message = f"{purpose}\n{token}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()
