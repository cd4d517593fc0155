"""What the Bureau does not answer: the examples of the router's out-of-scope class.

Both languages, balanced by weight in ``EntryClassifier.train``: the French and English
``out_of_scope`` examples of the NLU data (``data/nlu/*/out_of_scope*.yml``); the near-domain
messages only the KB must refuse (``kb/out_of_scope/{fr,en}.yml``: other cities' services,
transactions, one's own immigration file — kept out of the NLU data, where such imperatives
would teach the out-of-scope intent to swallow "please forward my request"); and a fixed
sample of CLINC150's *train* queries (``datasets/clinc150``, CC BY 3.0), never its ``val``
split, which measures the result. Left out: CLINC intents about the assistant itself (the
KB answers "what can you do?") and queries that name Canada or Québec, where a question such
as "do I need a visa for Canada?" is the Bureau's business.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.core.config import PROJECT_ROOT

CLINC_FILE = PROJECT_ROOT / "datasets" / "clinc150" / "clinc150_train_val.json"
NLU_DIR = PROJECT_ROOT / "data" / "nlu"
NEAR_DOMAIN_DIR = PROJECT_ROOT / "kb" / "out_of_scope"
# Near-domain messages are few and sit right on the boundary ("book me a flight to Québec"):
# each weighs as much as two ordinary examples (tuned on the tune half of make eval-e2e: at 0.5,
# 1, 2 and 3, out-of-scope rejection rose up to 2 with right answers unchanged).
NEAR_DOMAIN_WEIGHT = 2.0
PER_CLINC_INTENT = 20
# CLINC's own out-of-scope queries ("what is naval engineering", "how does a democracy work")
# are the kind no other intent covers: each weighs as much as this many other examples.
CLINC_OOS_WEIGHT = 3.0
ABOUT_THE_ASSISTANT = {
    "are_you_a_bot",
    "what_can_i_ask_you",
    "who_made_you",
    "who_do_you_work_for",
    "what_is_your_name",
}
NAMES_OUR_PLACE = re.compile(r"canad|qu[eé]bec|montr[eé]al", re.IGNORECASE)
# CLINC150's small talk that its README counts as in scope for us: the NLU's dialogue acts.
CLINC_SMALL_TALK = {"greeting", "goodbye", "thank_you", "are_you_a_bot", "what_can_i_ask_you"}


@dataclass(frozen=True)
class Negative:
    text: str
    language: str
    weight: float = 1.0  # relative to the other examples of its language


def _stable_order(texts: list[str]) -> list[str]:
    return sorted(texts, key=lambda t: hashlib.sha256(t.encode()).hexdigest())


def nlu_out_of_scope(nlu_dir: Path = NLU_DIR) -> list[Negative]:
    negatives: list[Negative] = []
    for language in ("fr", "en"):
        for path in sorted((nlu_dir / language).glob("out_of_scope*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for block in data.get("nlu") or []:
                if block.get("intent") != "out_of_scope":
                    continue
                for line in str(block.get("examples", "")).splitlines():
                    text = line.strip().removeprefix("- ").strip()
                    if text:
                        negatives.append(Negative(text, language))
    return negatives


def near_domain(directory: Path = NEAR_DOMAIN_DIR) -> list[Negative]:
    negatives: list[Negative] = []
    for language in ("fr", "en"):
        path = directory / f"{language}.yml"
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            examples = data.get("examples") or []
            negatives += [Negative(str(t), language, NEAR_DOMAIN_WEIGHT) for t in examples]
    return negatives


def _clinc_train_queries(path: Path) -> list[tuple[str, str]]:
    """CLINC150's *train* and *oos_train* queries with their intents, in the file's order, less
    the intents about the assistant and the queries that name our place."""
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        (text, intent)
        for text, intent in [*data["train"], *data["oos_train"]]
        if intent not in ABOUT_THE_ASSISTANT and not NAMES_OUR_PLACE.search(text)
    ]


def clinc_train(path: Path = CLINC_FILE, per_intent: int = PER_CLINC_INTENT) -> list[Negative]:
    by_intent: dict[str, list[str]] = {}
    for text, intent in _clinc_train_queries(path):
        by_intent.setdefault(intent, []).append(text)
    chosen: list[Negative] = []
    for intent, texts in sorted(by_intent.items()):
        limit = len(texts) if intent == "oos" else per_intent
        weight = CLINC_OOS_WEIGHT if intent == "oos" else 1.0
        chosen += [Negative(t, "en", weight) for t in _stable_order(texts)[:limit]]
    return chosen


def clinc_neighbours(path: Path = CLINC_FILE) -> list[Negative]:
    """Every CLINC150 *train* query outside the Bureau's remit (less small talk, the intents
    about the assistant and queries naming our place): the out-of-scope neighbours
    (``assistant/kb/neighbours.py``)."""
    return [
        Negative(text, "en")
        for text, intent in _clinc_train_queries(path)
        if intent not in CLINC_SMALL_TALK
    ]


def out_of_scope_examples() -> list[Negative]:
    seen: set[str] = set()
    unique: list[Negative] = []
    for negative in [*nlu_out_of_scope(), *near_domain(), *clinc_train()]:
        key = negative.text.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(negative)
    return unique
