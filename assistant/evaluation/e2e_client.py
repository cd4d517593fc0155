"""Driving ``POST /api/chat`` as visitors do: first messages many at a time, and scripted
dialogues that click buttons and check the case email the Bureau receives."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from assistant.evaluation.e2e_data import Dialogue
from assistant.launcher import MailCollector

REFERENCE = re.compile(r"BRI-\d{4}-[0-9A-Z]+")


@dataclass
class Reply:
    outcome: str
    language: str
    kb_entries: list[str]
    texts: list[str]
    buttons: list[dict[str, str]]
    conversation_id: str
    seconds: float

    @classmethod
    def from_json(cls, body: dict[str, Any], seconds: float) -> Reply:
        messages = body.get("messages") or []
        return cls(
            outcome=str(body.get("outcome")),
            language=str(body.get("language")),
            kb_entries=list(body.get("kb_entries") or []),
            texts=[str(m.get("text") or "") for m in messages],
            buttons=[b for m in messages for b in (m.get("buttons") or [])],
            conversation_id=str(body.get("conversation_id")),
            seconds=seconds,
        )


async def _post(client: httpx.AsyncClient, payload: dict[str, Any]) -> Reply:
    started = time.perf_counter()
    for attempt in range(3):
        response = await client.post("/api/chat", json=payload)
        if response.status_code != 503 or attempt == 2:
            break
        await asyncio.sleep(1.0)
    response.raise_for_status()
    return Reply.from_json(response.json(), time.perf_counter() - started)


async def ask_all(url: str, payloads: list[dict[str, Any]], concurrency: int = 4) -> list[Reply]:
    """Each payload as the first message of a new conversation; order kept."""
    semaphore = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, trust_env=False) as client:

        async def one(payload: dict[str, Any]) -> Reply:
            async with semaphore:
                return await _post(client, payload)

        return await asyncio.gather(*(one(p) for p in payloads))


def run_probes(url: str, probes: list[str]) -> list[Reply]:
    return asyncio.run(ask_all(url, [{"text": p, "language": None} for p in probes]))


@dataclass
class DialogueResult:
    id: str
    passed: bool
    failures: list[str] = field(default_factory=list)


def _click(reply: Reply, target: str | int) -> str | None:
    if isinstance(target, int):
        return reply.buttons[target - 1]["payload"] if 0 < target <= len(reply.buttons) else None
    wanted = target.casefold()
    return next((b["payload"] for b in reply.buttons if wanted in b["title"].casefold()), None)


def _check(reply: Reply, expect: Any) -> list[str]:
    problems = []
    if expect.outcome and reply.outcome not in expect.outcome:
        problems.append(f"outcome {reply.outcome}, expected {expect.outcome}")
    if expect.language and reply.language != expect.language:
        problems.append(f"language {reply.language}, expected {expect.language}")
    if expect.entries and not set(expect.entries) & set(reply.kb_entries):
        problems.append(f"entries {reply.kb_entries}, expected one of {expect.entries}")
    joined = "\n".join(reply.texts).casefold()
    missing = [s for s in expect.contains if s.casefold() not in joined]
    if missing:
        problems.append(f"reply lacks {missing}")
    return problems


def _plain_text(mail: Any) -> str:
    body = mail.get_body(("plain",))
    return str(body.get_content()) if body is not None else ""


def play(url: str, dialogue: Dialogue, mailbox: MailCollector | None) -> DialogueResult:
    failures: list[str] = []
    conversation_id: str | None = None
    previous: Reply | None = None
    with httpx.Client(base_url=url, timeout=60, trust_env=False) as client:
        for number, turn in enumerate(dialogue.turns, start=1):
            if turn.click is not None:
                payload = _click(previous, turn.click) if previous else None
                if payload is None:
                    failures.append(f"turn {number}: no button {turn.click!r} to click")
                    break
                text = payload
            else:
                text = turn.say or ""
            started = time.perf_counter()
            response = client.post(
                "/api/chat",
                json={"text": text, "conversation_id": conversation_id, "language": dialogue.hint},
            )
            if response.status_code != 200:
                failures.append(f"turn {number}: HTTP {response.status_code}")
                break
            previous = Reply.from_json(response.json(), time.perf_counter() - started)
            conversation_id = previous.conversation_id
            failures += [
                f"turn {number} ({text[:40]!r}): {p}" for p in _check(previous, turn.expect)
            ]
    if dialogue.case is not None and not failures and previous is not None:
        reference = REFERENCE.search("\n".join(previous.texts))
        if reference is None:
            failures.append("no case reference in the last reply")
        elif mailbox is not None:
            mails = mailbox.wait_for(reference.group(0), timeout=20)
            bodies = "\n".join(_plain_text(m) for m in mails)
            if not mails:
                failures.append(f"no email for {reference.group(0)}")
            missing = [s for s in dialogue.case.email_contains if s not in bodies]
            if mails and missing:
                failures.append(f"the case email lacks {missing}")
    return DialogueResult(dialogue.id, not failures, failures)
