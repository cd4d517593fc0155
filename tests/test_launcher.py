from __future__ import annotations

import httpx

from assistant.launcher import _not_ready


def test_the_wait_names_the_components_still_loading():
    health = httpx.Response(
        503,
        json={
            "ready": False,
            "components": {
                "database": {"ready": True},
                "rasa": {"ready": False},
                "knowledge_base": {"ready": False, "detail": "loading"},
            },
        },
    )
    assert _not_ready(health) == ["rasa", "knowledge_base (loading)"]
    assert _not_ready(httpx.Response(502, text="Bad Gateway")) == []
