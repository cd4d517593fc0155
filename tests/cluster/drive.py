"""Visitors driving the cluster through nginx's ``POST /api/chat``, as the widget does: each
message with its own ``client_message_id``, resent with the same id after a 503 (or a
connection cut by a killed process) until it gets its reply."""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

KB_QUESTIONS = [
    ("Quand a lieu le Festival d'été de Québec?", "fr"),
    ("C'est en quelle année que le Vieux-Québec a été inscrit à l'UNESCO?", "fr"),
    ("Comment une ville peut-elle adhérer à l'OVPM?", "fr"),
    ("Peut-on visiter l'hôtel du Parlement?", "fr"),
    ("office address pls", "en"),
    ("What email do I use to write to the city international office?", "en"),
    ("Where is the Quebec City convention centre?", "en"),
    ("Is the Bureau des relations internationales still on rue de Buade?", "en"),
]

VISITORS = [
    ("Ana García", "ana.garcia@example.es", "Biomédica Sevilla", "Espagne"),
    ("Li Wei", "li.wei@example.com", "Optique Lumière", "Chine"),
    ("Jean Tremblay", "jean.tremblay@example.org", "Tremblay Conseil", "France"),
    ("Maria Rossi", "maria.rossi@example.com", "Rossi Medicale", "Italie"),
    ("Fatou Diop", "fatou.diop@example.org", "Diop Santé", "Sénégal"),
]


def escalation_steps(name: str, email: str, organisation: str, country: str) -> list[tuple]:
    """(text, expected outcome, text the last message must contain): the escalation form
    carried through to a case (the same steps as tests/integration/test_rasa_restart.py)."""
    return [
        (
            "Je voudrais parler à quelqu'un du Bureau des relations internationales",
            "escalate",
            "conservés au plus 2 ans",
        ),
        ("/affirm", "form", "Qui êtes-vous"),
        ("Investisseur ou entreprise", "form", "nom"),
        (name, "form", "courriel"),
        (email, "form", "organisation"),
        (organisation, "form", "pays"),
        (country, "form", "secteur"),
        ("technologies médicales", "form", "étape"),
        ("Choix du site", "form", "Décrivez"),
        ("Nous cherchons un site pour un bureau de 20 personnes.", "form", "Voici ce que je vais"),
        ("/affirm", "escalate", "BRI-"),
    ]


@dataclass
class Figures:
    sent: int = 0  # visitor messages (each with its own client_message_id)
    turns: int = 0  # of them, answered
    retries: int = 0
    unavailable: int = 0  # 503 answers (then answered on retry)
    cut: int = 0  # connection cut or 502/504 from nginx (then answered on retry)
    latencies: list[float] = field(default_factory=list)
    forms_completed: int = 0
    form_errors: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)  # conversation → case reference
    conversations: list[str] = field(default_factory=list)
    message_ids: list[str] = field(default_factory=list)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0

    def summary(self) -> str:
        return (
            f"messages sent {self.sent}, replies {self.turns}, retries {self.retries} (503: "
            f"{self.unavailable}, cut connections: {self.cut}), p50 {statistics.median(self.latencies):.2f} s, "
            f"p95 {self.percentile(0.95):.2f} s, max {max(self.latencies):.2f} s, "
            f"forms completed {self.forms_completed}"
        )


class Visitor:
    def __init__(self, client: httpx.AsyncClient, figures: Figures, give_up_after: float):
        self.client = client
        self.figures = figures
        self.give_up_after = give_up_after
        self.conversation_id: str | None = None

    async def say(self, text: str, language: str | None = None) -> dict[str, Any] | None:
        """One visitor message until it gets its reply (None: not answered in time)."""
        message_id = uuid.uuid4().hex
        body = {
            "text": text,
            "conversation_id": self.conversation_id,
            "language": language,
            "client_message_id": message_id,
        }
        started = time.monotonic()
        self.figures.sent += 1
        while time.monotonic() - started < self.give_up_after:
            try:
                response = await self.client.post("/api/chat", json=body, timeout=60)
            except httpx.HTTPError:
                self.figures.cut += 1
            else:
                if response.status_code == 200:
                    reply: dict[str, Any] = response.json()
                    self.figures.turns += 1
                    self.figures.latencies.append(time.monotonic() - started)
                    if self.conversation_id is None:
                        self.conversation_id = reply["conversation_id"]
                        self.figures.conversations.append(self.conversation_id)
                    self.figures.message_ids.append(message_id)
                    return reply
                if response.status_code == 503:
                    self.figures.unavailable += 1
                    body["conversation_id"] = response.json()["error"].get("conversation_id")
                elif response.status_code in (502, 504):
                    self.figures.cut += 1
                else:
                    raise AssertionError(f"{response.status_code}: {response.text}")
            self.figures.retries += 1
            await asyncio.sleep(1.0)  # the widget honours Retry-After; sooner here
        self.figures.unanswered.append(text)
        return None


async def ask_questions(visitor: Visitor, offset: int, until: float) -> None:
    number = offset
    while time.monotonic() < until:
        text, language = KB_QUESTIONS[number % len(KB_QUESTIONS)]
        reply = await visitor.say(text, language)
        if reply is None:
            return
        if not reply["messages"]:
            visitor.figures.unanswered.append(text)
        number += 1


async def carry_form_through(visitor: Visitor, details: tuple[str, str, str, str]) -> None:
    for text, outcome, expected in escalation_steps(*details):
        reply = await visitor.say(text)
        if reply is None:
            return
        last = reply["messages"][-1]["text"] if reply["messages"] else ""
        if reply["outcome"] != outcome or expected not in last:
            visitor.figures.form_errors.append(f"{text!r} → {reply['outcome']}: {last[:120]!r}")
            return
    reference = next(w.strip(".,") for w in last.split() if w.startswith("BRI-"))
    visitor.figures.references[visitor.conversation_id or ""] = reference
    visitor.figures.forms_completed += 1
