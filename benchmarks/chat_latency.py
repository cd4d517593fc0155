"""Chat speed in one run: the product's chat API, its Rasa REST webhook called directly, and a
plain ``rasa init`` bot as the reference; turn rate at 20 conversations; where a KB turn's time
goes; cold start; each process's peak memory; the issue's targets as ratios.

Bounded: about 2,000 requests on loopback, a few minutes in all (plus about 2 minutes the
first time, to train the reference bot). Run with ``make bench``.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant import launcher  # noqa: E402
from assistant.evaluation.metrics import percentile  # noqa: E402
from benchmarks import plain_rasa, turn_breakdown  # noqa: E402

KB_QUESTIONS = [
    "Comment obtenir un permis de travail?",
    "Who helps foreign companies set up in Québec City?",
    "Can the Centre des congrès host 2000 delegates?",
    "c'est quoi le CAQ pour étudier",
    "what is the Organization of World Heritage Cities",
    "How cold is the winter?",
    "Je veux investir dans la région de Québec",
]
# A visitor's mix: KB questions, courtesies, and a question that is not the Bureau's.
QUESTIONS = [*KB_QUESTIONS[:2], "Bonjour", *KB_QUESTIONS[2:5], "merci!", *KB_QUESTIONS[5:]]
QUESTIONS.append("set an alarm for 7 am")
MEMORY_TARGET_MB = 2500
# Turns per conversation: a visitor's few questions. Rasa rebuilds a conversation's tracker from
# all its events at every turn, so one 60-turn conversation would measure that replay instead.
TURNS_PER_CONVERSATION = 6
# A turn Rasa does not finish within the app's timeout is answered 503 (Retry-After); the
# widget then resends it with the same client_message_id, and so does the bench.
RETRIES = 3
ROUNDS = 3
RETRY_SECONDS = 1.0


Target = tuple[str, Callable[[str, str | None, str], dict], list[str]]  # url, payload, questions


@dataclass
class Run:
    latencies: list[float]  # ms, one per turn (a 503 retried counts from the first attempt)
    seconds: float  # wall time of the whole run
    retried: int = 0  # turns answered 503 first, then on retry, as the widget does

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies)

    @property
    def p95(self) -> float:
        return percentile(self.latencies, 0.95)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _conversation(
    client: httpx.AsyncClient,
    url: str,
    payload,
    questions: list[str],
    turns: int,
    latencies: list[float],
    retried: list[int],
    name: str,
) -> None:
    conversation_id = None
    for turn in range(turns):
        text = questions[turn % len(questions)]
        if turn % TURNS_PER_CONVERSATION == 0:  # the next visitor
            conversation_id, sender = None, f"{name}-{turn}"
        started = time.perf_counter()
        body = payload(text, conversation_id, sender)
        response = await client.post(url, json=body)
        for _ in range(RETRIES):  # busy: the widget's retry, same client_message_id
            if response.status_code != 503:
                break
            retried.append(1)
            await asyncio.sleep(RETRY_SECONDS)
            response = await client.post(url, json=body)
        latencies.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
        if "conversation_id" in response.text[:200]:
            conversation_id = response.json().get("conversation_id", conversation_id)


def measure(url: str, payload, questions: list[str], conversations: int, turns: int) -> Run:
    """``conversations`` at once, ``turns`` each: every request's latency and the wall time."""

    latencies: list[float] = []
    retried: list[int] = []

    async def run() -> None:
        limits = httpx.Limits(max_connections=conversations + 5)
        async with httpx.AsyncClient(timeout=60, limits=limits, trust_env=False) as client:
            await asyncio.gather(
                *(
                    _conversation(
                        client,
                        url,
                        payload,
                        questions,
                        turns,
                        latencies,
                        retried,
                        f"bench-{conversations}-{i}-{time.time_ns()}",
                    )
                    for i in range(conversations)
                )
            )

    started = time.perf_counter()
    asyncio.run(run())
    return Run(latencies, time.perf_counter() - started, len(retried))


def alternate(targets: list[Target], conversations: int, turns: int) -> list[Run]:
    """Each target in turn, ``ROUNDS`` times, each one's rounds pooled: one round's p95 at 20
    conversations is its 10th-slowest turn of 200, and this VM's speed drifts between minutes,
    so two things compared are measured in the same minutes."""
    pooled = [Run([], 0.0) for _ in targets]
    for _ in range(ROUNDS):
        for total, (url, payload, questions) in zip(pooled, targets, strict=True):
            run = measure(url, payload, questions, conversations, turns)
            total.latencies += run.latencies
            total.seconds += run.seconds
            total.retried += run.retried
    return pooled


def app_payload(text: str, conversation_id: str | None, _: str) -> dict:
    return {"text": text, "conversation_id": conversation_id, "client_message_id": uuid4().hex}


def rasa_payload(text: str, _: str | None, sender: str) -> dict:
    return {"sender": sender, "message": text}


