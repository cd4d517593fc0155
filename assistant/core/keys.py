"""The app's own secrets: the key that signs staff sessions and the token Rasa presents to the
action endpoint. Neither has a usable default: when the environment does not set one, the first
start generates a random value into a file under ``var/`` (mode 0600) and every later start,
and every process of the same deployment, reads that file. A value anyone could know (one
published in this repository, a placeholder, a short or repetitive string) is refused in every
environment."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

MIN_LENGTH = 32
_MIN_DISTINCT_CHARACTERS = 10
# Values that were, or look like, defaults written in this repository or its examples.
PUBLISHED = frozenset(
    {
        "dev-only-secret-change-me",
        "change-me",
        "changeme",
        "change-me-in-production",
        "secret",
        "secret-key",
        "password",
    }
)


class PublishedSecret(ValueError):
    """A secret whose value others can know; the message names the setting and the fix."""


def refuse_published(name: str, value: str) -> None:
    """Raise PublishedSecret unless ``value`` could be a generated secret."""
    problem = ""
    if value.strip().lower() in PUBLISHED:
        problem = "is a value published in the repository"
    elif len(value) < MIN_LENGTH:
        problem = f"is shorter than {MIN_LENGTH} characters"
    elif len(set(value)) < _MIN_DISTINCT_CHARACTERS:
        problem = "is too repetitive to be random"
    if problem:
        raise PublishedSecret(
            f"{name} {problem}: unset it to have one generated into var/, or set a random one "
            '(python -c "import secrets; print(secrets.token_urlsafe(32))")'
        )


def load_or_create(path: Path) -> str:
    """The secret stored in ``path``, generated (mode 0600) on first use. Safe when several
    processes start at once: exactly one creates the file, the others read it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    value = secrets.token_urlsafe(32)
    with os.fdopen(descriptor, "w") as file:
        file.write(value + "\n")
    return value


def _read(path: Path) -> str:
    for _ in range(50):  # another process may be writing it right now
        value = path.read_text().strip()
        if value:
            return value
        time.sleep(0.01)
    raise PublishedSecret(f"{path} is empty: delete it to have a new secret generated")
