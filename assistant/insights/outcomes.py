"""What a visitor's turn got, as the dashboard counts it. The chat API's outcome of a turn
(``assistant/chat/schemas.py``) is stored on the visitor's message row (``messages.outcome``;
older rows have it in their stored reply, ``payload.outcome``)."""

from __future__ import annotations

# dashboard outcome -> the chat API's outcomes it counts. Form answers, turns while staff own
# the conversation, and small talk are not questions: they are not counted.
OUTCOMES: dict[str, tuple[str, ...]] = {
    "answered": ("answer",),
    "clarified": ("clarify",),
    "escalated": ("escalate",),
    "out_of_scope": ("out_of_scope",),
    "not_understood": ("fallback",),
}
CHAT_OUTCOMES = tuple(o for values in OUTCOMES.values() for o in values)
_BY_CHAT = {chat: ours for ours, values in OUTCOMES.items() for chat in values}


def outcome_of(chat_outcome: str | None) -> str | None:
    """The dashboard outcome of a chat API outcome; None when it is not counted."""
    return _BY_CHAT.get(chat_outcome or "")


def answer_rate(counts: dict[str, int]) -> float | None:
    """Answered turns over all counted turns; None without any."""
    total = sum(counts.get(name, 0) for name in OUTCOMES)
    return counts.get("answered", 0) / total if total else None
