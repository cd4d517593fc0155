"""An SMTP handler that keeps every message it receives (aiosmtpd): the mailbox of the real
stack the tests, benchmarks and the end-to-end evaluation start (``assistant.launcher``)."""

from __future__ import annotations

import time
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from typing import Any


class MailCollector:
    """A real SMTP server's handler (aiosmtpd) that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(
            message_from_bytes(envelope.content, policy=email_policy.default)  # type: ignore[arg-type]
        )
        return "250 OK"

    def wait_for(self, subject_part: str, timeout: float, count: int = 1) -> list[EmailMessage]:
        """The emails whose subject contains ``subject_part``, waiting up to ``timeout`` for
        ``count`` of them (a case's brief and its acknowledgement leave one after the other)."""
        deadline = time.monotonic() + timeout
        found: list[EmailMessage] = []
        while time.monotonic() < deadline:
            found = [m for m in self.messages if subject_part in (m["Subject"] or "")]
            if len(found) >= count:
                return found
            time.sleep(0.3)
        return found
