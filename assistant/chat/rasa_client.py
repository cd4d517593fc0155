"""Talks to the Rasa server's REST channel with the app's own short timeouts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from assistant.core.errors import AssistantUnavailable


@dataclass
class RasaTurn:
    """What Rasa said for one visitor message, split into visible messages and turn metadata."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    outcome: str | None = None
    language: str | None = None
    kb_entries: list[str] = field(default_factory=list)


# When a turn utters several responses, the most specific outcome names the turn.
_OUTCOME_PRIORITY = (
    "handoff",
    "form",
    "escalate",
    "answer",
    "clarify",
    "out_of_scope",
    "fallback",
    "smalltalk",
)


def parse_turn(raw: list[dict[str, Any]]) -> RasaTurn:
    """Rasa's REST output: text/buttons entries, and ``custom`` entries carrying metadata."""
    turn = RasaTurn()
    outcomes: list[str] = []
    for item in raw:
        if item.get("text"):
            buttons = [
                {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                for b in item.get("buttons") or []
            ]
            turn.messages.append({"text": item["text"], "buttons": buttons})
        custom = item.get("custom")
        if isinstance(custom, dict):
            if custom.get("outcome"):
                outcomes.append(custom["outcome"])
            if custom.get("language") in ("fr", "en"):
                turn.language = custom["language"]
            for entry in custom.get("kb_entries") or []:
                if entry not in turn.kb_entries:
                    turn.kb_entries.append(entry)
    for outcome in _OUTCOME_PRIORITY:
        if outcome in outcomes:
            turn.outcome = outcome
            break
    return turn


class RasaClient:
    def __init__(self, base_url: str, *, timeout: float, connect_timeout: float) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            trust_env=False,
        )

    async def send(
        self,
        conversation_id: str,
        text: str,
        language_hint: str | None,
        *,
        page_language: str | None = None,
        message_id: str | None = None,
        retry: bool = False,
    ) -> RasaTurn:
        """``language_hint``: the conversation's or the widget's language; ``page_language``:
        the widget's alone (a message in another language is answered in it if French);
        ``message_id``: the visitor's ``client_message_id``, kept by Rasa on the user event
        (``chat/recovery.py`` finds a completed turn by it); ``retry``: an earlier attempt may
        have reached Rasa, which then answers from its tracker (``assistant/nlu/rasa_main.py``)."""
        metadata = {
            "language": language_hint,
            "page_language": page_language,
            "client_message_id": message_id,
            "retry": retry,
        }
        payload = {
            "sender": conversation_id,
            "message": text,
            "metadata": {k: v for k, v in metadata.items() if v},
        }
        try:
            response = await self._client.post("/webhooks/rest/webhook", json=payload)
            response.raise_for_status()
            raw = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise AssistantUnavailable(str(error) or type(error).__name__) from error
        if not isinstance(raw, list):
            raise AssistantUnavailable("unexpected reply from Rasa")
        return parse_turn(raw)

    async def is_ready(self) -> bool:
        try:
            response = await self._client.get("/", timeout=1.0)
        except httpx.HTTPError:
            return False
        return response.status_code == 200

    async def aclose(self) -> None:
        await self._client.aclose()
