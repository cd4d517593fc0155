"""Password hashing with Argon2id (argon2-cffi's recommended parameters). An account without a
password yet (invited, or reset by an admin) holds ``UNUSABLE``, which no password matches."""

from __future__ import annotations

import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 1024  # hashing megabytes on every attempt would be a denial of service

_hasher = PasswordHasher()
UNUSABLE = "!unusable"  # not an Argon2 hash: verify_password is always False


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches; never raises for a wrong or malformed hash."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than today's (re-hash on sign-in)."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return False


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash nobody knows the password of, verified for unknown emails so that they take as
    long to refuse as a wrong password."""
    return _hasher.hash(secrets.token_urlsafe(32))


def password_problem(password: str) -> str | None:
    """The i18n key explaining why a new password is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return "staff.password_too_short"
    if len(password) > MAX_LENGTH:
        return "staff.password_too_long"
    return None
