"""The NLU evaluation's test messages (``make eval-nlu``): the held-out French and English
sets, the French out-of-scope list and CLINC150 validation probes, minus any message that is
also in the training data.

Runs in the Rasa environment (Python 3.10, ``scripts/eval_nlu.py``): imports only the standard
library at import time; Rasa, scikit-learn and PyYAML inside the functions that need them.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NLU_DATA = ROOT / "data" / "nlu"
EVAL_FR = ROOT / "tests" / "data" / "nlu_eval_fr.yml"
EVAL_EN = ROOT / "tests" / "data" / "nlu_eval_en.yml"
FR_OOS = ROOT / "tests" / "data" / "nlu_fr_oos_eval.txt"
CLINC = ROOT / "datasets" / "clinc150" / "clinc150_train_val.json"

OOS = "out_of_scope"
FALLBACK = "nlu_fallback"
REJECTED = {OOS, FALLBACK}

# CLINC150 val intents the assistant handles itself (in-scope probes) and the one left out.
CLINC_IN_SCOPE = {
    "greeting": "greet",
    "goodbye": "goodbye",
    "thank_you": "thank",
    "are_you_a_bot": "bot_challenge",
    "what_can_i_ask_you": "ask_capabilities",
    "yes": "affirm",
    "no": "deny",
    "cancel": "cancel",
    "change_language": "switch_language",
}
CLINC_EXCLUDED = {"who_do_you_work_for"}
CLINC_OOS_SAMPLE = 300


@dataclass
class Item:
    text: str
    label: str
    language: str  # "fr" or "en"
    source: str  # which test set it comes from



def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def load_yaml_items(path: Path, language: str, source: str) -> list[Item]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))  # strips entity markup
    return [Item(m.get("text"), m.get("intent"), language, source) for m in data.intent_examples]


def load_fr_oos(path: Path) -> list[Item]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Item(t.strip(), OOS, "fr", "fr out-of-scope") for t in lines if t.strip()]


def sha_order(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_clinc(path: Path) -> list[Item]:
    """CLINC150 val as English probes: mapped small talk, 300 sampled out-of-scope, all oos_val."""
    data = json.loads(path.read_text(encoding="utf-8"))
    small_talk, others = [], []
    for text, intent in data["val"]:
        if intent in CLINC_IN_SCOPE:
            small_talk.append(Item(text, CLINC_IN_SCOPE[intent], "en", "clinc small talk"))
        elif intent not in CLINC_EXCLUDED:
            others.append(text)
    sample = sorted(set(others), key=lambda t: (sha_order(t), t))[:CLINC_OOS_SAMPLE]
    oos = [Item(t, OOS, "en", "clinc out-of-scope") for t in sample]
    oos += [Item(t, OOS, "en", "clinc out-of-scope") for t, _ in data["oos_val"]]
    return small_talk + oos


def training_texts() -> set:
    from rasa.shared.nlu.training_data.loading import load_data

    return {normalise(m.get("text")) for m in load_data(str(NLU_DATA)).training_examples}


def load_test_items() -> tuple[list[Item], Counter]:
    """All test items, minus those also present verbatim in the training data."""
    items = (
        load_yaml_items(EVAL_FR, "fr", "fr held-out")
        + load_yaml_items(EVAL_EN, "en", "en held-out")
        + load_fr_oos(FR_OOS)
        + load_clinc(CLINC)
    )
    seen = training_texts()
    dropped = Counter(i.source for i in items if normalise(i.text) in seen)
    return [i for i in items if normalise(i.text) not in seen], dropped

