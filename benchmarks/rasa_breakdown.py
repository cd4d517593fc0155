"""Where a Rasa turn's time goes: each graph component, and the custom-action call.

Runs in the Rasa environment (``.venvs/rasa``), started by ``benchmarks/chat_latency.py``
while the product runs: it loads the same trained model in-process (in-memory tracker store),
times every graph node with Rasa's own ``GraphNodeHook``, and sends each turn's actions to the
running app's action server. Prints one JSON object on its last line:
``{"turns": n, "total_ms": [...], "nodes": {name: [ms per turn]}}``.

Usage: ACTION_ENDPOINT_TOKEN=… rasa_breakdown.py MODEL ACTIONS_URL TEXT...
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from rasa.core.agent import Agent
from rasa.engine.graph import ExecutionContext, GraphNodeHook
from rasa.utils.endpoints import EndpointConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the model's own components


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
    agent = Agent.load(model, action_endpoint=EndpointConfig(url=actions_url, token=token))
    assert agent.processor is not None
    timer = NodeTimer()
    for node in agent.processor.graph_runner._instantiated_nodes.values():  # type: ignore[attr-defined]
        node._hooks.append(timer)
    totals: list[float] = []
    nodes: dict[str, list[float]] = defaultdict(list)
    for round_ in range(2):  # the first round warms up: not counted
        for number, text in enumerate(texts):
            timer.turn.clear()
            started = time.perf_counter()
            await agent.handle_text(text, sender_id=f"breakdown-{round_}-{number}")
            if round_:
                totals.append((time.perf_counter() - started) * 1000)
                for name, ms in timer.turn.items():
                    nodes[name].append(ms)
    return {"turns": len(totals), "total_ms": totals, "nodes": dict(nodes)}


if __name__ == "__main__":
    logging.disable(logging.WARNING)
    model_path, url, *messages = sys.argv[1:]
    result = asyncio.run(main(model_path, url, os.environ["ACTION_ENDPOINT_TOKEN"], messages))
    print(json.dumps(result))
