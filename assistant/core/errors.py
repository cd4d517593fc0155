"""The domain errors services raise; only the web layer turns them into HTTP responses."""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error this package raises on purpose."""

    code = "error"

    def __init__(
        self, detail: str = "", *, conversation_id: str | None = None, language: str | None = None
    ) -> None:
        super().__init__(detail)
        self.conversation_id = conversation_id
        self.language = language


class AssistantUnavailable(AssistantError):
    """The Rasa engine did not answer in time (loading, down or overloaded)."""

    code = "assistant_unavailable"


class ConversationNotFound(AssistantError):
    """No conversation with this id (expired, forgotten, or never existed)."""

    code = "conversation_not_found"


class InvalidPayload(AssistantError):
    """A button payload that visitors may not send."""

    code = "invalid_payload"


class KnowledgeBaseError(AssistantError):
    """A KB entry is malformed; the message names the file and the problem."""

    code = "kb_invalid"
