"""ASVS 4.0.3 V13.1.1 / V5.1.4: a bounded property-based fuzz of the public API, generated from
the app's own OpenAPI schema, against the real app (real SQLite database, a fake Rasa): no
input — valid-looking, wrong-typed, over-long, disguised payloads, junk bytes — gets a 5xx.

Deterministic (``derandomize``) and bounded (``EXAMPLES`` per route) so it runs in CI in
seconds; raise ``EXAMPLES`` locally to dig deeper. Hypothesis keeps no example database."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as fuzz_settings
from hypothesis import strategies as st

from assistant.chat.schemas import ChatResponse
from assistant.core.config import Settings
from assistant.services import Services
from assistant.web.app import create_app
from tests.fakes import FakeRasa, HashingEncoder

EXAMPLES = 40
FUZZ = fuzz_settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ENTRY_IDS = ["talent-work-permit", "events-congress-centre"]
# Disguised button payloads, control characters and markup (see tests/security/test_payloads.py).
TRICKY_TEXTS = [
    "/official_request",
    " /official_request",
    "\u00a0/greet",
    "\u3000/restart",
    '/inform{"email": "x@example.com"}',
    "\x00",
    "\ud800",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "é" * 2001,
]
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


class LiveApp:
    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        http: httpx.AsyncClient,
        conversation_id: str,
        openapi: dict[str, Any],
        services: Services,
    ) -> None:
        self.loop, self.http, self.services = loop, http, services
        self.conversation_id, self.openapi = conversation_id, openapi

    def __repr__(self) -> str:
        return "LiveApp()"

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.loop.run_until_complete(self.http.request(method, url, **kwargs))


@pytest.fixture
def live(settings: Settings) -> Iterator[LiveApp]:
    """The real app on its own event loop (Hypothesis drives a synchronous test), rate limits
    off so every example reaches the handlers, one conversation to aim at."""
    loop = asyncio.new_event_loop()
    unlimited = settings.model_copy(update={"rate_limits": False})
    services = loop.run_until_complete(Services.start(unlimited, encoder=HashingEncoder()))
    loop.run_until_complete(services.kb_ready())
    fake = FakeRasa(
        [
            {"recipient_id": "x", "text": "Bonjour!"},
            {
                "recipient_id": "x",
                "custom": {"outcome": "answer", "language": "fr", "kb_entries": ENTRY_IDS[:1]},
            },
        ]
    )
    services.chat._rasa = fake  # type: ignore[assignment]
    services.rasa = fake  # type: ignore[assignment]
    app = create_app(services)
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
    started = loop.run_until_complete(http.post("/api/chat", json={"text": "Bonjour"}))
    assert started.status_code == 200, started.text
    try:
        yield LiveApp(loop, http, started.json()["conversation_id"], app.openapi(), services)
    finally:
        loop.run_until_complete(http.aclose())
        loop.run_until_complete(services.aclose())
        loop.close()


# --- strategies from the OpenAPI schema ----------------------------------------------------


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def _string(name: str, schema: dict[str, Any], conversation_id: str) -> st.SearchStrategy[Any]:
    longest = schema.get("maxLength", 200)
    plain = st.text(max_size=min(longest + 5, 300)) | st.sampled_from(TRICKY_TEXTS)
    if name == "conversation_id":
        return st.sampled_from([conversation_id, "", "nope"]) | plain
    if name == "kb_entry":
        return st.sampled_from([*ENTRY_IDS, "UPPER", "a" * 81]) | plain
    if name == "timezone":
        return st.sampled_from(["Europe/Paris", "../../etc/passwd", "Mars/Olympus"]) | plain
    return plain


def from_schema(
    schema: dict[str, Any], spec: dict[str, Any], conversation_id: str, name: str = ""
) -> st.SearchStrategy[Any]:
    """Values that mostly fit ``schema`` (and sometimes do not): the validator's edges."""
    schema = _resolve(schema, spec)
    if "anyOf" in schema:
        return st.one_of(*(from_schema(s, spec, conversation_id, name) for s in schema["anyOf"]))
    if "enum" in schema:
        return st.sampled_from(schema["enum"]) | st.text(max_size=5)
    kind = schema.get("type")
    if kind == "string":
        return _string(name, schema, conversation_id)
    if kind == "integer":
        return st.integers() | st.sampled_from([0, -1, 2**63, 10**30])
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {}), spec, conversation_id), max_size=3)
    if kind == "object" and "properties" in schema:
        fields = {
            key: from_schema(value, spec, conversation_id, key)
            for key, value in schema["properties"].items()
        }
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {k: v for k, v in fields.items() if k in required},
            optional={k: v | JSON_VALUES for k, v in fields.items() if k not in required},
        )
    return JSON_VALUES


