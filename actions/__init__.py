"""Rasa custom actions, served by the app process (see assistant/web/actions.py).

Actions receive the app's services in their constructor instead of opening resources at
import time; ``build_actions`` is the one place that wires them.
"""

from __future__ import annotations

from rasa_sdk import Action

from actions.fallback import ActionNotUnderstood
from actions.kb_answer import ActionAnswerFromKB
from actions.language import ActionSwitchLanguage
from assistant.kb.retriever import Retriever


def build_actions(retriever: Retriever | None) -> list[Action]:
    return [ActionAnswerFromKB(retriever), ActionSwitchLanguage(), ActionNotUnderstood()]
