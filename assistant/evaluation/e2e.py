"""``make eval-e2e``: what visitors actually receive, measured through ``POST /api/chat``.

Starts the real stack (Rasa with the trained model, the app, an SMTP server that keeps the
mail) unless ``--url`` names a running one, then sends every held-out inquiry of
``tests/data/e2e/`` as a new conversation, the CLINC150 validation probes (never trained on),
and plays the scripted dialogues, checking the case emails. Prints a table per language and
per writing style, the targets met or missed, and writes every miss to a JSON report.

Router settings are tuned on the ``tune`` half (``--split tune --set route_answer_probability=…``
passes any ``Settings`` field to the app) and reported on the ``report`` half.

    python -m assistant.evaluation.e2e [--split report|tune|all] [--url URL] [--json PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assistant.core.config import PROJECT_ROOT
from assistant.evaluation.dataset import clinc_probes
from assistant.evaluation.e2e_client import DialogueResult, Reply, ask_all, play, run_probes
from assistant.evaluation.e2e_data import (
    Inquiry,
    load_dialogues,
    load_inquiries,
    side,
    unknown_entries,
)
from assistant.evaluation.e2e_scoring import (
    GIVES_KB_CONTENT,
    GOOD_VERDICTS,
    Result,
    metrics,
    verdict,
)
from assistant.evaluation.e2e_tables import print_tables
from assistant.launcher import MailCollector, local_stack

REPORT_FILE = PROJECT_ROOT / "var" / "eval" / "e2e-report.json"
WORDS = re.compile(r"\w+", re.UNICODE)


def run_inquiries(url: str, items: list[Inquiry]) -> tuple[list[Result], list[float]]:
    payloads = [{"text": i.text, "language": i.hint} for i in items]
    replies = asyncio.run(ask_all(url, payloads))
    results = []
    for item, reply in zip(items, replies, strict=True):
        result = Result(
            id=item.id,
            group=item.group,
            style=item.style,
            expected=item.expected,
            text=item.text,
            acceptable=item.entries,
            outcome=reply.outcome,
            kb_entries=reply.kb_entries,
            language=reply.language,
            expected_language=item.expected_reply_language,
            words=len(WORDS.findall(item.text)),
        )
        result.verdict = verdict(result)
        results.append(result)
    return results, [r.seconds for r in replies]


@dataclass
class Evaluation:
    results: list[Result]
    probes: list[Reply]
    dialogues: list[DialogueResult]
    figures: dict[str, float]
    latencies: list[float]
    probe_texts: list[str]  # what each of ``probes`` answered

    def misses(self) -> dict[str, Any]:
        good = {**GOOD_VERDICTS, "answer": {"right"}}
        return {
            "figures": self.figures,
            "inquiries": [
                asdict(r)
                for r in self.results
                if r.verdict not in good[r.expected] or not r.language_right
            ],
            "clinc_answered": [
                {"outcome": p.outcome, "kb_entries": p.kb_entries, "text": t}
                for p, t in zip(self.probes, self.probe_texts, strict=True)
                if p.outcome in GIVES_KB_CONTENT
            ],
            "dialogues": [asdict(d) for d in self.dialogues if not d.passed],
        }


def evaluate(
    url: str,
    *,
    split: str = "report",
    mailbox: MailCollector | None = None,
    dialogues: bool = True,
    probes: bool = True,
) -> Evaluation:
    items = [i for i in load_inquiries() if split == "all" or side(i.id) == split]
    scripts = load_dialogues() if dialogues else []  # every dialogue, whatever the half
    probe_texts = (
        [p for p in clinc_probes(in_scope_sample=200) if split == "all" or side(p) == split]
        if probes
        else []
    )
    results, latencies = run_inquiries(url, items)
    probe_replies = run_probes(url, probe_texts)
    played = [play(url, d, mailbox) for d in scripts]
    figures = metrics(results, probe_replies, played)
    return Evaluation(results, probe_replies, played, figures, latencies, probe_texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=("report", "tune", "all"), default="report")
    parser.add_argument(
        "--url", help="a running app instead of starting the stack (no email checks)"
    )
    parser.add_argument("--json", type=Path, default=REPORT_FILE, help="where to write the misses")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="a Settings field for the app it starts, e.g. route_answer_probability=0.4",
    )
    parser.add_argument("--no-dialogues", action="store_true")
    args = parser.parse_args(argv)

    from assistant.kb.loader import load_entries

    known = {e.id for e in load_entries(PROJECT_ROOT / "kb" / "entries")}
    unknown = unknown_entries(load_inquiries(), load_dialogues(), known)
    if unknown:
        print("labels naming no KB entry:\n  " + "\n  ".join(unknown), file=sys.stderr)
        return 2

    def run(url: str, mailbox: MailCollector | None) -> Evaluation:
        print(f"Evaluating the {args.split} half through {url}/api/chat …", flush=True)
        evaluation = evaluate(
            url, split=args.split, mailbox=mailbox, dialogues=not args.no_dialogues
        )
        print_tables(
            evaluation.results,
            evaluation.probes,
            evaluation.dialogues,
            evaluation.figures,
            evaluation.latencies,
        )
        return evaluation

    if args.url:
        evaluation = run(args.url.rstrip("/"), None)
    else:
        env = {}
        for assignment in args.set:
            key, _, value = assignment.partition("=")
            env[f"ASSISTANT_{key.strip().upper()}"] = value.strip()
        with (
            tempfile.TemporaryDirectory() as workdir,
            local_stack(
                Path(workdir) / "e2e.sqlite3", name="e2e", extra_env=env, timeout=900
            ) as stack,
        ):
            evaluation = run(stack.url, stack.mailbox)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(evaluation.misses(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print(f"\nEvery miss: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
