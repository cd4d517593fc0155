#!/usr/bin/env python3
"""Generate data/nlu/en/out_of_scope_clinc.yml and data/nlu/en/dialogue_clinc.yml from CLINC150.

CLINC150 (Larson et al., 2019, "An Evaluation Dataset for Intent Classification
and Out-of-Scope Prediction", EMNLP-IJCNLP, https://github.com/clinc/oos-eval,
CC BY 3.0) contains 150 everyday intents (banking, cooking, travel, smart home...)
that are all outside the remit of the Bureau des relations internationales de la
Ville de Québec, plus an "oos" set. We use them as extra English out_of_scope
training examples; and the training queries of the dialogue acts our own intents
handle (greeting, thanks, "are you a bot", yes, no...) as extra English examples of
those intents, so short everyday small talk is not mistaken for out-of-scope.

Rules (see docs/nlu-spec.md):
- only the 'train' and 'oos_train' splits are read; 'val' and 'oos_val' are kept
  for evaluation and are never touched;
- CLINC intents that our assistant handles with its own intents (small talk,
  dialogue acts) are excluded, see EXCLUDED_INTENTS;
- queries mentioning a topic the Bureau does cover (Québec, Canada, investing,
  conferences...) are skipped, see IN_SCOPE_RE;
- N_PER_INTENT queries per kept CLINC intent, N_OOS queries from oos_train and
  N_DIALOGUE queries per DIALOGUE_INTENTS intent are chosen deterministically
  (sorted by the SHA-256 of the text);
- anything colliding (case-insensitive, stripped, entity markup removed) with an
  example of data/nlu/en/*.yml or data/nlu/fr/*.yml (other than the generated
  files themselves) is skipped and the next candidate is taken.

Usage:
    python3 scripts/extract_clinc_oos.py            # (re)write the file
    python3 scripts/extract_clinc_oos.py --check    # exit 1 if the file is stale
    python3 scripts/extract_clinc_oos.py --clinc PATH/clinc150_train_val.json
"""

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CLINC = PROJECT_ROOT / "datasets" / "clinc150" / "clinc150_train_val.json"
OUTPUT = PROJECT_ROOT / "data" / "nlu" / "en" / "out_of_scope_clinc.yml"
DIALOGUE_OUTPUT = PROJECT_ROOT / "data" / "nlu" / "en" / "dialogue_clinc.yml"
NLU_DIRS = [PROJECT_ROOT / "data" / "nlu" / "en", PROJECT_ROOT / "data" / "nlu" / "fr"]

SPLITS = ("train", "oos_train")  # never 'val' / 'oos_val': they are for evaluation
N_PER_INTENT = 3
N_OOS = 60
N_DIALOGUE = 20

# CLINC intents that are NOT out of scope for us: the small talk the dataset's README names
# as in scope (greeting, goodbye, thank_you, are_you_a_bot, what_can_i_ask_you) and dialogue
# acts our own intents handle (affirm, deny, cancel, switch_language), plus "who do you work
# for" (answered about the Bureau). Everything else — jokes, fun facts, the bot's name or
# age, voice settings — is outside the Bureau's remit and taught as out_of_scope.
EXCLUDED_INTENTS = {
    "greeting",  # -> greet
    "goodbye",  # -> goodbye
    "thank_you",  # -> thank
    "are_you_a_bot",  # -> bot_challenge
    "what_can_i_ask_you",  # -> ask_capabilities
    "who_do_you_work_for",  # -> about_bureau / bot_challenge
    "yes",  # -> affirm
    "no",  # -> deny
    "cancel",  # -> cancel
    "change_language",  # -> switch_language
}

# CLINC dialogue acts that are our own intents: their *train* queries become examples of ours.
# ("change_language" is left out: CLINC's is about Spanish, German...; ours is French/English.)
# "greeting" is left out too: CLINC's many bare "hello"s made "Bonjour, je voudrais parler à une
# personne…" a greeting; our own greet examples cover greetings.
DIALOGUE_INTENTS = {
    "goodbye": "goodbye",
    "thank_you": "thank",
    "are_you_a_bot": "bot_challenge",
    "what_can_i_ask_you": "ask_capabilities",
    "yes": "affirm",
    "no": "deny",
    "cancel": "cancel",
}

# Queries touching a subject the Bureau covers (city, talent, invest, events...):
# e.g. "do i need a visa to travel to canada", "how long is winter",
# "is it worth investing in target". Skipped so they do not contradict in-scope intents.
IN_SCOPE_RE = re.compile(
    r"\b(canad\w*|qu[eé]bec\w*|montr[eé]al|invest\w*|winter|classes|college|"
    r"universit\w*|immigra\w*|permit\w*|mayor\w*|conference\w*|congress\w*|"
    r"festival\w*)\b",
    re.IGNORECASE,
)

