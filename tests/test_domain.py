"""The Rasa domain and training data: bilingual parity and consistency with the app."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.chat.schemas import OUTCOMES

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
RESPONSES = DOMAIN["responses"]


def _examples(language: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "data" / "nlu" / language).glob("*.yml")):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            if "intent" in block:
                lines = [
                    line[2:] for line in block["examples"].splitlines() if line.startswith("- ")
                ]
                found.setdefault(block["intent"], []).extend(lines)
    return found


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_every_response_has_a_french_default_and_an_english_variation(name):
    variations = RESPONSES[name]
    defaults = [v for v in variations if "condition" not in v]
    english = [
        v
        for v in variations
        if v.get("condition") == [{"type": "slot", "name": "language", "value": "en"}]
    ]
    assert len(defaults) == 1 and len(english) == 1 and len(variations) == 2
    assert defaults[0]["custom"]["language"] == "fr" and english[0]["custom"]["language"] == "en"
    assert defaults[0]["custom"]["outcome"] == english[0]["custom"]["outcome"] in OUTCOMES
    assert len(defaults[0].get("buttons", [])) == len(english[0].get("buttons", []))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_intent_has_at_least_25_examples_in_each_language(language):
    examples = _examples(language)
    assert set(examples) == set(DOMAIN["intents"])
    thin = {intent: len(lines) for intent, lines in examples.items() if len(lines) < 25}
    assert not thin


def test_the_clinc_extract_is_up_to_date_and_uses_training_splits_only():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "scripts/extract_clinc_oos.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    source = (ROOT / "scripts" / "extract_clinc_oos.py").read_text()
    assert 'SPLITS = ("train", "oos_train")' in source


def test_every_custom_action_in_the_domain_is_served_by_the_app():
    from actions import build_actions

    served = {action.name() for action in build_actions(None)}
    assert set(DOMAIN["actions"]) == served
