"""Per-message language detection for the Rasa pipeline (French / English).

lingua's bundled models decide; Québec proper names and acronyms are removed first
because "Where is the Centre des congrès de Québec?" is English with a French name in it.
A message only sets the conversation's language when the detection is decisive; otherwise
the widget's language hint (message metadata ``language``) is used, and failing that the
``language`` slot keeps its value — so "ok" or "CAQ?" never flips a conversation.

A first message with no page language follows the best guess even when it is weak ("office
address pls" is English). A message clearly in another language (Spanish, German, Arabic…)
gets the entity ``foreign_language`` and a reply in the page's language if it is French,
else in English (README, "Language policy").
The decision is emitted as the entity ``language`` (filling the slot of the same name)
and the detected language is stored on the message for the tokenizer.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.nlu.language_signals import (
    ACRONYM,
    ADDRESS,
    OTHER_LANGUAGES,
    WORD,
    foreign_greeting,
    function_margin,
    script_language,
    sentences,
    strip_proper_names,
)

DETECTED_LANGUAGE = "detected_language"
LANGUAGE_ENTITY = "language"
FOREIGN_ENTITY = "foreign_language"  # set when a message is in neither French nor English
SUPPORTED = ("fr", "en")


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
            # another language: its confidence among all recognised ones
            "foreign_min_confidence": 0.4,
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
        others = [getattr(Language, name) for name in OTHER_LANGUAGES]
        self._any_detector = (
            LanguageDetectorBuilder.from_languages(*self._languages, *others)
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
        words = WORD.findall(cleaned)
        if not words:
            return None, 0.0, []
        best = self._detector.compute_language_confidence_values(cleaned)[0]
        return self._languages[best.language], float(best.value), words

    def foreign(self, text: str) -> str | None:
        """The ISO code of the language of a message in neither French nor English, if clear.

        A message in another script (Arabic, Chinese, Cyrillic…) is foreign by its script. One
        in Latin script needs three words ("Ana García", typed in the form, is a name, not
        Spanish) and lingua's confidence among the Latin-script languages it knows."""
        cleaned = ACRONYM.sub(" ", ADDRESS.sub(" ", text))
        words = WORD.findall(cleaned)
        if not words:
            return None
        by_script = script_language(cleaned)
        if by_script is not None:
            return by_script
        greeting = foreign_greeting(cleaned)
        if greeting is not None:
            return greeting
        if len(words) < 3:
            return None
        best = self._any_detector.compute_language_confidence_values(cleaned)[0]
        if best.language in self._languages:
            return None
        if best.value < self._config["foreign_min_confidence"]:
            return None
        return str(best.language.iso_code_639_1.name.lower())

    def is_clear(self, language: str | None, confidence: float, words: list[str]) -> bool:
        """Whether a detection is decisive enough to set the conversation's language."""
        config = self._config
        long_enough = len(words) >= config["min_words"]
        margin = function_margin(words, "fr") if language == "fr" else function_margin(words, "en")
        return (
            language is not None
            and margin > -config["min_function_margin"]
            and (
                confidence >= config["min_confidence_short"]
                or (long_enough and confidence >= config["min_confidence"])
                or (
                    long_enough
                    and confidence >= config["min_confidence_with_function_words"]
                    and margin >= config["min_function_margin"]
                )
            )
        )

    def mixed(self, text: str) -> tuple[bool, str | None]:
        """Whether the message has sentences clearly in French and others clearly in English,
        and then the language with the most words in them (None on a tie).

        "Is Québec International the same thing as Investissement Québec? c'est mêlant" is
        mixed and mostly English; one sentence with French words in it ("write me a poème
        about la tour Eiffel") is not mixed: the detector reads it whole."""
        counts = {"fr": 0, "en": 0}
        parts = sentences(text)
        for sentence in parts if len(parts) > 1 else []:
            language, confidence, words = self.detect(sentence)
            if language is not None and self.is_clear(language, confidence, words):
                counts[language] += len(words)
        if not (counts["fr"] and counts["en"]):
            return False, None
        if counts["fr"] == counts["en"]:
            return True, None
        return True, max(counts, key=counts.__getitem__)

    def decide(
        self,
        text: str,
        hint: str | None,
        detection: tuple[str | None, float, list[str]] | None = None,
    ) -> tuple[str | None, float]:
        """The conversation language this message sets, or None to keep the current one.

        Decisive evidence wins; short and mixed messages follow the widget's or the
        conversation's language (``hint``); a first message with neither follows the
        language most of a mixed message's words are in, then the words only one language
        has ("pour", "the"), else the detector's best guess. ``detection``: ``detect(text)``
        when the caller has it already."""
        language, confidence, words = detection or self.detect(text)
        is_mixed, majority = self.mixed(text)
        if not is_mixed and self.is_clear(language, confidence, words):
            return language, confidence
        if hint in SUPPORTED:
            return hint, 1.0
        if is_mixed:
            return majority, confidence
        french_margin = function_margin(words, "fr")
        if french_margin:
            return ("fr" if french_margin > 0 else "en"), confidence
        if language is not None and len(words) >= 2:  # a first message, no page language
            return language, confidence
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
            metadata = metadata if isinstance(metadata, dict) else {}
            hint = metadata.get("language")
            detection = self.detect(text)
            message.set(DETECTED_LANGUAGE, detection[0] or hint or "fr")
            if text.startswith("/"):
                continue  # button payloads carry no language
            entities = []
            foreign = self.foreign(text)
            if foreign is not None:
                # Reply in the page's language when the widget says it is French, else English.
                page = metadata.get("page_language")
                decided: str | None = "fr" if page == "fr" else "en"
                confidence = 1.0
                entities.append(self._entity(FOREIGN_ENTITY, foreign, text, 1.0))
            else:
                decided, confidence = self.decide(text, hint, detection)
            if decided is not None:
                entities.append(self._entity(LANGUAGE_ENTITY, decided, text, confidence))
            if entities:
                message.set(
                    ENTITIES,
                    message.get(ENTITIES, []) + self.add_extractor_name(entities),
                    add_to_output=True,
                )
        return messages

    @staticmethod
    def _entity(name: str, value: str, text: str, confidence: float) -> dict[str, Any]:
        return {
            "entity": name,
            "value": value,
            "start": 0,
            "end": len(text),
            "confidence": round(confidence, 3),
        }
