"""Small fakes that isolate unit tests from the embedding model and the Rasa server."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from assistant.chat.rasa_client import RasaTurn, parse_turn
from assistant.core.errors import AssistantUnavailable
from assistant.kb.models import Entry


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class HashingEncoder:
    """Bag of folded words hashed into 256 dims: similar wording, similar vectors."""

    name = "hashing-test-encoder"

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: list[str], kind: str) -> np.ndarray:
        self.encoded += texts
        vectors = np.zeros((len(texts), 256), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", _fold(text)):
                bucket = int(hashlib.md5(word.encode()).hexdigest(), 16) % 256
                vectors[row, bucket] += 1.0
            norm = np.linalg.norm(vectors[row])
            if norm:
                vectors[row] /= norm
        return vectors


def make_entry(entry_id: str = "talent-work-permit", **overrides: Any) -> Entry:
    """A valid entry; pass fr=/en= dicts or other fields to override."""
    data: dict[str, Any] = {
        "id": entry_id,
        "topic": "talent",
        "audiences": ["talent"],
        "competent_body": "gouvernement-du-canada",
        "last_verified": date(2026, 11, 28),
        "sources": ["https://www.canada.ca/en/immigration-refugees-citizenship.html"],
        "fr": {
            "title": "Permis de travail",
            "answer": "Le permis de travail est délivré par IRCC. Consultez : https://www.canada.ca",
            "questions": ["Comment obtenir un permis de travail?", "permis de travail Canada"],
        },
        "en": {
            "title": "Work permits",
            "answer": "Work permits are issued by IRCC. See: https://www.canada.ca",
            "questions": ["How do I get a work permit?", "work permit Canada"],
        },
    }
    data.update(overrides)
    return Entry.model_validate(data)


class FakeRasa:
    """Answers like Rasa's REST channel would, from a canned list; or is down."""

    def __init__(self, reply: list[dict[str, Any]] | None = None, *, down: bool = False) -> None:
        self.reply = (
            reply
            if reply is not None
            else [
                {"recipient_id": "x", "text": "Bonjour!"},
                {"recipient_id": "x", "custom": {"outcome": "smalltalk", "language": "fr"}},
            ]
        )
        self.down = down
        self.calls: list[tuple[str, str, str | None]] = []
        self.retries: list[bool] = []  # per call: sent as a retry (Rasa answers it once)

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
        self.calls.append((conversation_id, text, language_hint))
        self.retries.append(retry)
        if self.down:
            raise AssistantUnavailable("down")
        return parse_turn(self.reply)

    async def is_ready(self) -> bool:
        return not self.down

    async def aclose(self) -> None:
        pass


def write_entry(directory: Path, entry: Entry) -> Path:
    path = directory / entry.topic / f"{entry.id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        yaml.safe_dump(entry.model_dump(mode="json", exclude_none=True), allow_unicode=True)
    )
    return path


def sample_entries() -> list[Entry]:
    return [
        make_entry(),
        make_entry(
            "events-congress-centre",
            topic="events",
            audiences=["event_organizer"],
            competent_body="agence-touristique",
            sources=["https://www.convention.qc.ca/"],
            fr={
                "title": "Centre des congrès de Québec",
                "answer": "Le Centre des congrès de Québec accueille les congrès. Voir : https://www.convention.qc.ca/",
                "questions": [
                    "Où organiser un congrès à Québec?",
                    "centre des congrès salle congrès",
                ],
            },
            en={
                "title": "Québec City Convention Centre",
                "answer": "The Centre des congrès de Québec hosts congresses. See: https://www.convention.qc.ca/",
                "questions": [
                    "Where can we host a congress in Québec City?",
                    "convention centre congress venue",
                ],
            },
        ),
        make_entry(
            "bureau-contact",
            topic="bureau",
            audiences=["general"],
            competent_body="bureau",
            escalate=True,
            sources=["https://www.ville.quebec.qc.ca/apropos/relations-internationales/"],
            fr={
                "title": "Joindre le Bureau",
                "answer": "Écrivez à international@ville.quebec.qc.ca ou appelez le 418 641-6411.",
                "questions": [
                    "adresse courriel du Bureau",
                    "comment joindre le Bureau des relations internationales",
                ],
            },
            en={
                "title": "Contacting the Bureau",
                "answer": "Write to international@ville.quebec.qc.ca or call 418 641-6411.",
                "questions": [
                    "Bureau email address",
                    "how to reach the international relations Bureau",
                ],
            },
        ),
    ]
