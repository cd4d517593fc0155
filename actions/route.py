"""The routing action: every visitor message outside the escalation form comes here.

It gathers the evidence (the NLU's intent, the KB's classifier on the question without its
courtesies, on each question of a multi-question message, and on a short follow-up read with
the previous question), asks ``assistant.routing.decision.route`` what to do, and says it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.kb_answer import answer_text, choice_button
from actions.language import switch_language
from assistant.core.i18n import t
from assistant.kb.models import Entry
from assistant.kb.retriever import Evidence, Retriever
from assistant.routing.decision import (
    ESCALATION_INTENTS,
    Message,
    Route,
    RoutingThresholds,
    confident_entry,
    route,
)
from assistant.routing.text import (
    Courtesies,
    asks_how,
    asks_to_be_contacted,
    asks_to_switch_language,
    looks_like_follow_up,
    question_parts,
    split_courtesies,
    without_switch_request,
    word_count,
)

ESCALATION_FORM = "escalation_form"
SMALLTALK_RESPONSES = {
    "greet": "utter_greet",
    "goodbye": "utter_goodbye",
    "thank": "utter_you_are_welcome",
    "bot_challenge": "utter_iamabot",
    "ask_capabilities": "utter_capabilities",
}
OFFER_PAYLOAD = "/contact_bureau"


def _entity(tracker: Tracker, name: str) -> str | None:
    return next(tracker.get_latest_entity_values(name), None)


def previous_question(tracker: Tracker) -> str | None:
    """The visitor's previous typed message in this conversation, if any."""
    seen_latest = False
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if not seen_latest:
            seen_latest = True
            continue
        text = str(event.get("text") or "")
        if text and not text.startswith("/"):
            return text
    return None


def offered_escalation(tracker: Tracker) -> bool:
    """Did the assistant's last message offer to pass the inquiry on to the Bureau?"""
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users > 1:
                return False
        elif event.get("event") == "bot" and users == 1:
            buttons = (event.get("data") or {}).get("buttons") or []
            return any(b.get("payload") == OFFER_PAYLOAD for b in buttons)
    return False


