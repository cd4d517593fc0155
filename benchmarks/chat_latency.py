"""Chat API latency at 1 and 20 concurrent conversations, against the bare Rasa REST webhook
measured in the same run; cold start; each process's peak memory.

Bounded: about 500 requests on loopback, a few minutes in all. Run with ``make bench``.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant import launcher  # noqa: E402
from assistant.evaluation.metrics import percentile  # noqa: E402

QUESTIONS = [
    "Comment obtenir un permis de travail?",
    "Who helps foreign companies set up in Québec City?",
    "Bonjour",
    "Can the Centre des congrès host 2000 delegates?",
    "c'est quoi le CAQ pour étudier",
    "what is the Organization of World Heritage Cities",
    "merci!",
    "How cold is the winter?",
    "Je veux investir dans la région de Québec",
    "set an alarm for 7 am",
]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _conversation(
    client: httpx.AsyncClient, url: str, payload, turns: int, latencies: list[float], name: str
) -> None:
    conversation_id = None
    for turn in range(turns):
        text = QUESTIONS[turn % len(QUESTIONS)]
        started = time.perf_counter()
        response = await client.post(url, json=payload(text, conversation_id, name))
        latencies.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
        if "conversation_id" in response.text[:200]:
            conversation_id = response.json().get("conversation_id", conversation_id)


async def measure(url: str, payload, conversations: int, turns: int) -> list[float]:
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=conversations + 5)
    async with httpx.AsyncClient(timeout=60, limits=limits, trust_env=False) as client:
        await asyncio.gather(
            *(
                _conversation(
                    client,
                    url,
                    payload,
                    turns,
                    latencies,
                    f"bench-{conversations}-{i}-{time.time_ns()}",
                )
                for i in range(conversations)
            )
        )
    return latencies


def app_payload(text: str, conversation_id: str | None, _: str) -> dict:
    return {"text": text, "conversation_id": conversation_id}


def rasa_payload(text: str, _: str | None, sender: str) -> dict:
    return {"sender": sender, "message": text}


def main() -> None:
    database = Path("var/bench.sqlite3")
    started = time.monotonic()
    with launcher.local_stack(
        database, name="bench", extra_env={"ASSISTANT_OUTBOX_WORKER": "false"}
    ) as stack:
        all_ready = time.monotonic() - started
        print(f"cold start: everything (Rasa, app, KB) ready in {all_ready:.1f} s")
        app_url, rasa_url = stack.url, stack.rasa_url
        asyncio.run(measure(f"{app_url}/api/chat", app_payload, 2, 10))  # warm-up
        rows = []
        for conversations, turns in ((1, 60), (20, 10)):
            bare = asyncio.run(
                measure(f"{rasa_url}/webhooks/rest/webhook", rasa_payload, conversations, turns)
            )
            ours = asyncio.run(measure(f"{app_url}/api/chat", app_payload, conversations, turns))
            rows.append((conversations, ours, bare))
        print()
        print(
            f"{'conversations':>13} {'requests':>8} {'API p50':>9} {'API p95':>9} {'Rasa p50':>9} {'Rasa p95':>9} {'p95 ratio':>9}"
        )
        for conversations, ours, bare in rows:
            print(
                f"{conversations:>13} {len(ours):>8} {statistics.median(ours):>7.0f}ms {percentile(ours, 0.95):>7.0f}ms "
                f"{statistics.median(bare):>7.0f}ms {percentile(bare, 0.95):>7.0f}ms {percentile(ours, 0.95) / percentile(bare, 0.95):>9.2f}"
            )
        print()
        print(
            f"peak memory: Rasa {peak_rss_mb(stack.rasa.pid):.0f} MB, app {peak_rss_mb(stack.app.pid):.0f} MB"
        )
        print(
            "(bare Rasa = its REST webhook directly, custom actions included; the API adds the gateway: storage, payload checks, the extra hop)"
        )
    database.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
