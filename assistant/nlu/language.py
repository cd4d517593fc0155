"""Per-message language detection for the Rasa pipeline (French / English).

lingua's bundled models decide; Québec proper names and acronyms are removed first
because "Where is the Centre des congrès de Québec?" is English with a French name in it.
A message only sets the conversation's language when the detection is decisive; otherwise
the widget's language hint (message metadata ``language``) is used, and failing that the
``language`` slot keeps its value — so "ok" or "CAQ?" never flips a conversation.

The decision is emitted as the entity ``language`` (filling the slot of the same name)
and the detected language is stored on the message for the tokenizer.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

DETECTED_LANGUAGE = "detected_language"
LANGUAGE_ENTITY = "language"
SUPPORTED = ("fr", "en")

# Names visitors of either language write as they are (accents folded, lowercase).
PROPER_NAMES = (
    "ville de quebec",
    "quebec city",
    "quebec",
    "vieux-quebec",
    "vieux quebec",
    "centre des congres",
    "chateau frontenac",
    "universite laval",
    "laval",
    "destination quebec cite",
    "quebec international",
    "investissement quebec",
    "carnaval",
    "festival d'ete",
    "festival d ete",
    "fetes de la nouvelle-france",
    "bureau des relations internationales",
    "relations internationales",
    "francisation quebec",
    "francophonie",
    "montreal",
    "canada",
    "rue de buade",
    "place d'youville",
    "grande allee",
    "saint-laurent",
    "levis",
    "jean lesage",
    "assemblee nationale",
    "petit champlain",
    "cegep",
    "arrima",
    "mifi",
    "ramq",
)
# Function words that exist in only one of the two languages: a cheap second opinion that
# makes short lowercase messages ("i want to invest in quebec") decisive.
FUNCTION_WORDS = {
    "en": frozenset(
        [
            "i",
            "you",
            "we",
            "they",
            "he",
            "she",
            "it",
            "is",
            "are",
            "was",
            "the",
            "to",
            "of",
            "and",
            "for",
            "with",
            "what",
            "how",
            "where",
            "when",
            "why",
            "who",
            "can",
            "could",
            "would",
            "should",
            "do",
            "does",
            "my",
            "our",
            "your",
            "this",
            "that",
            "there",
            "want",
            "need",
            "have",
            "has",
        ]
    ),
    "fr": frozenset(
        [
            "je",
            "tu",
            "nous",
            "vous",
            "ils",
            "elle",
            "est",
            "sont",
            "le",
            "la",
            "les",
            "un",
            "une",
            "des",
            "du",
            "de",
            "et",
            "pour",
            "avec",
            "quoi",
            "comment",
            "ou",
            "quand",
            "pourquoi",
            "qui",
            "peux",
            "peut",
            "voudrais",
            "mon",
            "ma",
            "mes",
            "notre",
            "votre",
            "ce",
            "cette",
            "il",
            "faut",
            "veux",
        ]
    ),
}
_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
# Email addresses, web addresses and handles carry no language signal either.
_ADDRESS = re.compile(r"\S+@\S+|https?://\S+|www\.\S+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase and strip accents ("Québec" -> "quebec")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def strip_proper_names(text: str) -> str:
    """Remove acronyms and known Québec names, which carry no language signal."""
    without_acronyms = _ACRONYM.sub(" ", _ADDRESS.sub(" ", text))
    folded = fold(without_acronyms)
    for name in sorted(PROPER_NAMES, key=len, reverse=True):
        folded = re.sub(rf"\b{re.escape(name)}\b", " ", folded)
    return " ".join(folded.split())


def _function_margin(words: list[str], language: str) -> int:
    other = "en" if language == "fr" else "fr"
    return sum(w in FUNCTION_WORDS[language] for w in words) - sum(
        w in FUNCTION_WORDS[other] for w in words
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageDetector(GraphComponent, EntityExtractorMixin):
    """Detects French or English per message and decides the conversation language."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # decisive on a single word only when this sure (e.g. "bonjour", "thanks")
            "min_confidence_short": 0.9,
            # decisive on three words or more from this confidence
            "min_confidence": 0.75,
            "min_words": 3,
            # ... or from this one when function words agree (at least `min_function_margin`
            # more words exclusive to the detected language than to the other)
            "min_confidence_with_function_words": 0.55,
            "min_function_margin": 2,
        }

    @staticmethod
    def required_packages() -> list[str]:
        return ["lingua"]

    def __init__(self, config: dict[str, Any]) -> None:
        from lingua import Language, LanguageDetectorBuilder

        self._config = config
        self._languages = {Language.FRENCH: "fr", Language.ENGLISH: "en"}
        self._detector = (
            LanguageDetectorBuilder.from_languages(*self._languages)
            .with_preloaded_language_models()
            .build()
        )

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        return cls(config)

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        for key in ("min_confidence", "min_confidence_short"):
            if not 0.5 <= float(config[key]) <= 1.0:
                raise ValueError(f"LanguageDetector: {key} must be within [0.5, 1.0]")

    def detect(self, text: str) -> tuple[str | None, float, list[str]]:
        """Most likely language, its confidence, and the words that carried the signal."""
        cleaned = strip_proper_names(text)
        words = _WORD.findall(cleaned)
        if not words:
            return None, 0.0, []
        best = self._detector.compute_language_confidence_values(cleaned)[0]
        return self._languages[best.language], float(best.value), words

    def decide(self, text: str, hint: str | None) -> tuple[str | None, float]:
        """The conversation language this message sets, or None to keep the current one."""
        language, confidence, words = self.detect(text)
        config = self._config
        long_enough = len(words) >= config["min_words"]
        decisive = language is not None and (
            confidence >= config["min_confidence_short"]
            or (long_enough and confidence >= config["min_confidence"])
            or (
                long_enough
                and confidence >= config["min_confidence_with_function_words"]
                and _function_margin(words, language) >= config["min_function_margin"]
            )
        )
        if decisive:
            return language, confidence
        if hint in SUPPORTED:
            return hint, 1.0
        return None, confidence

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            if example.get(TEXT):
                example.set(DETECTED_LANGUAGE, self.detect(example.get(TEXT))[0] or "fr")
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            metadata = message.get("metadata") or {}
            hint = metadata.get("language") if isinstance(metadata, dict) else None
            detected, _, _ = self.detect(text)
            message.set(DETECTED_LANGUAGE, detected or hint or "fr")
            if text.startswith("/"):
                continue  # button payloads carry no language
            decided, confidence = self.decide(text, hint)
            if decided is None:
                continue
            entity = {
                "entity": LANGUAGE_ENTITY,
                "value": decided,
                "start": 0,
                "end": len(text),
                "confidence": round(confidence, 3),
            }
            message.set(
                ENTITIES,
                message.get(ENTITIES, []) + self.add_extractor_name([entity]),
                add_to_output=True,
            )
        return messages
