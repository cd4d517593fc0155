"""A tokenizer that uses the right spaCy pipeline for each message's language.

French: ``fr_core_news_sm`` (tokens and rule-based lemmas: "investirais" -> "investir").
English: a blank pipeline with spaCy's lookup lemmatizer (``spacy-lookups-data``); the official
``en_core_web_sm`` is not on PyPI. Lemmas are lowercased and accent-folded so that
"evenement" and "événements" meet. Needs ``LanguageDetector`` earlier in the pipeline.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from assistant.nlu.language import DETECTED_LANGUAGE


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class BilingualSpacyTokenizer(Tokenizer):
    """spaCy tokens and lemmas in French or English, chosen per message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
            "french_model": "fr_core_news_sm",
        }

    @staticmethod
    def required_packages() -> list[str]:
        return ["spacy", "spacy_lookups_data"]

    def __init__(self, config: dict[str, Any]) -> None:
        import spacy

        super().__init__(config)
        french = spacy.load(config["french_model"], exclude=["parser", "ner", "senter"])
        english = spacy.blank("en")
        english.add_pipe("lemmatizer", config={"mode": "lookup"})
        english.initialize()
        self._pipelines = {"fr": french, "en": english}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> BilingualSpacyTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        language = message.get(DETECTED_LANGUAGE) or "fr"
        doc = self._pipelines.get(language, self._pipelines["fr"])(message.get(attribute))
        tokens = [
            Token(t.text, t.idx, lemma=_fold(t.lemma_ or t.text))
            for t in doc
            if not t.is_space and not (t.is_punct and len(t.text) == 1 and t.text not in "?")
        ]
        return self._apply_token_pattern(tokens)
