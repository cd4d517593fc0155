"""Rasa custom actions, served by the app process (see assistant/web/actions.py).

Actions receive the app's services in their constructor instead of opening resources at
import time; ``build_actions`` is the one place that wires them.
"""

from __future__ import annotations

from rasa_sdk import Action

from actions.escalation import (
    ActionAskConsent,
    ActionAskEscalationConfirmed,
    ActionAskSlot,
    ActionCancelEscalation,
    ActionSubmitEscalation,
    ValidateEscalationForm,
)
from actions.fallback import ActionNotUnderstood
from actions.language import ActionSwitchLanguage
from actions.route import ActionRoute
from assistant.cases.intake import ASKED_SLOTS
from assistant.cases.service import CaseService
from assistant.kb.retriever import Retriever
from assistant.privacy.consent import FormPrivacy
from assistant.routing.decision import RoutingThresholds


def build_actions(
    retriever: Retriever | None,
    cases: CaseService | None = None,
    retention_days: int = 730,
    escalate_after_kb_misses: int = 2,
    routing: RoutingThresholds | None = None,
    handoff_entries: frozenset[str] = frozenset(),
    privacy: FormPrivacy | None = None,
    public_url: str = "",
) -> list[Action]:
    return [
        ActionRoute(retriever, routing, escalate_after_kb_misses, handoff_entries),
        ActionSwitchLanguage(),
        ActionNotUnderstood(),
        ValidateEscalationForm(),
        ActionAskConsent(retention_days, public_url),
        ActionAskEscalationConfirmed(),
        ActionSubmitEscalation(cases, privacy, retention_days, public_url),
        ActionCancelEscalation(privacy),
        *(ActionAskSlot(slot) for slot in ASKED_SLOTS),
    ]
