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


# --- Knowledge-base editing (assistant/kb/store.py) ----------------------------------------
class KBEditError(AssistantError):
    """Base of the errors the knowledge-base store raises on an edit it refuses."""

    code = "kb_edit_error"


class KBEntryNotFound(KBEditError):
    """No such KB entry (or, where a published one is required, it is retired or a draft)."""

    code = "kb_entry_not_found"


class KBEntryExists(KBEditError):
    """A KB entry with this id already exists."""

    code = "kb_entry_exists"


class KBDuplicateQuestion(KBEditError):
    """The entry already has this question phrasing in that language."""

    code = "kb_duplicate_question"


class KBDraftInvalid(KBEditError):
    """The draft (or the change) is not a valid entry; ``problems`` lists why, per field."""

    code = "kb_draft_invalid"

    def __init__(self, detail: str = "", *, problems: list[str] | None = None) -> None:
        super().__init__(detail or "; ".join(problems or []))
        self.problems = problems or ([detail] if detail else [])


class KBParityRequired(KBEditError):
    """Publishing needs both languages unless the entry is marked one-language."""

    code = "kb_parity_required"


class KBVersionNotFound(KBEditError):
    """The entry has no version with this number."""

    code = "kb_version_not_found"


class KBDraftConflict(KBEditError):
    """Another editor saved the draft (or published the entry) since this one was read."""

    code = "kb_draft_conflict"


class KBNoDraft(KBEditError):
    """The entry has no draft to publish or discard."""

    code = "kb_no_draft"


class MigrationError(AssistantError):
    """The database schema cannot be brought to the models' revision (``assistant/db/migrate.py``);
    the message says why and what an operator can do (never any data)."""

    code = "migration_error"