def row(name: str, run: Run) -> str:
    retried = f"   {run.retried} answered after a 503" if run.retried else ""
    return (
        f"{name:<44} {len(run.latencies):>5} {run.p50:>7.0f}ms {run.p95:>7.0f}ms "
        f"{run.rate:>7.1f}/s{retried}"
    )


def target(name: str, value: float, goal: str, met: bool) -> str:
    return f"  {name:<44} {value:>8.2f}  target {goal:<8} {'met' if met else 'MISSED'}"


def print_breakdown(stack: launcher.LocalStack, model: Path) -> None:
    print("\nWhere a KB turn's time goes (p50 per turn, ms; one conversation at a time)")
    rasa = turn_breakdown.rasa_stages(model, stack.actions_url, stack.action_token, KB_QUESTIONS)
    for name, ms in sorted(rasa.items(), key=lambda item: -item[1]):
        print(f"  Rasa: {name:<42} {ms:>7.1f}")
    for name, ms in turn_breakdown.kb_stages(KB_QUESTIONS).items():
        print(f"  routing action's KB work: {name:<26} {ms:>7.1f}")


def main() -> None:
    print("Reference: a plain `rasa init` bot (moodbot data, default pipeline), same machine")
    with plain_rasa.plain_rasa_bot() as plain_url:
        plain = f"{plain_url}/webhooks/rest/webhook"
        measure(plain, rasa_payload, plain_rasa.QUESTIONS, 2, 10)  # warm-up
        measure(plain, rasa_payload, plain_rasa.QUESTIONS, 20, 6)  # ... at the crowd's size
        plain_crowd = measure(plain, rasa_payload, plain_rasa.QUESTIONS, 20, 10)
        measure_ours(plain, plain_crowd)


def measure_ours(plain: str, plain_crowd: Run) -> None:
    """Our stack, the plain bot (idle meanwhile) at ``plain`` measured alone beside it."""
    database = Path("var/bench.sqlite3")
    started = time.monotonic()
    model = launcher.ensure_model(quiet=True)
    with launcher.local_stack(
        database, name="bench", extra_env={"ASSISTANT_OUTBOX_WORKER": "false"}
    ) as stack:
        all_ready = time.monotonic() - started
        print(f"cold start: everything (Rasa, app, KB) ready in {all_ready:.1f} s")
        chat, webhook = f"{stack.url}/api/chat", f"{stack.rasa_url}/webhooks/rest/webhook"
        measure(chat, app_payload, QUESTIONS, 2, 10)  # warm-up
        # ... and at the crowd's size: the first burst of 20 conversations pays one-time costs
        # (caches and pools growing) in both the app and Rasa, which a steady load does not.
        measure(chat, app_payload, QUESTIONS, 20, 6)
        plain_alone, kb_turn = alternate(
            [(plain, rasa_payload, plain_rasa.QUESTIONS), (chat, app_payload, KB_QUESTIONS)], 1, 21
        )
        bare_alone = measure(webhook, rasa_payload, QUESTIONS, 1, 60)
        ours_alone = measure(chat, app_payload, QUESTIONS, 1, 60)
        bare_crowd, ours_crowd = alternate(
            [(webhook, rasa_payload, QUESTIONS), (chat, app_payload, QUESTIONS)], 20, 10
        )
        memory = peak_rss_mb(stack.rasa.pid), peak_rss_mb(stack.app.pid)
        print(f"\n{'turns':<44} {'n':>5} {'p50':>9} {'p95':>9} {'rate':>9}")
        print(row("plain rasa init bot, REST, 1 conversation", plain_alone))
        print(row("plain rasa init bot, REST, 20 conversations", plain_crowd))
        print(row("chat API, KB questions only, 1 conversation", kb_turn))
        print(row("our Rasa REST (actions included), 1 conv.", bare_alone))
        print(row("chat API, visitor mix, 1 conversation", ours_alone))
        print(row("our Rasa REST (actions included), 20 conv.", bare_crowd))
        print(row("chat API, visitor mix, 20 conversations", ours_crowd))
        print(f"\npeak memory: Rasa {memory[0]:.0f} MB, app {memory[1]:.0f} MB")
        print_breakdown(stack, model)
    database.unlink(missing_ok=True)
    print("\nTargets (issue 13; each ratio's two sides measured in alternating rounds)")
    ratio = kb_turn.p50 / plain_alone.p50
    print(target("KB turn p50 / plain bot turn p50", ratio, "<= 1.8", ratio <= 1.8))
    print(target("turns/s at 20 conversations", ours_crowd.rate, ">= 20", ours_crowd.rate >= 20))
    ratio = ours_crowd.p95 / bare_crowd.p95
    print(target("chat API p95 / Rasa REST p95 (20 conv.)", ratio, "<= 1.15", ratio <= 1.15))
    total = sum(memory)
    print(target("total memory (GB)", total / 1000, "<= 2.5", total <= MEMORY_TARGET_MB))


if __name__ == "__main__":
    main()
