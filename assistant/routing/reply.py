"""What the assistant says for a routing decision: the messages, built without Rasa.

Each function returns ``Utterance``s, which the routing action (``actions/route.py``) hands to
Rasa's dispatcher as they are. Texts come from the bilingual strings table; domain responses
(``utter_…``) are named, Rasa renders them in the conversation's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.core.i18n import t
from assistant.kb.answer import answer_text, choice_button
from assistant.kb.models import Entry
from assistant.routing.decision import Route

OFFER_PAYLOAD = "/contact_bureau"  # the button that accepts the offer of a person
SMALLTALK_RESPONSES = {
    "greet": "utter_greet",
    "goodbye": "utter_goodbye",
    "thank": "utter_you_are_welcome",
    "bot_challenge": "utter_iamabot",
    "ask_capabilities": "utter_capabilities",
}
SMALLTALK_DEFAULT = "utter_how_can_i_help"
OUT_OF_SCOPE = "utter_out_of_scope"
COURTESY_REPLIES = {"greet": "greeting_reply", "thank": "thanks_reply"}  # "Bonjour! <answer>"


@dataclass(frozen=True)
class Utterance:
    """One message, in the terms of rasa-sdk's ``CollectingDispatcher.utter_message``."""

    text: str | None = None
    response: str | None = None  # a domain response, instead of a text
    buttons: list[dict[str, str]] = field(default_factory=list)
    custom: dict[str, Any] | None = None  # the widget's metadata (outcome, language, entries)

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "response": self.response,
            "buttons": self.buttons,
            "json_message": self.custom,
        }


def said(text: str, outcome: str, language: str) -> Utterance:
    """A plain text with its outcome for the widget."""
    return Utterance(text=text, custom={"outcome": outcome, "language": language})


def courtesy_reply(opening: str | None, language: str) -> str | None:
    """The greeting or thanks returned before an answer ("Bonjour!"), if the visitor opened so."""
    key = COURTESY_REPLIES.get(opening or "")
    return t(key, language) if key else None


def answers(entries: list[Entry], language: str, prefix: str | None = None) -> list[Utterance]:
    """One message per entry (the first one prefixed), then the offer to contact the Bureau
    when an entry needs staff."""
    messages = []
    for position, entry in enumerate(entries):
        text = answer_text(entry, language)
        if prefix and position == 0:
            text = f"{prefix} {text}"
        custom = {"outcome": "answer", "language": language, "kb_entries": [entry.id]}
        messages.append(Utterance(text=text, custom=custom))
    if any(entry.escalate for entry in entries):
        button = {"title": t("kb_offer_bureau_button", language), "payload": OFFER_PAYLOAD}
        messages.append(Utterance(text=t("kb_offer_bureau", language), buttons=[button]))
    return messages


def smalltalk(act: str | None) -> Utterance:
    return Utterance(response=SMALLTALK_RESPONSES.get(act or "", SMALLTALK_DEFAULT))


def out_of_scope() -> Utterance:
    return Utterance(response=OUT_OF_SCOPE)


def clarification(entries: list[Entry], language: str) -> Utterance:
    """A choice between entries, one button each."""
    return Utterance(
        text=t("kb_clarify" if len(entries) > 1 else "kb_clarify_one", language),
        buttons=[choice_button(e, language) for e in entries],
        custom={"outcome": "clarify", "language": language, "kb_entries": [e.id for e in entries]},
    )


def not_understood(language: str, foreign: bool) -> Utterance:
    key = "other_language_not_understood" if foreign else "kb_not_understood"
    return said(t(key, language), "fallback", language)


def escalation_offer(language: str) -> Utterance:
    """After repeated misses: shall the inquiry go to a person?"""
    return Utterance(
        text=t("kb_offer_escalation", language),
        buttons=[
            {"title": t("yes_transmit", language), "payload": OFFER_PAYLOAD},
            {"title": t("no_thanks", language), "payload": "/deny"},
        ],
        custom={"outcome": "escalate", "language": language},
    )


def for_route(
    route: Route, entries: list[Entry], language: str, opening: str | None, foreign: bool
) -> list[Utterance]:
    """The messages for a decision (none for "escalate": the form speaks); ``entries`` are the
    decision's entries, ``opening`` the visitor's greeting or thanks before the question."""
    if route.kind == "escalate":
        return []
    if route.kind == "answer":
        return answers(entries, language, courtesy_reply(opening, language))
    if route.kind == "smalltalk":
        return [smalltalk(route.act)]
    if route.kind == "out_of_scope":
        return [out_of_scope()]
    if route.kind == "clarify":
        return [clarification(entries, language)]
    return [not_understood(language, foreign)]


def counts_as_miss(route: Route) -> bool:
    """A turn that ends without an answer the visitor can use: a choice or "not understood"."""
    return route.kind not in ("escalate", "answer", "smalltalk", "out_of_scope")


def count_miss(misses: int, escalate_after: int) -> tuple[int, bool]:
    """One more turn without a confident answer: (the new count, whether to offer a person).
    The count starts again once a person is offered."""
    misses += 1
    return (0, True) if misses >= escalate_after else (misses, False)
