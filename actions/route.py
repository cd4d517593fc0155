"""The routing action: every visitor message outside the escalation form comes here.

It gathers the evidence (the NLU's intent, the KB's classifier on the question without its
courtesies, on each question of a multi-question message, and on a short follow-up read with
the previous question), asks ``assistant.routing.decision.route`` what to do, and says what
``assistant.routing.reply`` builds for that decision.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import switch_language
from actions.tracker import entity, language_of, utter
from assistant.core.i18n import t
from assistant.kb.retriever import Retriever
from assistant.routing import reply
from assistant.routing.decision import (
    ESCALATION_INTENTS,
    Message,
    Route,
    RoutingThresholds,
    route,
)
from assistant.routing.evidence import gather_evidence
from assistant.routing.history import offered_escalation, previous_answers, previous_question
from assistant.routing.places import about_other_cities, asks_about_another_city
from assistant.routing.terms import entries_named_by_acronym
from assistant.routing.text import (
    Courtesies,
    asks_how,
    asks_to_be_contacted,
    asks_to_switch_language,
    looks_like_follow_up,
    split_courtesies,
    without_switch_request,
    word_count,
)

ESCALATION_FORM = "escalation_form"


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
        language = language_of(tracker)
        intent = tracker.latest_message.get("intent") or {}
        intent_name = intent.get("name")
        foreign = entity(tracker, "foreign_language") is not None
        if foreign:
            dispatcher.utter_message(text=t("other_language_note", language))

        if intent_name in ("affirm", "deny") and offered_escalation(tracker.events):
            if intent_name == "affirm":
                return [FollowupAction(ESCALATION_FORM)]
            utter(dispatcher, reply.said(t("escalation_declined", language), "smalltalk", language))
            return [SlotSet("kb_misses", 0)]

        if self._retriever is None:
            utter(dispatcher, reply.said(t("kb_unavailable", language), "fallback", language))
            return []
        chosen_id = entity(tracker, "kb_entry")
        chosen = self._retriever.entry(chosen_id) if chosen_id else None
        if chosen is not None:  # a button of a clarification
            utter(dispatcher, *reply.answers([chosen], language))
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
        previous = previous_question(tracker.events)
        wording = looks_like_follow_up(text)
        evidence = await asyncio.to_thread(
            gather_evidence, self._retriever, question, previous, wording, self._thresholds
        )
        entries = self._retriever.index.entries
        another_city = asks_about_another_city(question)
        message = Message(
            intent=intent.get("name"),
            confidence=float(intent.get("confidence") or 0.0),
            only_courtesy=courtesies.only_courtesy,
            courtesy=courtesies.opening,
            foreign=foreign,
            follow_up_wording=wording,
            asks_how=asks_how(question),
            asks_to_be_contacted=asks_to_be_contacted(question),
            escalation_entries=frozenset(e.id for e in entries if e.escalate),
            handoff_entries=self._handoff_entries,
            topic_entries=frozenset(e.id for e in entries if e.intent == intent.get("name")),
            answered_before=previous_answers(tracker.events),
            another_city=another_city,
            other_city_entries=frozenset(
                e.id for e in entries if another_city and about_other_cities(e.id, e.topic)
            ),
            acronym_entries=entries_named_by_acronym(  # titles read only for a one-word question
                question,
                ((e.id, e.content(language).title) for e in entries for language in e.languages),
            ),
        )
        return route(
            message, evidence.question, evidence.parts, evidence.follow_up, self._thresholds
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
        entries = [e for e in map(self._retriever.entry, decision.entries) if e is not None]
        utter(dispatcher, *reply.for_route(decision, entries, language, opening, foreign))
        if decision.kind == "escalate":
            return [FollowupAction(ESCALATION_FORM)]
        if not reply.counts_as_miss(decision):
            return [] if decision.kind == "smalltalk" else [SlotSet("kb_misses", 0)]
        # still no confident answer after a clarification or a rephrasing: offer a person
        misses = tracker.get_slot("kb_misses") or 0
        misses, offer = reply.count_miss(misses, self._escalate_after_misses)
        if offer:
            utter(dispatcher, reply.escalation_offer(language))
        return [SlotSet("kb_misses", misses)]
