"""Readiness of each component, for operators and the launcher."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from assistant.web.deps import ServicesDep

router = APIRouter(tags=["health"])


@router.get("/health", summary="Which components are ready")
async def read_health(services: ServicesDep) -> JSONResponse:
    components: dict[str, dict[str, object]] = {}
    try:
        async with services.sessions() as session:
            await session.execute(text("SELECT 1"))
        components["database"] = {"ready": True}
    except Exception as error:
        components["database"] = {"ready": False, "detail": type(error).__name__}
    components["rasa"] = {"ready": await services.rasa.is_ready()}
    if services.kb is not None and services.kb.retriever is not None:
        components["knowledge_base"] = {
            "ready": True,
            "entries": len(services.kb.retriever.index.entries),
            "last_reload_error": services.kb.last_error,
        }
    else:
        components["knowledge_base"] = {"ready": False, "detail": services.kb_error or "loading"}
    ready = all(c["ready"] for c in components.values())
    return JSONResponse({"ready": ready, "components": components}, 200 if ready else 503)