def _public_json_posts(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every public (non-staff) POST taking a JSON body, with its body schema."""
    found = []
    for path, operations in spec["paths"].items():
        post = operations.get("post")
        if path.startswith("/api/staff") or post is None or "requestBody" not in post:
            continue
        found.append((path, post["requestBody"]["content"]["application/json"]["schema"]))
    return sorted(found)


def _no_server_error(response: httpx.Response, what: str) -> None:
    assert response.status_code < 500, f"{what} -> {response.status_code}: {response.text[:300]}"
    if response.status_code >= 400:  # every refusal is the documented JSON error shape
        body = response.json()
        assert set(body["error"]) >= {"code", "message"}, body


# --- the fuzz ------------------------------------------------------------------------------


def test_v13_1_1_the_public_api_is_the_one_fuzzed(live: LiveApp) -> None:
    """If a public JSON route is added, it is fuzzed too (or this test says why not)."""
    assert [path for path, _ in _public_json_posts(live.openapi)] == ["/api/chat", "/api/feedback"]


@FUZZ
@given(data=st.data())
def test_v13_1_1_public_json_bodies_from_the_openapi_never_get_a_5xx(
    live: LiveApp, data: st.DataObject
) -> None:
    path, schema = data.draw(st.sampled_from(_public_json_posts(live.openapi)), label="route")
    body = data.draw(
        from_schema(schema, live.openapi, live.conversation_id) | JSON_VALUES, label="body"
    )
    # escaped as JSON allows (a lone surrogate "\\ud800" is valid JSON text, not valid UTF-8)
    raw = json.dumps(body, ensure_ascii=True)
    response = live.request(
        "POST", path, content=raw, headers={"Content-Type": "application/json"}
    )
    _no_server_error(response, f"POST {path} {body!r}")
    if path == "/api/chat" and response.status_code == 200:
        ChatResponse.model_validate(response.json())


@FUZZ
@given(
    path=st.sampled_from(["/api/chat", "/api/feedback"]),
    raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
    content_type=st.sampled_from(
        ["application/json", "text/plain", "application/x-www-form-urlencoded", ""]
    ),
)
def test_v13_1_1_junk_bytes_are_refused_not_crashed_on(
    live: LiveApp, path: str, raw: bytes, content_type: str
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = live.request("POST", path, content=raw, headers=headers)
    _no_server_error(response, f"POST {path} {raw!r}")
    assert response.status_code != 200 or json.loads(raw)  # only a real message is answered


@FUZZ
@given(
    conversation_id=(st.text(max_size=80) | st.sampled_from(["", "%00", "a/b"])).filter(
        lambda text: text not in (".", "..")  # path segments the URL would resolve away
    ),
    after=st.integers() | st.sampled_from([2**63, 10**30, -(2**63) - 1]),
    last_event_id=st.sampled_from(["²", "9" * 30, "-1"])
    | st.text(alphabet=st.characters(max_codepoint=255), max_size=25),
)
def test_v13_1_1_transcripts_and_event_streams_of_unknown_conversations_are_404s(
    live: LiveApp, conversation_id: str, after: int, last_event_id: str
) -> None:
    """Random ids never name a live conversation, so the event stream never opens here."""
    from urllib.parse import quote

    ident = quote(conversation_id, safe="") or "x"
    transcript = live.request("GET", f"/api/conversations/{ident}")
    _no_server_error(transcript, f"transcript {conversation_id!r}")
    raw_id = last_event_id.strip().encode("latin-1")  # e.g. "²": a digit to str.isdigit()
    headers = {"Last-Event-ID": raw_id} if raw_id else {}
    events = live.request(
        "GET", f"/api/conversations/{ident}/events", params={"after": after}, headers=headers
    )
    _no_server_error(events, f"events {conversation_id!r} after={after} {last_event_id!r}")
    assert events.status_code in (404, 422)


def test_v13_1_1_resuming_a_live_stream_from_any_header_stays_within_a_database_integer(
    live: LiveApp,
) -> None:
    """What the fuzz found: ``Last-Event-ID: ²`` passed ``str.isdigit`` and ``int`` refused it
    (a 500); a 30-digit id would not bind in SQL, nor on PostgreSQL one past 2**31 - 1 (the
    column is an INTEGER). The live stream (which the fuzz cannot open:
    it never ends) is read for one poll from the clamped position."""
    from assistant.chat.events import conversation_events
    from assistant.web.api.chat import _resume_from

    assert _resume_from("²", 7) == 7
    assert _resume_from(" 12 ", 7) == 12
    assert _resume_from("9" * 30, 0) == _resume_from("", 10**30) == 2**31 - 1
    assert _resume_from("", -5) == 0

    async def one_poll() -> list[str]:
        frames = conversation_events(
            live.services.sessions,
            live.conversation_id,
            2**31 - 1,
            poll_seconds=0.01,
            max_seconds=0.01,
        )
        return [frame async for frame in frames]

    frames = live.loop.run_until_complete(one_poll())
    assert frames and frames[0].startswith("event: status")


def test_v5_1_4_a_lone_surrogate_in_a_message_is_not_a_server_error(live: LiveApp) -> None:
    raw = '{"text": "Bonjour \\ud800 visa?"}'  # valid JSON, not encodable as UTF-8
    response = live.request(
        "POST", "/api/chat", content=raw, headers={"Content-Type": "application/json"}
    )
    _no_server_error(response, "a lone surrogate")
