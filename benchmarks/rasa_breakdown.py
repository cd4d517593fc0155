"""Where a Rasa turn's time goes: each graph component, and the custom-action call.

Runs in the Rasa environment (``.venvs/rasa``), started by ``benchmarks/chat_latency.py``
while the product runs: it loads the same trained model in-process (an SQL tracker store on an
SQLite file, as ``make run``'s Rasa has), times every graph node with Rasa's own
``GraphNodeHook``, and sends each turn's actions to the running app's action server. Prints one JSON object on its last line:
``{"turns": n, "total_ms": [...], "nodes": {name: [ms per turn]}}``.

Usage: ACTION_ENDPOINT_TOKEN=… rasa_breakdown.py MODEL ACTIONS_URL TEXT...
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from rasa.core.agent import Agent
from rasa.core.tracker_store import TrackerStore
from rasa.engine.graph import ExecutionContext, GraphNodeHook
from rasa.utils.endpoints import EndpointConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the model's own components


def timed(method: Any, tally: dict[str, float], name: str) -> Any:
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await method(*args, **kwargs)
        finally:
            tally[name] += (time.perf_counter() - started) * 1000

    return wrapper


class NodeTimer(GraphNodeHook):
    """Adds each node's run time (ms) to the current turn's tally."""

    def __init__(self) -> None:
        self.turn: dict[str, float] = defaultdict(float)

    def on_before_node(
        self,
        node_name: str,
        execution_context: ExecutionContext,
        config: dict[str, Any],
        received_inputs: dict[str, Any],
    ) -> dict:
        return {"started": time.perf_counter()}

    def on_after_node(
        self,
        node_name: str,
        execution_context: ExecutionContext,
        config: dict[str, Any],
        output: Any,
        input_hook_data: dict,
    ) -> None:
        self.turn[node_name] += (time.perf_counter() - input_hook_data["started"]) * 1000


async def main(model: str, actions_url: str, token: str, texts: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        store = EndpointConfig(type="SQL", url=f"sqlite:///{folder}/trackers.db")
        agent = Agent.load(
            model,
            tracker_store=TrackerStore.create(store),
            action_endpoint=EndpointConfig(url=actions_url, token=token),
        )
        return await run_turns(agent, texts)


async def run_turns(agent: Agent, texts: list[str]) -> dict[str, Any]:
    assert agent.processor is not None
    timer = NodeTimer()
    for node in agent.processor.graph_runner._instantiated_nodes.values():  # type: ignore[attr-defined]
        node._hooks.append(timer)
    store = agent.tracker_store
    for method in ("retrieve", "save"):
        setattr(store, method, timed(getattr(store, method), timer.turn, "tracker store"))
    totals: list[float] = []
    nodes: dict[str, list[float]] = defaultdict(list)
    for round_ in range(2):  # the first round warms up: not counted
        for number, text in enumerate(texts):
            timer.turn.clear()
            started = time.perf_counter()
            visitor = f"breakdown-{round_}-{number // 6}"  # six turns a conversation
            await agent.handle_text(text, sender_id=visitor)
            if round_:
                totals.append((time.perf_counter() - started) * 1000)
                for name, ms in timer.turn.items():
                    nodes[name].append(ms)
    return {"turns": len(totals), "total_ms": totals, "nodes": dict(nodes)}


if __name__ == "__main__":
    from assistant.nlu import rasa_main

    logging.disable(logging.WARNING)
    # as the product's Rasa (launcher.rasa_command): the same changes to Rasa's own code
    rasa_main.validate_responses_with_a_compiled_schema()
    rasa_main.sqlite_tracker_store_with_one_connection()
    rasa_main.count_stored_events_once()
    model_path, url, *messages = sys.argv[1:]
    result = asyncio.run(main(model_path, url, os.environ["ACTION_ENDPOINT_TOKEN"], messages))
    print(json.dumps(result))
