"""The mail package's domain errors (their details never contain an address or a name)."""

from __future__ import annotations

from assistant.core.errors import AssistantError


class UnsafeHeader(AssistantError):
    """A header value that could inject headers (CR, LF, other control characters) or an
    address that is not a plain, strictly valid address. The detail names the header only."""

    code = "unsafe_header"


class DeadLetterNotFound(AssistantError):
    """No dead letter with this id (never existed, already re-queued, or sent)."""

    code = "dead_letter_not_found"