# Characters that Rasa would read as markup or that the spec forbids.
FORBIDDEN_CHARS_RE = re.compile(r"[\[\]{}#]")

ENTITY_RE = re.compile(r"\[([^\]]*)\](?:\{[^}]*\}|\([^)]*\))")

HEADER = """\
# GENERATED FILE - do not edit by hand.
# Regenerate with: python3 scripts/extract_clinc_oos.py  (check with --check)
#
# English out_of_scope examples taken from CLINC150 (train and oos_train splits only):
# Larson et al., 2019, "An Evaluation Dataset for Intent Classification and
# Out-of-Scope Prediction", EMNLP-IJCNLP. https://github.com/clinc/oos-eval
# Licensed under Creative Commons Attribution 3.0 (CC BY 3.0),
# https://creativecommons.org/licenses/by/3.0/ - queries used unmodified,
# selected as described in scripts/extract_clinc_oos.py.
"""


DIALOGUE_HEADER = HEADER.replace(
    "English out_of_scope examples taken from CLINC150",
    "English examples of our dialogue-act intents taken from CLINC150",
)


def norm(text):
    """Comparison key: entity markup removed, stripped, case-insensitive."""
    text = ENTITY_RE.sub(r"\1", text)
    return " ".join(text.split()).casefold()


def stable_key(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def existing_examples():
    """Normalised examples of every hand-written NLU file (en and fr)."""
    seen = set()
    for folder in NLU_DIRS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")):
            if path.resolve() in (OUTPUT.resolve(), DIALOGUE_OUTPUT.resolve()):
                continue
            with open(path, encoding="utf-8") as fh:
                doc = yaml.safe_load(fh) or {}
            for item in doc.get("nlu") or []:
                block = item.get("examples") if isinstance(item, dict) else None
                if not isinstance(block, str):
                    continue
                for line in block.splitlines():
                    line = line.strip()
                    if line.startswith("- "):
                        seen.add(norm(line[2:]))
    return seen


def usable(text):
    return bool(text) and not FORBIDDEN_CHARS_RE.search(text) and not IN_SCOPE_RE.search(text)


def pick(candidates, n, taken):
    """First n usable, non-colliding texts, in SHA-256 order."""
    chosen = []
    for text in sorted(set(candidates), key=lambda t: (stable_key(t), t)):
        key = norm(text)
        if len(chosen) == n:
            break
        if not usable(text) or key in taken:
            continue
        taken.add(key)
        chosen.append(text)
    return chosen


def generate(clinc_path):
    with open(clinc_path, encoding="utf-8") as fh:
        data = json.load(fh)

    by_intent = {}
    for text, intent in data["train"]:
        by_intent.setdefault(intent, []).append(" ".join(text.split()))
    oos = [" ".join(text.split()) for text, _ in data["oos_train"]]

    unknown = EXCLUDED_INTENTS - set(by_intent)
    if unknown:
        raise SystemExit(f"excluded intents not found in CLINC train split: {sorted(unknown)}")

    taken = existing_examples()
    examples = []
    for intent in sorted(by_intent):
        if intent in EXCLUDED_INTENTS:
            continue
        examples.extend(pick(by_intent[intent], N_PER_INTENT, taken))
    examples.extend(pick(oos, N_OOS, taken))

    lines = [HEADER, 'version: "3.1"', "", "nlu:", "- intent: out_of_scope", "  examples: |"]
    lines.extend(f"    - {text}" for text in examples)
    dialogue = [DIALOGUE_HEADER, 'version: "3.1"', "", "nlu:"]
    for clinc_intent, ours in sorted(DIALOGUE_INTENTS.items(), key=lambda kv: kv[1]):
        dialogue += [f"- intent: {ours}", "  examples: |"]
        dialogue += [f"    - {text}" for text in pick(by_intent[clinc_intent], N_DIALOGUE, taken)]
    return {OUTPUT: "\n".join(lines) + "\n", DIALOGUE_OUTPUT: "\n".join(dialogue) + "\n"}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--clinc",
        type=Path,
        default=DEFAULT_CLINC,
        help="path to clinc150_train_val.json (default: %(default)s)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if the file on disk differs from what would be generated",
    )
    args = parser.parse_args(argv)

    generated = generate(args.clinc)
    if args.check:
        stale = [
            path.relative_to(PROJECT_ROOT)
            for path, content in generated.items()
            if not path.exists() or path.read_text(encoding="utf-8") != content
        ]
        for rel in stale:
            print(f"{rel} is out of date; run scripts/extract_clinc_oos.py", file=sys.stderr)
        if not stale:
            print("the CLINC extracts are up to date")
        return 1 if stale else 0

    for path, content in generated.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        n = sum(1 for line in content.splitlines() if line.startswith("    - "))
        print(f"wrote {path.relative_to(PROJECT_ROOT)}: {n} examples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
