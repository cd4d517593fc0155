"""nginx as the cluster configures it (``assistant/cluster/nginx.py``), in front of small
stand-in servers: a chat message whose app is dead is answered by the other app, Rasa's
balancer skips a dead Rasa, server-sent events arrive as they are written, and the
configuration nginx itself accepts names no access log."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from assistant import launcher
from assistant.cluster.nginx import NginxPorts, render_config, start_nginx

pytestmark = pytest.mark.skipif(
    shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(),
    reason="nginx is not installed (scripts/setup.sh --cluster)",
)


class Upstream(BaseHTTPRequestHandler):
    """Answers with its own name; ``/events`` streams one event, waits, then another."""

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        self._send(json.dumps({"served_by": self.server.name, "echo": body}).encode())  # type: ignore[attr-defined]

    def do_GET(self) -> None:  # noqa: N802
        if self.path.endswith("/events"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            self.wfile.write(b"data: first\n\n")
            self.wfile.flush()
            time.sleep(2)
            self.wfile.write(b"data: second\n\n")
            return
        self._send(json.dumps({"served_by": self.server.name}).encode())  # type: ignore[attr-defined]

    def _send(self, payload: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def _serve(name: str) -> tuple[ThreadingHTTPServer, int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    server.name = name  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


@pytest.fixture
def proxy(tmp_path: Path) -> Iterator[NginxPorts]:
    """nginx with app 1 and Rasa 1 dead (nothing listens on their ports)."""
    servers = [_serve(name) for name in ("app 2", "rasa 2", "actions 2")]
    dead = [launcher.free_port() for _ in range(3)]
    ports = NginxPorts(
        public=launcher.free_port(),
        apps=(dead[0], servers[0][1]),
        actions=(dead[2], servers[2][1]),
        rasas=(dead[1], servers[1][1]),
        rasa_balancer=launcher.free_port(),
        actions_balancer=launcher.free_port(),
    )
    tmp_path.chmod(0o755)  # nginx's workers run as nobody when the tests run as root
    nginx = start_nginx(ports, tmp_path / "nginx", tmp_path / "nginx.log")
    try:
        launcher.wait_until(f"http://127.0.0.1:{ports.public}/health", nginx, "nginx", 30)
        yield ports
    finally:
        launcher.stop([nginx])
        for server, _ in servers:
            server.shutdown()
            server.server_close()


def test_a_chat_message_whose_app_is_dead_is_answered_by_the_other_app(proxy: NginxPorts):
    for number in range(4):  # round robin would send every other one to the dead app
        response = httpx.post(
            f"http://127.0.0.1:{proxy.public}/api/chat",
            json={"text": "Bonjour", "client_message_id": f"m{number}"},
            headers={"X-Forwarded-For": "203.0.113.9"},
            timeout=10,
        )
        assert response.status_code == 200
        assert response.json() == {
            "served_by": "app 2",
            "echo": {"text": "Bonjour", "client_message_id": f"m{number}"},
        }


def test_the_apps_reach_a_live_rasa_and_rasa_a_live_action_server(proxy: NginxPorts):
    for port, name in ((proxy.rasa_balancer, "rasa 2"), (proxy.actions_balancer, "actions 2")):
        for _ in range(2):
            response = httpx.post(f"http://127.0.0.1:{port}/webhook", json={}, timeout=10)
            assert response.json()["served_by"] == name


def test_server_sent_events_arrive_as_they_are_written(proxy: NginxPorts):
    url = f"http://127.0.0.1:{proxy.public}/api/conversations/c1/events"
    started = time.monotonic()
    with httpx.stream("GET", url, timeout=10) as response:
        first = next(response.iter_lines())
        waited = time.monotonic() - started
    assert first == "data: first" and waited < 1.5  # not held until the stream ends


def test_the_configuration_keeps_no_access_log_and_binds_loopback(tmp_path: Path):
    ports = NginxPorts(8000, (1, 2), (3, 4), (5, 6), 7, 9)
    config = render_config(ports, tmp_path, tmp_path / "error.log")
    assert "access_log off;" in config
    listens = [line.split()[1] for line in config.splitlines() if line.strip().startswith("listen")]
    assert listens == ["127.0.0.1:8000;", "127.0.0.1:7;", "127.0.0.1:9;"]
    chat = config.split("location = /api/chat")[1].split("}")[0]
    assert "proxy_next_upstream error timeout http_502 non_idempotent;" in chat
    to_rasa = config.split(f"listen 127.0.0.1:{ports.rasa_balancer};")[1].split("}")[0]
    assert "proxy_next_upstream error;" in to_rasa  # a message once sent to a Rasa stays there
