"""The action endpoint Rasa calls, served on loopback by the app process itself.

Running the actions here (rasa-sdk's ActionExecutor inside FastAPI) lets them use the app's
live KB index and database directly: a KB edit is visible to the next action call.
"""

from __future__ import annotations

import hmac
import logging

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse
from rasa_sdk.interfaces import (
    ActionExecutionRejection,
    ActionMissingDomainException,
    ActionNotFoundException,
)

from assistant.services import Services

log = logging.getLogger(__name__)


def create_actions_app(services: Services) -> FastAPI:
    app = FastAPI(title="Actions (internal)", docs_url=None, redoc_url=None, openapi_url=None)
    expected = services.settings.action_endpoint_token
    wait_for_kb = services.settings.actions_wait_for_kb

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/token")
    async def check_token(token: str = Query("")) -> JSONResponse:
        """The launcher asks, before Rasa's first call, whether the token it gave Rasa is ours."""
        if not hmac.compare_digest(token, expected):
            return JSONResponse({"error": "wrong action endpoint token"}, 403)
        return JSONResponse({"status": "ok"})

    @app.post("/webhook")
    async def webhook(request: Request, token: str = Query("")) -> JSONResponse:
        if not hmac.compare_digest(token, expected):
            log.error(
                "refused an action call: its token is not ASSISTANT_ACTION_ENDPOINT_TOKEN "
                "(Rasa's ACTION_ENDPOINT_TOKEN differs; start both with `make run`, which "
                "gives them the same token from var/action_endpoint_token)"
            )
            return JSONResponse({"error": "forbidden"}, 403)
        action_call = await request.json()
        name = action_call.get("next_action")
        if name == "action_route" and wait_for_kb and services.retriever is None:
            # nothing ran: the balancer may send the call to another app (make run-cluster)
            return JSONResponse({"error": "knowledge base loading", "action_name": name}, 503)
        try:
            result = await services.executor.run(action_call)
        except ActionExecutionRejection as error:
            return JSONResponse({"error": error.message, "action_name": error.action_name}, 400)
        except ActionNotFoundException as error:
            log.error("unknown action %s", name)
            return JSONResponse({"error": error.message, "action_name": error.action_name}, 404)
        except ActionMissingDomainException as error:
            return JSONResponse({"error": error.message, "action_name": error.action_name}, 449)
        except Exception:
            log.exception("action %s failed", name)  # the tracker (visitor text) is not logged
            return JSONResponse({"error": "action failed", "action_name": name}, 500)
        return JSONResponse(result.model_dump() if result else None)

    return app
