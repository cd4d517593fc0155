"""What an app's ``/health`` answer says while the launcher waits for it: the components still
loading (shown as progress), and a failure that waiting would not cure."""

from __future__ import annotations

import httpx


def failed_component(response: httpx.Response) -> str:
    """The knowledge base's load error /health reports (it is not retried), or ""."""
    try:
        state = (response.json().get("components") or {}).get("knowledge_base") or {}
    except ValueError:
        return ""
    detail = state.get("detail")
    if state.get("ready") is False and detail and detail != "loading":
        return f"the knowledge base failed to load ({detail})"
    return ""


def not_ready(response: httpx.Response) -> list[str]:
    """The components /health reports as not ready ("knowledge_base (loading)")."""
    try:
        components = response.json().get("components") or {}
    except ValueError:
        return []
    return [
        f"{name} ({state['detail']})" if state.get("detail") else name
        for name, state in components.items()
        if not state.get("ready")
    ]