class ActionRoute(Action):
    def __init__(
        self,
        retriever: Retriever | None,
        thresholds: RoutingThresholds | None = None,
        escalate_after_misses: int = 2,
        handoff_entries: frozenset[str] = frozenset(),
    ) -> None:
        self._retriever = retriever
        self._thresholds = thresholds or RoutingThresholds()
        self._escalate_after_misses = max(1, escalate_after_misses)
        self._handoff_entries = handoff_entries

    def name(self) -> str:
        return "action_route"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = tracker.get_slot("language") or "fr"
        intent = tracker.latest_message.get("intent") or {}
        intent_name = intent.get("name")
        foreign = _entity(tracker, "foreign_language") is not None
        if foreign:
            dispatcher.utter_message(text=t("other_language_note", language))

        if intent_name in ("affirm", "deny") and offered_escalation(tracker):
            if intent_name == "affirm":
                return [FollowupAction(ESCALATION_FORM)]
            self._say(dispatcher, t("escalation_declined", language), "smalltalk", language)
            return [SlotSet("kb_misses", 0)]

        if self._retriever is None:
            self._say(dispatcher, t("kb_unavailable", language), "fallback", language)
            return []
        chosen_id = _entity(tracker, "kb_entry")
        chosen = self._retriever.entry(chosen_id) if chosen_id else None
        if chosen is not None:  # a button of a clarification
            self._answer(dispatcher, [chosen], language)
            return [SlotSet("kb_misses", 0)]

        text = str(tracker.latest_message.get("text") or "")
        if text.startswith("/") and intent_name in ESCALATION_INTENTS:
            return [FollowupAction(ESCALATION_FORM)]  # a button: the intent is the visitor's
        switched: list[dict[str, Any]] = []
        if not foreign and asks_to_switch_language(text):
            text = without_switch_request(text)
            question_follows = word_count(split_courtesies(text).question) > 0
            switched = switch_language(dispatcher, tracker, question_follows=question_follows)
            language = switched[0]["value"]
            if not question_follows:
                return switched
        courtesies = split_courtesies(text)
        decision = await self._decide(tracker, text, courtesies, intent, foreign)
        said = self._say_route(dispatcher, tracker, decision, courtesies.opening, language, foreign)
        return switched + said

    async def _decide(
        self,
        tracker: Tracker,
        text: str,
        courtesies: Courtesies,
        intent: dict[str, Any],
        foreign: bool,
    ) -> Route:
        assert self._retriever is not None
        question = courtesies.question or text
        parts = question_parts(question)
        previous = previous_question(tracker)
        follow_up = (
            f"{split_courtesies(previous).question} {question}"
            if previous and word_count(question) <= self._thresholds.follow_up_words
            else None
        )
        evidence: list[Evidence] = []
        follow_up_evidence: Evidence | None = None
        follow_up_wording = looks_like_follow_up(text)
        if word_count(question):  # "?!" or an emoji alone: nothing to look up
            evidence = await asyncio.to_thread(self._retriever.analyse, [question, *parts])
            # the follow-up reading costs a second embedding: only when it can matter
            unsure = confident_entry(evidence[0], self._thresholds) is None
            if follow_up and (follow_up_wording or unsure):
                [follow_up_evidence] = await asyncio.to_thread(self._retriever.analyse, [follow_up])
        message = Message(
            intent=intent.get("name"),
            confidence=float(intent.get("confidence") or 0.0),
            only_courtesy=courtesies.only_courtesy,
            courtesy=courtesies.opening,
            foreign=foreign,
            follow_up_wording=follow_up_wording,
            asks_how=asks_how(question),
            asks_to_be_contacted=asks_to_be_contacted(question),
            escalation_entries=frozenset(e.id for e in self._retriever.index.entries if e.escalate),
            handoff_entries=self._handoff_entries,
        )
        return route(
            message,
            evidence[0] if evidence else None,
            evidence[1:],
            follow_up_evidence,
            self._thresholds,
        )

    def _say_route(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        decision: Route,
        opening: str | None,
        language: str,
        foreign: bool,
    ) -> list[dict[str, Any]]:
        assert self._retriever is not None
        if decision.kind == "escalate":
            return [FollowupAction(ESCALATION_FORM)]
        if decision.kind == "answer":
            entries = [e for e in map(self._retriever.entry, decision.entries) if e is not None]
            prefix = {"greet": "greeting_reply", "thank": "thanks_reply"}.get(opening or "")
            self._answer(dispatcher, entries, language, t(prefix, language) if prefix else None)
            return [SlotSet("kb_misses", 0)]
        if decision.kind == "smalltalk":
            response = SMALLTALK_RESPONSES.get(decision.act or "")
            if response:
                dispatcher.utter_message(response=response)
            else:
                dispatcher.utter_message(response="utter_how_can_i_help")
            return []
        if decision.kind == "out_of_scope":
            dispatcher.utter_message(response="utter_out_of_scope")
            return [SlotSet("kb_misses", 0)]
        if decision.kind == "clarify":
            entries = [e for e in map(self._retriever.entry, decision.entries) if e is not None]
            dispatcher.utter_message(
                text=t("kb_clarify" if len(entries) > 1 else "kb_clarify_one", language),
                buttons=[choice_button(e, language) for e in entries],
                json_message={
                    "outcome": "clarify",
                    "language": language,
                    "kb_entries": [e.id for e in entries],
                },
            )
        else:
            key = "other_language_not_understood" if foreign else "kb_not_understood"
            self._say(dispatcher, t(key, language), "fallback", language)
        return self._count_miss(dispatcher, tracker, language)

    def _count_miss(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Still no confident answer after a clarification or a rephrasing: offer a person."""
        misses = (tracker.get_slot("kb_misses") or 0) + 1
        if misses >= self._escalate_after_misses:
            dispatcher.utter_message(
                text=t("kb_offer_escalation", language),
                buttons=[
                    {"title": t("yes_transmit", language), "payload": OFFER_PAYLOAD},
                    {"title": t("no_thanks", language), "payload": "/deny"},
                ],
                json_message={"outcome": "escalate", "language": language},
            )
            misses = 0
        return [SlotSet("kb_misses", misses)]

    def _answer(
        self,
        dispatcher: CollectingDispatcher,
        entries: list[Entry],
        language: str,
        prefix: str | None = None,
    ) -> None:
        for position, entry in enumerate(entries):
            text = answer_text(entry, language)
            if prefix and position == 0:
                text = f"{prefix} {text}"
            dispatcher.utter_message(
                text=text,
                json_message={"outcome": "answer", "language": language, "kb_entries": [entry.id]},
            )
        if any(entry.escalate for entry in entries):
            dispatcher.utter_message(
                text=t("kb_offer_bureau", language),
                buttons=[
                    {"title": t("kb_offer_bureau_button", language), "payload": OFFER_PAYLOAD}
                ],
            )

    @staticmethod
    def _say(dispatcher: CollectingDispatcher, text: str, outcome: str, language: str) -> None:
        dispatcher.utter_message(text=text, json_message={"outcome": outcome, "language": language})
