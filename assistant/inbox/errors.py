"""The review inbox's errors (the web layer maps them to HTTP statuses)."""

from __future__ import annotations

from assistant.core.errors import AssistantError


class InboxItemsNotFound(AssistantError):
    """None of the given inbox items exists (or they were already handled)."""

    code = "inbox_items_not_found"
