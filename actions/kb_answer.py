"""Answering from the knowledge base: answer, clarify between entries, or admit not knowing."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from assistant.core.i18n import colon, t
from assistant.kb.models import Entry
from assistant.kb.retriever import Decision, Retriever


def source_url(entry: Entry, language: str) -> str:
    """The entry's source in the visitor's language when it has one (…/fr/… or …/en/…)."""
    urls = [str(url) for url in entry.sources]
    other = "/en/" if language == "fr" else "/fr/"
    return next(
        (url for url in urls if f"/{language}/" in url),
        next((url for url in urls if other not in url), urls[0]),
    )


def answer_text(entry: Entry, language: str) -> str:
    content = entry.content(language)
    label = t("source", language) + colon(language)
    url = source_url(entry, language)
    if entry.competent_body == "autre":  # no useful body name: the source speaks for itself
        return f"{content.answer}\n{label}{url}"
    body = t(f"body.{entry.competent_body}", language)
    return f"{content.answer}\n{label}{body} — {url}"


def choice_button(entry: Entry, language: str) -> dict[str, str]:
    payload = "/" + entry.intent + json.dumps({"kb_entry": entry.id}, separators=(",", ":"))
    return {"title": entry.content(language).title, "payload": payload}


class ActionAnswerFromKB(Action):
    def __init__(self, retriever: Retriever | None, escalate_after_misses: int = 2) -> None:
        self._retriever = retriever
        self._escalate_after_misses = max(1, escalate_after_misses)

    def name(self) -> str:
        return "action_answer_from_kb"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = tracker.get_slot("language") or "fr"
        if self._retriever is None:
            self._say(dispatcher, t("kb_unavailable", language), "fallback", language)
            return []
        chosen_id = next(tracker.get_latest_entity_values("kb_entry"), None)
        chosen = self._retriever.entry(chosen_id) if chosen_id else None
        if chosen is not None:
            self._answer(dispatcher, chosen, language)
            return [SlotSet("kb_misses", 0)]
        text = tracker.latest_message.get("text") or ""
        decision: Decision = await asyncio.to_thread(self._retriever.decide, text)
        if decision.kind == "answer":
            self._answer(dispatcher, decision.candidates[0].entry, language)
            return [SlotSet("kb_misses", 0)]
        if decision.kind == "clarify":
            entries = [c.entry for c in decision.candidates]
            prompt = "kb_clarify" if len(entries) > 1 else "kb_clarify_one"
            dispatcher.utter_message(
                text=t(prompt, language),
                buttons=[choice_button(e, language) for e in entries],
                json_message={
                    "outcome": "clarify",
                    "language": language,
                    "kb_entries": [e.id for e in entries],
                },
            )
        else:
            intent = (tracker.latest_message.get("intent") or {}).get("name")
            key = "kb_not_understood" if intent == "nlu_fallback" else "kb_no_answer"
            self._say(dispatcher, t(key, language), "fallback", language)
        misses = (tracker.get_slot("kb_misses") or 0) + 1
        # still no confident answer after a clarification or a rephrasing: offer a person
        if misses >= self._escalate_after_misses:
            dispatcher.utter_message(
                text=t("kb_offer_escalation", language),
                buttons=[
                    {"title": t("yes_transmit", language), "payload": "/contact_bureau"},
                    {"title": t("no_thanks", language), "payload": "/deny"},
                ],
                json_message={"outcome": "escalate", "language": language},
            )
            misses = 0
        return [SlotSet("kb_misses", misses)]

    def _answer(self, dispatcher: CollectingDispatcher, entry: Entry, language: str) -> None:
        dispatcher.utter_message(
            text=answer_text(entry, language),
            json_message={"outcome": "answer", "language": language, "kb_entries": [entry.id]},
        )
        if entry.escalate:
            dispatcher.utter_message(
                text=t("kb_offer_bureau", language),
                buttons=[
                    {"title": t("kb_offer_bureau_button", language), "payload": "/contact_bureau"}
                ],
            )

    @staticmethod
    def _say(dispatcher: CollectingDispatcher, text: str, outcome: str, language: str) -> None:
        dispatcher.utter_message(text=text, json_message={"outcome": outcome, "language": language})
