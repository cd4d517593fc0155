"""The custom Rasa NLU components, run in the Rasa environment (Python 3.10) they live in."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.rasa
ROOT = Path(__file__).resolve().parents[2]
RASA_PYTHON = ROOT / ".venvs" / "rasa" / "bin" / "python"

_SCRIPT = r"""
import json, sys
from assistant.nlu.language import LanguageDetector
from assistant.nlu.tokenizer import BilingualSpacyTokenizer
from rasa.shared.nlu.training_data.message import Message
cases = json.loads(sys.stdin.read())
detector = LanguageDetector(LanguageDetector.get_default_config())
tokenizer = BilingualSpacyTokenizer({**BilingualSpacyTokenizer.get_default_config()})
out = {"decide": [], "lemmas": [], "foreign": []}
for text, hint in cases["decide"]:
    out["decide"].append(detector.decide(text, hint)[0])
for text in cases.get("foreign", []):
    out["foreign"].append(detector.foreign(text))
for text in cases["lemmas"]:
    message = Message({"text": text, "metadata": {}})
    detector.process([message])
    out["lemmas"].append([t.lemma for t in tokenizer.tokenize(message, "text")])
print(json.dumps(out))
"""


def run_in_rasa(script: str, stdin: str = "") -> dict:
    """Runs ``script`` in the Rasa environment; the JSON object it prints last."""
    if not RASA_PYTHON.exists():
        pytest.fail("the Rasa environment is missing: run scripts/setup.sh")
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", script],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def run_components():
    return lambda cases: run_in_rasa(_SCRIPT, json.dumps(cases))


def test_language_decisions_on_short_mixed_and_clear_messages(run_components):
    cases = [
        # short or ambiguous: no decision without a hint, the hint with one
        ("ok", None),
        ("visa?", None),
        ("CAQ", None),
        ("ok", "en"),
        ("oui", "en"),
        # clear single words
        ("bonjour", None),
        ("thanks", None),
        ("merci beaucoup", "en"),
        # French names inside English, and the reverse
        ("Hi! Where is the Centre des congrès de Québec exactly?", "fr"),
        ("Je veux étudier à Laval, c'est quoi le deadline pour le CAQ?", "en"),
        ("i want to invest in quebec", None),
        ("Nous souhaitons organiser un congrès international", "en"),
        # an email address answered in a French form stays French
        ("ana@biomedica.es", "fr"),
        # a first message with no page language: words only one language has, else the
        # detector's best guess from two words on
        ("office address pls", None),
        ("set a timer for 5 min", None),
        ("allo", None),
        ("J'ai un job offer à Québec, c'est quoi le process pour le work permit?", None),
        ("how do I get a CAQ pour études", None),
        # accents count: this is French although its names are not
        ("Merci, c'est très clair. Et Investissement Québec, c'est différent?", "en"),
        # sentences in both languages: the page's language, else most of their words
        ("Is Québec International the same thing as Investissement Québec? c'est mêlant", "fr"),
        ("Is Québec International the same thing as Investissement Québec? c'est mêlant", None),
        ("Do you have an office? c'est quoi l'adresse exacte pour venir en personne", None),
        (
            "c'est quoi le Programme de sélection des travailleurs qualifiés exactly? "
            "did it replace the old PRTQ?",
            None,
        ),
        # one sentence with a few words of the other language is read whole
        ("write me a poème about la tour Eiffel please", None),
        # chat words both languages use follow the conversation
        ("ok bye", None),
        ("ok bye", "en"),
    ]
    decided = run_components({"decide": cases, "lemmas": []})["decide"]
    assert decided == [
        *[None, None, None, "en", "en", "fr", "en", "fr", "en", "fr", "en", "fr", "fr"],
        *["en", "en", "fr", "fr", "en", "fr"],
        *["fr", "en", "fr", "en", "en", None, "en"],
    ]


def test_a_message_in_another_language_is_recognised_as_such(run_components):
    cases = {
        "decide": [],
        "lemmas": [],
        "foreign": [
            "¿Cómo puedo obtener un permiso de trabajo para Quebec?",
            "Wie bekomme ich eine Arbeitserlaubnis in Québec?",
            "如何申请魁北克的技术移民？",
            "كيف يمكنني الحصول على تصريح عمل في كيبيك؟",
            "Как получить разрешение на работу в Квебеке?",
            "Comment obtenir un permis de travail?",
            "How do I get a work permit?",
            "slt jcherche un job a quebec",
            "Ana García",  # a name typed in the form
            "Biomédica Sevilla",
            "Guten Tag!",  # a greeting: too short for the detector, known all the same
            "¡Hola!",
            "ciao",  # Québec French says it too
        ],
    }
    assert run_components(cases)["foreign"] == [
        "es",
        "de",
        "zh",
        "ar",
        "ru",
        None,
        None,
        None,
        None,
        None,
        "de",
        "es",
        None,
    ]


def test_lemmas_are_language_aware_and_accent_folded(run_components):
    lemmas = run_components(
        {
            "decide": [],
            "lemmas": ["Nous investirions dans les événements", "We are investing in events"],
        }
    )["lemmas"]
    assert lemmas[0] == ["nous", "investir", "dans", "le", "evenement"]
    assert lemmas[1] == ["we", "be", "invest", "in", "event"]
